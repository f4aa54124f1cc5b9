import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../../db/client.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';
import { organisations } from '../organisations/schema.js';
import { daysBetween, districtDateTime, districtToday } from '../projects/due-dates.js';
import { planMilestones, planSupervisionItems, planTasks } from './schema.js';

export type SupervisionFilter = { level?: number; orgId?: string; taskId?: string };

/** Open supervision items of a plan, highest level and most overdue first. */
export async function listSupervision(db: DbOrTx, planId: string, filter: SupervisionFilter, now: Date, page: { limit: number; offset: number }) {
  const parts: SQL[] = [eq(planSupervisionItems.planId, planId), isNull(planSupervisionItems.resolvedAt)];
  if (filter.level) parts.push(eq(planSupervisionItems.level, filter.level));
  if (filter.orgId) parts.push(eq(planSupervisionItems.organisationId, filter.orgId));
  if (filter.taskId) parts.push(eq(planSupervisionItems.taskId, filter.taskId));
  const where = and(...parts);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(planSupervisionItems).where(where)) as [{ n: number }];
  const rows = await db
    .select({ i: planSupervisionItems, taskNumber: planTasks.number, taskTitle: planTasks.title, orgName: organisations.name, milestone: planMilestones.title })
    .from(planSupervisionItems)
    .innerJoin(planTasks, eq(planTasks.id, planSupervisionItems.taskId))
    .innerJoin(organisations, eq(organisations.id, planSupervisionItems.organisationId))
    .leftJoin(planMilestones, eq(planMilestones.id, planSupervisionItems.milestoneId))
    .where(where)
    .orderBy(desc(planSupervisionItems.level), asc(planSupervisionItems.dueDate), asc(planTasks.number), asc(organisations.name))
    .limit(page.limit)
    .offset(page.offset);
  const today = districtToday(now);
  return {
    total: n,
    items: rows.map(({ i, taskNumber, taskTitle, orgName, milestone }) => ({
      id: i.id,
      kind: i.kind as 'missing_report',
      task: { id: i.taskId, number: taskNumber, title: taskTitle },
      organisation: { id: i.organisationId, name: orgName },
      period: i.period,
      milestone,
      dueDate: i.dueDate,
      daysOverdue: Math.max(0, daysBetween(i.dueDate, today)),
      level: i.level,
      raisedAt: i.raisedAt.toISOString(),
      escalatedAt: i.escalatedAt.toISOString(),
    })),
  };
}

export const SUPERVISION_HEADERS = ['督办级别', '任务序号', '任务', '责任单位', '事项', '期次/里程碑', '应完成日期', '逾期天数', '首次督办时间', '最近升级时间'] as const;
const KIND_ZH: Record<string, string> = { missing_report: '进度报告未报送', overdue_milestone: '里程碑逾期' };
const LEVEL_ZH = ['', '一级（提醒单位）', '二级（单位负责人、科技局）', '三级（报区政府）'];

/** Add the supervision list as a worksheet (shared by its own export and the plan status export). */
export async function addSupervisionSheet(wb: ExcelJS.Workbook, db: DbOrTx, planId: string, filter: SupervisionFilter, now: Date): Promise<number> {
  const { items } = await listSupervision(db, planId, filter, now, { limit: 50_000, offset: 0 });
  const ws = wb.addWorksheet('督办事项');
  ws.columns = [{ width: 24 }, { width: 8 }, { width: 36 }, { width: 24 }, { width: 16 }, { width: 28 }, { width: 12 }, { width: 10 }, { width: 18 }, { width: 18 }];
  ws.addRow([...SUPERVISION_HEADERS]).font = { bold: true };
  for (const i of items) {
    ws.addRow([
      LEVEL_ZH[i.level] ?? String(i.level),
      i.task.number,
      i.task.title,
      i.organisation.name,
      KIND_ZH[i.kind] ?? i.kind,
      i.period ?? i.milestone ?? '',
      i.dueDate,
      i.daysOverdue,
      districtDateTime(new Date(i.raisedAt)),
      districtDateTime(new Date(i.escalatedAt)),
    ]);
  }
  return items.length;
}

/** The supervision list as an XLSX workbook with Chinese headers. */
export async function exportSupervision(db: DbOrTx, planId: string, filter: SupervisionFilter, now: Date) {
  const wb = new ExcelJS.Workbook();
  const rows = await addSupervisionSheet(wb, db, planId, filter, now);
  const filename = `督办事项-${districtToday(now).replace(/-/g, '')}.xlsx`;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename, contentType: CONTENT_TYPES.xlsx, contentDisposition: contentDisposition(filename), rows };
}
