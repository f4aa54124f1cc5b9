import ExcelJS from 'exceljs';
import type { Statistics } from '../../../shared/contracts/contracts.js';
import type { DbOrTx } from '../../db/client.js';
import { xlsxSheets } from './export-sheets.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { computeStatistics } from './statistics.js';

/** The statistics as XLSX: one sheet per breakdown, amounts in yuan with two decimals (exact from fen). */
export async function exportStatistics(db: DbOrTx, q: { from?: string; to?: string; year?: number }, now: Date) {
  const s: Statistics = await computeStatistics(db, q, now, 'zh-CN');
  const wb = new ExcelJS.Workbook();
  xlsxSheets(wb, s);
  const filename = `技术合同登记统计-${s.from}-${s.to}.xlsx`;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows: s.totals.contracts };
}
