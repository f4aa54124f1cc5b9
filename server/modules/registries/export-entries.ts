import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { organisations } from '../organisations/schema.js';
import type { RegistryKind } from '../../../shared/contracts/registries.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { COLUMNS, STATUS_ZH } from './columns.js';
import { districtDate } from './dates.js';
import { contentOf, type EntryRow, KINDS } from './kinds.js';

const KIND_TITLE: Record<RegistryKind, string> = { institution: '技术转移服务机构', broker: '技术经纪人', space: '众创空间孵化载体', alliance: '产业技术创新联盟', demo_zone: '示范区和基地', platform: '创新平台' };
/** Rows per export; the header says when more matched. */
export const EXPORT_LIMIT = 50_000;

/**
 * Every entry of a kind (or of one status) as an XLSX workbook with Chinese
 * headers, the same columns the import reads, plus status, owner and dates.
 */
export async function exportEntries(db: DbOrTx, kind: RegistryKind, status: string | undefined, now: Date) {
  const def = KINDS[kind];
  const cols = COLUMNS[kind];
  const q = db
    .select({ entry: def.table, organisationName: organisations.name, creditCode: organisations.creditCode })
    .from(def.table)
    .leftJoin(organisations, eq(organisations.id, def.table.organisationId))
    .where(status ? eq(def.table.status, status) : undefined)
    .orderBy(asc(def.table.id))
    .limit(EXPORT_LIMIT + 1);
  const r = { rows: (await q) as unknown as { entry: EntryRow; organisationName: string | null; creditCode: string | null }[] };
  const truncated = r.rows.length > EXPORT_LIMIT;
  const rows = r.rows.slice(0, EXPORT_LIMIT);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(KIND_TITLE[kind]);
  ws.addRow([...cols.map((c) => c.header), '所属单位', '统一社会信用代码', '状态', '公开日期']).font = { bold: true };
  ws.columns = [...cols.map(() => ({ width: 18 })), { width: 28 }, { width: 22 }, { width: 10 }, { width: 12 }];
  for (const { entry: row, organisationName, creditCode } of rows) {
    const c = contentOf(def, row);
    const cells = cols.map((col) => {
      const v = c[col.key];
      if (v === null || v === undefined) return '';
      if (Array.isArray(v)) return v.map((x) => (col.enumZh ? ((col.enumZh as Record<string, string>)[x] ?? x) : x)).join('、');
      if (col.enumZh) return (col.enumZh as Record<string, string>)[String(v)] ?? String(v);
      if (col.number) return Number(v);
      return String(v);
    });
    const published = row.publishedAt ? districtDate(new Date(row.publishedAt as Date)) : '';
    ws.addRow([...cells, organisationName ?? '', creditCode ?? '', STATUS_ZH[row.status] ?? row.status, published]);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buffer,
    rows: rows.length,
    total: truncated ? EXPORT_LIMIT + 1 : rows.length,
    contentType: CONTENT_TYPES.xlsx,
    contentDisposition: contentDisposition(`${KIND_TITLE[kind]}-${districtDate(now).replace(/-/g, '')}.xlsx`),
  };
}
