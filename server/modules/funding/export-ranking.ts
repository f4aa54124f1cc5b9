import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { rankingOf } from './present.js';
import { findCall } from './repository.js';

const STATUS_ZH: Record<string, string> = { in_review: '专家评审中', ranked: '已排名', awarded: '获得资助', not_awarded: '未获资助', accepted: '已验收' };
const KIND_ZH: Record<string, string> = { pre_guidance: '事前引导', post_award: '事后奖励', post_subsidy: '后补助' };
const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

/** A call's ranking and award list as XLSX (Chinese headers, amounts in yuan with two decimals). */
export async function exportRanking(db: DbOrTx, callId: string) {
  const call = (await findCall(db, callId))!;
  const r = await rankingOf(db, callId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排名与资助');
  ws.columns = [{ width: 8 }, { width: 34 }, { width: 40 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 14 }];
  ws.addRow([`${call.title}（${KIND_ZH[call.kind] ?? call.kind}）  预算 ${yuan(call.budgetFen)!.toFixed(2)} 元，已资助 ${yuan(r.awardedFen ?? 0)!.toFixed(2)} 元，剩余 ${yuan(r.remainingFen ?? 0)!.toFixed(2)} 元`]);
  ws.addRow(['排名', '申报单位', '项目名称', '综合得分', '评分专家数', '申请金额（元）', '资助金额（元）', '状态']).font = { bold: true };
  for (const i of r.items) ws.addRow([i.rank, i.organisation, i.title, i.score, i.scoresCount, yuan(i.requestedFen), yuan(i.awardFen ?? null), i.withdrawn ? '资助已撤销' : (STATUS_ZH[i.status] ?? i.status)]);
  for (const col of [6, 7]) ws.getColumn(col).numFmt = '#,##0.00';
  ws.getColumn(4).numFmt = '0.00';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(`资助排名-${call.title}.xlsx`), rows: r.items.length };
}
