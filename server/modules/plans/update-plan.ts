import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { findIndicator, findPlan, targetsOf } from './repository.js';
import { planIndicators, plans, planTargets } from './schema.js';

/** The bureau administrator changes a plan's status or tracking settings. */
export async function updatePlan(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { status?: string; atRiskMarginPercent?: number; reportDueDays?: number; reportingFrom?: string },
  now: Date,
): Promise<void> {
  requireCan(actor, 'manage', 'plan');
  const before = await findPlan(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  const set = {
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.atRiskMarginPercent !== undefined ? { atRiskMarginPermille: Math.round(input.atRiskMarginPercent * 10) } : {}),
    ...(input.reportDueDays !== undefined ? { reportDueDays: input.reportDueDays } : {}),
    ...(input.reportingFrom !== undefined ? { reportingFrom: input.reportingFrom } : {}),
  };
  await tx.update(plans).set({ ...set, updatedAt: now }).where(eq(plans.id, id));
  const changes = diff(
    { status: before.status, atRiskMarginPermille: before.atRiskMarginPermille, reportDueDays: before.reportDueDays, reportingFrom: before.reportingFrom },
    { status: before.status, atRiskMarginPermille: before.atRiskMarginPermille, reportDueDays: before.reportDueDays, reportingFrom: before.reportingFrom, ...set },
  );
  await recordAudit(tx, actor, { action: 'plan.update', entityType: 'plan', entityId: id, changes });
}

/**
 * The bureau administrator edits an indicator: public flag, note (uncertain
 * readings), targets (replaced whole; years within the plan period).
 */
export async function updateIndicator(
  tx: Tx,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: { public?: boolean; note?: string | null; targets?: { year: number; value: number; note?: string | null }[] },
): Promise<void> {
  requireCan(actor, 'manage', 'plan');
  const plan = await findPlan(tx, planId, { forUpdate: true });
  const ind = plan ? await findIndicator(tx, planId, indicatorId) : null;
  if (!plan || !ind) throw new AppError('NOT_FOUND');
  const beforeTargets = (await targetsOf(tx, [ind.id])).get(ind.id) ?? [];
  if (input.targets) {
    const from = Number(plan.startDate.slice(0, 4));
    const to = Number(plan.endDate.slice(0, 4));
    const seen = new Set<number>();
    const fields = input.targets.flatMap((t, i) => {
      const out = [];
      if (t.year < from || t.year > to) out.push({ path: `targets.${i}.year`, zh: `目标年份须在 ${from}–${to} 年内`, en: `Target years must lie within ${from}–${to}` });
      if (seen.has(t.year)) out.push({ path: `targets.${i}.year`, zh: `${t.year} 年的目标重复`, en: `The target for ${t.year} appears twice` });
      if (ind.unit === 'yesno' && t.value > 1) out.push({ path: `targets.${i}.value`, zh: '是/否指标的目标只能是 0 或 1', en: 'A yes/no target is 0 or 1' });
      if (ind.unit === 'percent' && t.value > 10_000) out.push({ path: `targets.${i}.value`, zh: '百分比最大 10000（即 100%）', en: 'Percentages are at most 10000 (100%)' });
      seen.add(t.year);
      return out;
    });
    if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
    await tx.delete(planTargets).where(eq(planTargets.indicatorId, ind.id));
    if (input.targets.length) await tx.insert(planTargets).values(input.targets.map((t) => ({ indicatorId: ind.id, year: t.year, value: t.value, note: t.note ?? null })));
  }
  const set = { ...(input.public !== undefined ? { public: input.public } : {}), ...(input.note !== undefined ? { note: input.note || null } : {}) };
  if (Object.keys(set).length) await tx.update(planIndicators).set(set).where(eq(planIndicators.id, ind.id));
  await recordAudit(tx, actor, {
    action: 'plan_indicator.update',
    entityType: 'plan_indicator',
    entityId: ind.id,
    changes: diff(
      { public: ind.public, note: ind.note, targets: beforeTargets.map((t) => `${t.year}:${t.value}`) },
      { public: set.public ?? ind.public, note: set.note !== undefined ? set.note : ind.note, targets: (input.targets ?? beforeTargets).map((t) => `${t.year}:${t.value}`) },
    ),
  });
}
