import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { districtDateTime, districtToday } from './due-dates.js';
import { listOverdue, type OverdueFilter } from './repository.js';

/** The most rows one export holds (the whole district's overdue list is far smaller). */
export const OVERDUE_EXPORT_MAX = 10_000;

export const OVERDUE_HEADERS = ['计划类别', '项目编号', '项目名称', '承担单位', '义务类型', '义务名称', '截止日期', '逾期天数', '状态', '最近提醒时间'] as const;

const KIND_ZH: Record<string, string> = { achievement: '成果登记', report: '科技报告' };
const STATUS_ZH: Record<string, string> = { pending: '待提交', submitted: '已提交待审核', accepted: '已验收', returned: '已退回' };

/**
 * The overdue list as an XLSX workbook with Chinese headers, for the bureau's
 * supervision meetings. Built in memory: the list is bounded by the number of
 * funded projects of one district.
 */
export async function exportOverdue(db: Db, filter: OverdueFilter, now: Date): Promise<{ buffer: Buffer; filename: string; contentType: string; contentDisposition: string; rows: number }> {
  const today = districtToday(now);
  const { items } = await listOverdue(db, filter, today, { limit: OVERDUE_EXPORT_MAX, offset: 0 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('逾期义务');
  ws.columns = [{ width: 18 }, { width: 16 }, { width: 40 }, { width: 30 }, { width: 10 }, { width: 36 }, { width: 12 }, { width: 10 }, { width: 14 }, { width: 20 }];
  const header = ws.addRow([...OVERDUE_HEADERS]);
  header.font = { bold: true };
  for (const r of items) {
    ws.addRow([
      r.programme,
      r.projectNo,
      r.projectTitle,
      r.orgName,
      KIND_ZH[r.kind] ?? r.kind,
      r.title,
      r.dueDate,
      r.daysOverdue,
      STATUS_ZH[r.status] ?? r.status,
      r.lastRemindedAt ? districtDateTime(new Date(r.lastRemindedAt)) : '',
    ]);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const filename = `逾期义务-${today.replace(/-/g, '')}.xlsx`;
  return { buffer, filename, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows: items.length };
}
