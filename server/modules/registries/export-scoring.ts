import ExcelJS from 'exceljs';
import { SCORE_CRITERIA } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { scoringView } from './scoring.js';

const CRITERION_ZH: Record<(typeof SCORE_CRITERIA)[number], string> = { basics: '基础条件', deals: '交易业绩', capacity: '服务能力', management: '管理与信息化', reputation: '社会声誉' };
const LEVEL_ZH: Record<string, string> = { none: '未认定', municipal: '市级', provincial: '省级', national: '国家级' };

/**
 * A year's demonstration-institution scoring as the reviewer sees it: rank
 * (by weighted total, highest first; unassessed last, unranked), each
 * criterion's score with its weight in the header, total, below standard.
 */
export async function exportScoring(db: DbOrTx, actor: Actor, year: number) {
  const view = await scoringView(db, actor, year);
  const ranked = [...view.rows].sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.institution.name.localeCompare(b.institution.name, 'zh-CN'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年示范机构评价`);
  ws.addRow(['排名', '机构名称', '示范级别', ...SCORE_CRITERIA.map((c) => `${CRITERION_ZH[c]}（权重 ${view.weights[c]}）`), '加权总分', `是否低于合格线（${view.passMark}）`, '备注']).font = { bold: true };
  ws.columns = [{ width: 6 }, { width: 32 }, { width: 10 }, ...SCORE_CRITERIA.map(() => ({ width: 16 })), { width: 10 }, { width: 18 }, { width: 30 }];
  let rank = 0;
  for (const r of ranked) {
    if (r.total !== null) rank += 1;
    const row = ws.addRow([
      r.total !== null ? rank : '',
      r.institution.name,
      LEVEL_ZH[r.recognitionLevel] ?? r.recognitionLevel,
      ...SCORE_CRITERIA.map((c) => (r.scores ? r.scores[c] : '')),
      r.total ?? '未评价',
      r.total === null ? '' : r.belowStandard ? '是' : '否',
      r.note ?? '',
    ]);
    if (r.belowStandard) row.font = { color: { argb: 'FFCF1322' } };
  }
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    rows: ranked.length,
    contentType: CONTENT_TYPES.xlsx,
    contentDisposition: contentDisposition(`示范机构评价-${year}.xlsx`),
  };
}
