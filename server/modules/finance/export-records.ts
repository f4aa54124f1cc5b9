import { and, asc, eq, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { FINANCE_KIND_LABELS, type FinanceKind } from '../../../shared/contracts/finance.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { organisations } from '../organisations/schema.js';
import { districtDateTime } from '../projects/due-dates.js';
import { signedInYear } from './repository.js';
import { financeRecords } from './schema.js';

/** Yuan with exactly the fen (fen / 100 is exact to two decimals in a double for any real amount). */
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/**
 * Verified records as XLSX, one row each, oldest signed first; filters year
 * (signed) and kind. Amounts in yuan with two decimals; a totals row under
 * the data. Only verified records: drafts and returned ones are the
 * organisations' business.
 */
export async function exportRecords(db: DbOrTx, q: { year?: number; kind?: FinanceKind }, now: Date) {
  const conds: SQL[] = [eq(financeRecords.status, 'verified')];
  if (q.year) conds.push(signedInYear(q.year));
  if (q.kind) conds.push(eq(financeRecords.kind, q.kind));
  const rows = await db
    .select({ r: financeRecords, orgName: organisations.name, creditCode: organisations.creditCode })
    .from(financeRecords)
    .innerJoin(organisations, eq(organisations.id, financeRecords.organisationId))
    .where(and(...conds))
    .orderBy(asc(financeRecords.signedOn), asc(financeRecords.id));

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('科技金融登记');
  const filters = [q.year ? `${q.year} 年签订` : '全部年份', q.kind ? FINANCE_KIND_LABELS[q.kind].zh : '全部类型'].join('，');
  ws.addRow([`科技金融登记（已核实）：${filters}；导出时间 ${districtDateTime(now)}（北京时间）`]).font = { bold: true };
  const header = ws.addRow(['序号', '企业', '统一社会信用代码', '类型', '金融机构', '金额（元）', '保费（元）', '签订日期', '到期日', '质押专利', '评估价值（元）', '评估机构', '申请补贴', '补贴金额（元）', '核实时间']);
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  ws.columns = [6, 30, 22, 16, 28, 16, 14, 12, 12, 40, 16, 24, 10, 14, 18].map((width) => ({ width }));
  rows.forEach(({ r, orgName, creditCode }, i) => {
    const row = ws.addRow([
      i + 1,
      orgName,
      creditCode ?? '',
      FINANCE_KIND_LABELS[r.kind as FinanceKind].zh,
      r.institutionName,
      yuan(r.amountFen),
      yuan(r.premiumFen),
      r.signedOn,
      r.termEndOn ?? '',
      r.pledgedPatents.join('、'),
      yuan(r.evaluatedValueFen),
      r.evaluationInstitution ?? '',
      r.subsidyRequested ? '是' : '否',
      yuan(r.subsidyAmountFen),
      r.verifiedAt ? districtDateTime(r.verifiedAt) : '',
    ]);
    for (const c of [6, 7, 11, 14]) row.getCell(c).numFmt = '#,##0.00';
  });
  const total = ws.addRow(['合计', `${rows.length} 笔`, '', '', '', yuan(rows.reduce((s, x) => s + x.r.amountFen, 0)), yuan(rows.reduce((s, x) => s + (x.r.premiumFen ?? 0), 0))]);
  total.font = { bold: true };
  for (const c of [6, 7]) total.getCell(c).numFmt = '#,##0.00';

  const filename = `科技金融登记-${q.year ?? '全部'}${q.kind ? `-${FINANCE_KIND_LABELS[q.kind].zh}` : ''}.xlsx`;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows: rows.length };
}
