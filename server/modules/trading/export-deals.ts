import ExcelJS from 'exceljs';
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { enumLabel } from '../../../shared/taxonomies/index.js';
import { districtDateTime } from '../projects/due-dates.js';
import { presentDealsPublic } from './present.js';
import { tradeDeals } from './schema.js';

const STATUS: Record<string, string> = { notice: '公示中', final: '已生效', cancelled: '已取消' };
export const DEAL_HEADERS = ['科技成果', '转让方', '受让方', '交易方式', '转化方式', '成交金额（元）', '成交时间', '公示截止', '状态', '生效时间', '取消原因'] as const;
const MAX_ROWS = 50_000;

/**
 * Deals as an XLSX workbook for the bureau's reports (Chinese headers). The
 * amount column is written from integer fen as yuan with two decimals; the
 * total row is summed in fen first, so it equals the rows to the fen.
 */
export async function exportDeals(db: DbOrTx, status: string | undefined): Promise<{ buffer: Buffer; contentType: string; contentDisposition: string; rows: number }> {
  const rows = await db
    .select()
    .from(tradeDeals)
    .where(status ? eq(tradeDeals.status, status) : undefined)
    .orderBy(desc(tradeDeals.createdAt))
    .limit(MAX_ROWS);
  const deals = await presentDealsPublic(db, rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('技术交易成交');
  ws.columns = [{ width: 36 }, { width: 28 }, { width: 28 }, { width: 10 }, { width: 12 }, { width: 16 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 18 }, { width: 30 }];
  ws.addRow([...DEAL_HEADERS]).font = { bold: true };
  let totalFen = 0;
  for (const d of deals) {
    if (d.status !== 'cancelled') totalFen += d.amountFen;
    const r = ws.addRow([
      d.achievement.title,
      d.seller.name,
      d.buyer.name,
      d.kind === 'auction' ? '竞价' : '挂牌',
      enumLabel('transferMode', d.transferMode, 'zh-CN'),
      d.amountFen / 100,
      districtDateTime(new Date(d.createdAt)),
      districtDateTime(new Date(d.noticeEndsAt)),
      STATUS[d.status] ?? d.status,
      d.finalisedAt ? districtDateTime(new Date(d.finalisedAt)) : '',
      d.cancelReason ?? '',
    ]);
    r.getCell(6).numFmt = '#,##0.00';
  }
  const total = ws.addRow(['合计（不含已取消）', '', '', '', '', totalFen / 100]);
  total.font = { bold: true };
  total.getCell(6).numFmt = '#,##0.00';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const filename = `技术交易成交${status ? `-${STATUS[status]}` : ''}.xlsx`;
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows: deals.length };
}
