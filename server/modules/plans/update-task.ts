import { and, eq, inArray } from 'drizzle-orm';
import type { OrgType } from '../../../shared/roles.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { organisations } from '../organisations/schema.js';
import { findPlan, findTask, milestonesOf } from './repository.js';
import { planIndicators, planMilestones, planTasks, planTaskUnits } from './schema.js';

export type TaskChanges = {
  title?: string;
  measures?: string;
  scheduleText?: string;
  cadence?: 'monthly' | 'quarterly';
  coUnitTypes?: OrgType[];
  /** Replaces the named units: one lead and any co-responsible units. */
  units?: { leadId: string; coIds: string[] };
  /**
   * Replaces the milestones. An entry with the id of an existing milestone
   * keeps it (and whether it was reached); one without an id is new; an
   * existing milestone left out is removed.
   */
  milestones?: { id?: string; title: string; dueDate: string; indicatorCode?: string | null; target?: number | null }[];
};

/**
 * The bureau administrator edits a task of a plan: wording, cadence, who is
 * responsible and the dated milestones. Supervision follows on its next run
 * (items of a unit no longer responsible, or of a removed milestone, close).
 */
export async function updateTask(tx: Tx, actor: Actor, planId: string, taskId: string, input: TaskChanges): Promise<void> {
  requireCan(actor, 'manage', 'plan');
  const plan = await findPlan(tx, planId, { forUpdate: true });
  const task = plan ? await findTask(tx, planId, taskId) : null;
  if (!plan || !task) throw new AppError('NOT_FOUND');

  const fields: { path: string; zh: string; en: string }[] = [];
  const beforeUnits = await tx.select().from(planTaskUnits).where(eq(planTaskUnits.taskId, task.id)).orderBy(planTaskUnits.sortOrder);
  const beforeMilestones = await milestonesOf(tx, [task.id]);

  if (input.units) {
    const { leadId, coIds } = input.units;
    const ids = [leadId, ...coIds];
    if (coIds.includes(leadId)) fields.push({ path: 'units.coIds', zh: '牵头单位不能同时列为责任单位', en: 'The lead unit cannot also be a co-responsible unit' });
    if (new Set(coIds).size !== coIds.length) fields.push({ path: 'units.coIds', zh: '责任单位重复', en: 'A co-responsible unit is listed twice' });
    const found = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids));
    const known = new Set(found.map((o) => o.id));
    if (!known.has(leadId)) fields.push({ path: 'units.leadId', zh: '牵头单位不存在', en: 'The lead unit does not exist' });
    coIds.forEach((id, i) => {
      if (!known.has(id)) fields.push({ path: `units.coIds.${i}`, zh: '该单位不存在', en: 'This organisation does not exist' });
    });
  }

  const indicatorIds = new Map<string, string>();
  if (input.milestones) {
    const codes = [...new Set(input.milestones.flatMap((m) => (m.indicatorCode ? [m.indicatorCode] : [])))];
    if (codes.length) {
      const rows = await tx.select({ id: planIndicators.id, code: planIndicators.code }).from(planIndicators).where(and(eq(planIndicators.planId, plan.id), inArray(planIndicators.code, codes)));
      for (const r of rows) indicatorIds.set(r.code, r.id);
    }
    const existing = new Set(beforeMilestones.map((m) => m.id));
    input.milestones.forEach((m, i) => {
      if (m.id && !existing.has(m.id)) fields.push({ path: `milestones.${i}.id`, zh: '该里程碑不属于此任务', en: 'This milestone does not belong to the task' });
      if (m.dueDate < plan.startDate || m.dueDate > plan.endDate) {
        fields.push({ path: `milestones.${i}.dueDate`, zh: `完成时限须在规划期 ${plan.startDate} 至 ${plan.endDate} 内`, en: `The due date must lie within the plan period ${plan.startDate} to ${plan.endDate}` });
      }
      if (m.indicatorCode && !indicatorIds.has(m.indicatorCode)) fields.push({ path: `milestones.${i}.indicatorCode`, zh: '本规划没有该指标', en: 'The plan has no such indicator' });
      if ((m.target ?? null) !== null && !m.indicatorCode) fields.push({ path: `milestones.${i}.target`, zh: '设定目标值时须选择指标', en: 'A target value needs an indicator' });
    });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });

  const set = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.measures !== undefined ? { measures: input.measures } : {}),
    ...(input.scheduleText !== undefined ? { scheduleText: input.scheduleText } : {}),
    ...(input.cadence !== undefined ? { cadence: input.cadence } : {}),
    ...(input.coUnitTypes !== undefined ? { coUnitTypes: [...new Set(input.coUnitTypes)] } : {}),
    ...(input.milestones !== undefined ? { scheduleKind: input.milestones.length ? 'milestones' : 'continuous' } : {}),
  };
  if (Object.keys(set).length) await tx.update(planTasks).set(set).where(eq(planTasks.id, task.id));

  if (input.units) {
    await tx.delete(planTaskUnits).where(eq(planTaskUnits.taskId, task.id));
    await tx.insert(planTaskUnits).values([
      { taskId: task.id, organisationId: input.units.leadId, role: 'lead', sortOrder: 0 },
      ...input.units.coIds.map((organisationId, i) => ({ taskId: task.id, organisationId, role: 'co', sortOrder: i + 1 })),
    ]);
  }

  if (input.milestones) {
    const kept = new Set(input.milestones.flatMap((m) => (m.id ? [m.id] : [])));
    const removed = beforeMilestones.filter((m) => !kept.has(m.id)).map((m) => m.id);
    if (removed.length) await tx.delete(planMilestones).where(inArray(planMilestones.id, removed));
    for (const m of input.milestones) {
      const values = { title: m.title, dueDate: m.dueDate, indicatorId: m.indicatorCode ? indicatorIds.get(m.indicatorCode)! : null, target: m.indicatorCode ? (m.target ?? null) : null };
      if (m.id) await tx.update(planMilestones).set(values).where(eq(planMilestones.id, m.id));
      else await tx.insert(planMilestones).values({ taskId: task.id, ...values });
    }
  }

  const unitsText = (rows: { organisationId: string; role: string }[]) => rows.map((u) => `${u.role}:${u.organisationId}`);
  const msText = (rows: { title: string; dueDate: string }[]) => rows.map((m) => `${m.dueDate} ${m.title}`);
  await recordAudit(tx, actor, {
    action: 'plan_task.update',
    entityType: 'plan_task',
    entityId: task.id,
    changes: diff(
      { title: task.title, measures: task.measures, scheduleText: task.scheduleText, cadence: task.cadence, coUnitTypes: task.coUnitTypes, units: unitsText(beforeUnits), milestones: msText(beforeMilestones) },
      {
        title: set.title ?? task.title,
        measures: set.measures ?? task.measures,
        scheduleText: set.scheduleText ?? task.scheduleText,
        cadence: set.cadence ?? task.cadence,
        coUnitTypes: set.coUnitTypes ?? task.coUnitTypes,
        units: input.units ? unitsText([{ organisationId: input.units.leadId, role: 'lead' }, ...input.units.coIds.map((organisationId) => ({ organisationId, role: 'co' }))]) : unitsText(beforeUnits),
        milestones: input.milestones ? msText(input.milestones) : msText(beforeMilestones),
      },
    ),
  });
}
