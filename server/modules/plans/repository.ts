import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { planIndicators, planMilestones, plans, planTargets, planTasks, planTaskUnits } from './schema.js';

/** SQL of the plans domain shared by several operations. */

export type PlanRow = typeof plans.$inferSelect;
export type TaskRow = typeof planTasks.$inferSelect;
export type IndicatorRow = typeof planIndicators.$inferSelect;
export type MilestoneRow = typeof planMilestones.$inferSelect;
export type TargetRow = typeof planTargets.$inferSelect;

export async function findPlan(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<PlanRow | null> {
  const q = db.select().from(plans).where(eq(plans.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function listPlanRows(db: DbOrTx): Promise<PlanRow[]> {
  return db.select().from(plans).orderBy(desc(plans.startDate), desc(plans.createdAt));
}

/**
 * The plan the public page shows: the active plan whose period contains
 * `today`, else the active plan that started last.
 */
export async function currentPlan(db: DbOrTx, today: string): Promise<PlanRow | null> {
  const [row] = await db
    .select()
    .from(plans)
    .where(eq(plans.status, 'active'))
    .orderBy(sql`(${plans.startDate} <= ${today} AND ${plans.endDate} >= ${today}) DESC`, desc(plans.startDate))
    .limit(1);
  return row ?? null;
}

export async function planTaskRows(db: DbOrTx, planId: string): Promise<TaskRow[]> {
  return db.select().from(planTasks).where(eq(planTasks.planId, planId)).orderBy(asc(planTasks.number));
}

export async function findTask(db: DbOrTx, planId: string, taskId: string): Promise<TaskRow | null> {
  const [row] = await db.select().from(planTasks).where(and(eq(planTasks.id, taskId), eq(planTasks.planId, planId))).limit(1);
  return row ?? null;
}

export async function planIndicatorRows(db: DbOrTx, planId: string): Promise<IndicatorRow[]> {
  return db.select().from(planIndicators).where(eq(planIndicators.planId, planId)).orderBy(asc(planIndicators.sortOrder));
}

export async function findIndicator(db: DbOrTx, planId: string, id: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(planIndicators).where(and(eq(planIndicators.id, id), eq(planIndicators.planId, planId))).limit(1);
  return row ?? null;
}

/** Targets of the given indicators, by indicator id. */
export async function targetsOf(db: DbOrTx, indicatorIds: readonly string[]): Promise<Map<string, TargetRow[]>> {
  const out = new Map<string, TargetRow[]>();
  if (indicatorIds.length === 0) return out;
  const rows = await db.select().from(planTargets).where(inArray(planTargets.indicatorId, [...indicatorIds])).orderBy(asc(planTargets.year));
  for (const r of rows) out.set(r.indicatorId, [...(out.get(r.indicatorId) ?? []), r]);
  return out;
}

export async function milestonesOf(db: DbOrTx, taskIds: readonly string[]): Promise<MilestoneRow[]> {
  if (taskIds.length === 0) return [];
  return db.select().from(planMilestones).where(inArray(planMilestones.taskId, [...taskIds])).orderBy(asc(planMilestones.dueDate));
}

/** `named`: listed in the plan (rather than included by its organisation type). */
export type ResponsibleUnit = { taskId: string; organisationId: string; name: string; code: string | null; role: 'lead' | 'co'; named: boolean };

/**
 * Every responsible unit of the tasks: the named ones, and every organisation
 * (not rejected) of a task's co-responsible types (各乡镇、街道和工业园区管委会),
 * resolved now so units added to the tree later are included.
 */
export async function responsibleUnits(db: DbOrTx, tasks: readonly TaskRow[]): Promise<ResponsibleUnit[]> {
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  const named = await db
    .select({ taskId: planTaskUnits.taskId, organisationId: planTaskUnits.organisationId, role: planTaskUnits.role, name: organisations.name, code: organisations.code })
    .from(planTaskUnits)
    .innerJoin(organisations, eq(organisations.id, planTaskUnits.organisationId))
    .where(inArray(planTaskUnits.taskId, ids))
    .orderBy(asc(planTaskUnits.sortOrder));
  const out: ResponsibleUnit[] = named.map((n) => ({ ...n, role: n.role === 'lead' ? 'lead' : 'co', named: true }));
  const types = [...new Set(tasks.flatMap((t) => t.coUnitTypes))];
  if (types.length === 0) return out;
  const byType = await db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code, type: organisations.type })
    .from(organisations)
    .where(and(inArray(organisations.type, types), or(isNull(organisations.verificationStatus), sql`${organisations.verificationStatus} <> 'rejected'`)))
    .orderBy(asc(organisations.sortOrder), asc(organisations.name));
  for (const t of tasks) {
    const seen = new Set(out.filter((u) => u.taskId === t.id).map((u) => u.organisationId));
    for (const o of byType) {
      if (!t.coUnitTypes.includes(o.type) || seen.has(o.id)) continue;
      out.push({ taskId: t.id, organisationId: o.id, name: o.name, code: o.code, role: 'co', named: false });
    }
  }
  return out;
}
