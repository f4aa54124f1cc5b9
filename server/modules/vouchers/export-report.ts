import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ReportQuery } from '../../../shared/contracts/vouchers.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { voucherReport } from './report.js';

const GROUP_ZH = { programme: '专项', month: '月份', category: '服务类别', provider: '服务机构', township: '乡镇（街道）' } as const;
const yuan = (fen: number) => Math.round(fen) / 100;

/** The report as XLSX (Chinese headers, amounts in yuan with two decimals), plus a sheet of budget use. */
export async function exportVoucherReport(db: DbOrTx, q: z.output<typeof ReportQuery>, now: Date) {
  const r = await voucherReport(db, q, now, 'zh-CN');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('创新券统计');
  ws.columns = [{ width: 30 }, ...Array.from({ length: 9 }, () => ({ width: 14 }))];
  ws.addRow([`统计期间：${r.from} 至 ${r.to}（按${GROUP_ZH[r.groupBy]}；金额单位：元）`]);
  ws.addRow([GROUP_ZH[r.groupBy], '发放张数', '发放金额', '兑付张数', '兑付金额', '释放金额（过期/作废/余额）', '过期张数', '拨付笔数', '拨付金额']).font = { bold: true };
  for (const g of [...r.rows, r.total]) {
    ws.addRow([g.label, g.issuedCount, yuan(g.issuedFen), g.redeemedCount, yuan(g.redeemedFen), yuan(g.releasedFen), g.expiredCount, g.paidCount, yuan(g.paidFen)]);
  }
  ws.lastRow!.font = { bold: true };
  for (const c of [3, 5, 6, 9]) ws.getColumn(c).numFmt = '#,##0.00';
  const bs = wb.addWorksheet('预算使用');
  bs.columns = [{ width: 30 }, ...Array.from({ length: 5 }, () => ({ width: 16 }))];
  bs.addRow(['专项', '预算总额', '已发放未使用', '已兑付待拨付', '已拨付', '可用余额']).font = { bold: true };
  for (const b of r.budgets) bs.addRow([b.programme.name, yuan(b.balance.allocatedFen), yuan(b.balance.outstandingFen), yuan(b.balance.payableFen), yuan(b.balance.paidFen), yuan(b.balance.availableFen)]);
  for (const c of [2, 3, 4, 5, 6]) bs.getColumn(c).numFmt = '#,##0.00';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const filename = `创新券统计-${GROUP_ZH[r.groupBy]}-${r.from.replace(/-/g, '')}-${r.to.replace(/-/g, '')}.xlsx`;
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows: r.rows.length };
}
