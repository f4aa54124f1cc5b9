import type { AuditRow } from './repository.js';

/** Column headers of the export, in the bureau's language (the file goes to auditors and inspectors). */
export const EXPORT_HEADERS = [
  '时间(UTC)',
  '操作人',
  '机构',
  '操作',
  '对象类型',
  '对象ID',
  '变更',
  '结果',
  'IP',
  '客户端',
  '请求ID',
  '哈希',
] as const;

const OUTCOME_ZH: Record<string, string> = { success: '成功', denied: '已拒绝', failure: '失败' };

/** One row as export cells; the time stays a Date so XLSX can store a real date. */
export function exportCells(r: AuditRow): [Date, ...string[]] {
  return [
    r.at,
    r.actorUsername ?? r.actorUserId ?? '',
    r.actorOrgId ?? '',
    r.action,
    r.entityType,
    r.entityId ?? '',
    JSON.stringify(r.changes ?? {}),
    OUTCOME_ZH[r.outcome] ?? r.outcome,
    r.ip ?? '',
    r.userAgent ?? '',
    r.requestId ?? '',
    r.hash,
  ];
}

/** The notice written above the headers when the export was cut at the cap. */
export function cappedNotice(rows: number, total: number): string {
  return `注意：共 ${total} 条记录匹配，仅导出最新的 ${rows} 条，请缩小筛选范围后分批导出。(Truncated: newest ${rows} of ${total} rows.)`;
}

/**
 * A CSV cell. Cells that a spreadsheet would read as a formula (starting with
 * = + - @, or a tab/CR that some programs strip first) get a leading quote, so
 * opening the export never runs anything an audited user managed to write.
 */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** UTF-8 byte order mark: without it Excel opens a CSV as GBK/ANSI and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';

/** `audit-20261127.csv` for the given day (UTC). */
export function exportFilename(now: Date, format: 'xlsx' | 'csv'): string {
  return `audit-${now.toISOString().slice(0, 10).replace(/-/g, '')}.${format}`;
}

