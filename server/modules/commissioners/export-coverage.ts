import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { computeCoverage } from './coverage.js';

/** Coverage on a day as XLSX: a summary by township and every poor village with its commissioners. */
export async function exportCoverage(db: DbOrTx, day: string): Promise<{ buffer: Buffer; contentType: string; contentDisposition: string; rows: number }> {
  const cov = await computeCoverage(db, day);
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('按乡镇');
  sum.columns = [{ width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }];
  sum.addRow([`贫困村科技特派员覆盖情况（截至 ${day}）`]);
  sum.addRow(['乡镇', '贫困村数', '已覆盖', '覆盖率（%）']).font = { bold: true };
  for (const t of cov.townships.filter((x) => x.poorVillages > 0)) sum.addRow([t.name, t.poorVillages, t.covered, Math.round((t.covered / t.poorVillages) * 1000) / 10]);
  sum.addRow(['合计', cov.poorVillages, cov.covered, cov.coverageBasisPoints / 100]).font = { bold: true };
  const list = wb.addWorksheet('贫困村明细');
  list.columns = [{ width: 16 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 40 }];
  list.addRow(['乡镇', '村', '认定年份', '脱贫年份', '是否覆盖', '在岗科技特派员']).font = { bold: true };
  let rows = 0;
  for (const t of cov.townships) {
    for (const v of t.villages) {
      list.addRow([t.name, v.name, v.povertyFlaggedYear ?? '', v.povertyLiftedYear ?? '', v.covered ? '是' : '否', v.commissioners.map((c) => c.name).join('、')]);
      rows++;
    }
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(`贫困村覆盖-${day}.xlsx`), rows };
}
