import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import type { FacilityRow } from './repository.js';
import { localParts } from './rules.js';
import { utilisation } from './utilisation.js';

const yuan = (fen: number) => fen / 100;
const local = (d: Date) => {
  const p = localParts(d);
  return `${p.date} ${String(Math.floor(p.minutes / 60)).padStart(2, '0')}:${String(p.minutes % 60).padStart(2, '0')}`;
};

/** A year's usage records and the monthly utilisation of a facility as XLSX (Chinese headers; fees in yuan). */
export async function exportUsage(db: DbOrTx, f: FacilityRow, year: number): Promise<{ buffer: Buffer; contentType: string; contentDisposition: string; rows: number }> {
  const rows = await db.execute<{ user_name: string; started_at: Date; ended_at: Date; samples: number | null; fee_fen: string; note: string | null }>(sql`
    SELECT user_name, started_at, ended_at, samples, fee_fen::text, note FROM facility_usage
    WHERE facility_id = ${f.id} AND extract(year FROM started_at AT TIME ZONE 'Asia/Shanghai') = ${year} ORDER BY started_at`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('使用记录');
  ws.columns = [{ width: 30 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 12 }, { width: 30 }];
  ws.addRow([`${f.name} ${year} 年使用记录`]);
  ws.addRow(['使用单位/人', '开始', '结束', '样品数', '费用（元）', '备注']).font = { bold: true };
  for (const r of rows.rows) ws.addRow([r.user_name, local(new Date(r.started_at)), local(new Date(r.ended_at)), r.samples ?? '', yuan(Number(r.fee_fen)), r.note ?? '']);
  const m = wb.addWorksheet('月度利用率');
  m.columns = [{ width: 8 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 10 }, { width: 12 }];
  m.addRow(['月份', '使用时长（小时）', '开放时长（小时）', '利用率（%）', '使用次数', '费用（元）']).font = { bold: true };
  for (const x of await utilisation(db, f, year)) m.addRow([x.month, Math.round(x.usedMinutes / 6) / 10, Math.round(x.openMinutes / 6) / 10, x.percent, x.uses, yuan(x.feeFen)]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(`${f.name}-使用记录-${year}.xlsx`), rows: rows.rows.length };
}
