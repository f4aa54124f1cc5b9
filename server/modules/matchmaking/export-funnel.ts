import ExcelJS from 'exceljs';
import type { FunnelView } from '../../../shared/contracts/matchmaking.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { computeFunnel, type FunnelQuery } from './funnel.js';

const GROUP_HEADER: Record<FunnelView['groupBy'], string> = { industry: '行业门类', month: '月份', broker: '技术经纪人' };
const GROUP_NAME: Record<FunnelView['groupBy'], string> = { industry: '按行业', month: '按月份', broker: '按经纪人' };
export const FUNNEL_HEADERS = ['推荐展示次数', '表达意向', '建立联系', '进入洽谈', '达成协议', '未达成关闭', '意向→协议转化率'] as const;

const rate = (c: { interest: number; agreement: number }) => (c.interest === 0 ? '' : `${((c.agreement / c.interest) * 100).toFixed(1)}%`);

/**
 * The funnel as an XLSX workbook with Chinese headers (labels in Chinese
 * whatever the caller's language: the workbook goes to the bureau's reports).
 */
export async function exportFunnel(db: DbOrTx, q: FunnelQuery, now: Date): Promise<{ buffer: Buffer; contentType: string; contentDisposition: string }> {
  const f = await computeFunnel(db, q, now, 'zh-CN');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('对接漏斗');
  ws.columns = [{ width: 28 }, ...FUNNEL_HEADERS.map(() => ({ width: 14 }))];
  ws.addRow([`统计期间：${f.from} 至 ${f.to}（${GROUP_NAME[f.groupBy]}；意向及以后各环节按期间内发起的对接统计至今）`]);
  ws.addRow([GROUP_HEADER[f.groupBy], ...FUNNEL_HEADERS]).font = { bold: true };
  for (const g of [...f.groups, { ...f.total, label: '合计' }]) {
    ws.addRow([g.label, g.shown ?? '—', g.interest, g.contact, g.negotiation, g.agreement, g.closed, rate(g)]);
  }
  ws.lastRow!.font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const filename = `对接漏斗-${GROUP_NAME[f.groupBy]}-${f.from.replace(/-/g, '')}-${f.to.replace(/-/g, '')}.xlsx`;
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename) };
}
