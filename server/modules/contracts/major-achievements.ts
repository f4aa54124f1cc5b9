import { desc, eq, sql } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { achievements } from '../catalog/schema.js';
import { notifyRole } from '../notifications/notify.js';
import { organisations } from '../organisations/schema.js';
import { contractsConfig } from './config.js';
import type { ContractRow } from './repository.js';
import { majorAchievements, techContracts } from './schema.js';

export type MajorRow = typeof majorAchievements.$inferSelect;

/** Which configured criteria a registered contract meets (empty when none). */
export function majorCriteria(c: Pick<ContractRow, 'techAmountFen' | 'industrySection'>, industryOfAchievement: string | null): Record<string, unknown> {
  const cfg = contractsConfig().majorAchievements;
  const out: Record<string, unknown> = {};
  if (c.techAmountFen >= cfg.techAmountThresholdFen) out.amount = { techAmountFen: c.techAmountFen, thresholdFen: cfg.techAmountThresholdFen };
  const industry = c.industrySection ?? industryOfAchievement;
  if (industry && cfg.industries.includes(industry) && c.techAmountFen >= cfg.industryThresholdFen) {
    out.industry = { section: industry, techAmountFen: c.techAmountFen, thresholdFen: cfg.industryThresholdFen };
  }
  return out;
}

/**
 * After a contract about an achievement is registered: when it meets the
 * criteria and the achievement is not yet on the register, propose it (or
 * confirm it at once when the configuration says no reviewer decision is
 * needed). Counted by the registration date.
 */
export async function proposeMajorIfEligible(tx: Tx, actor: Actor, c: ContractRow, now: Date): Promise<MajorRow | null> {
  if (c.kind !== 'original' || !c.achievementId) return null;
  const [a] = await tx.select({ title: achievements.title, org: achievements.organisationId, industry: achievements.industrySection }).from(achievements).where(eq(achievements.id, c.achievementId));
  if (!a) return null;
  const criteria = majorCriteria(c, a.industry);
  if (Object.keys(criteria).length === 0) return null;
  const auto = contractsConfig().majorAchievements.autoConfirm;
  const [row] = await tx
    .insert(majorAchievements)
    .values({
      achievementId: c.achievementId,
      contractId: c.id,
      title: a.title,
      organisationId: a.org,
      status: auto ? 'confirmed' : 'proposed',
      criteria,
      transformedAt: auto ? (c.registeredAt ?? now) : null,
      decidedAt: auto ? now : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  if (!auto) await notifyRole(tx, 'reviewer', { kind: 'major.proposed', params: { title: a.title }, link: '/console/major-achievements' });
  await recordAudit(tx, actor, { action: 'major.propose', entityType: 'major_achievement', entityId: row.id, changes: { status: { before: null, after: row.status }, criteria } });
  return row;
}

/** A reviewer proposes an achievement by decision (the criteria's third route), confirmed at once. */
export async function recordMajorDecision(tx: Tx, actor: Actor, input: { achievementId: string; contractId?: string; note: string }, now: Date): Promise<MajorRow> {
  requireCan(actor, 'decide', 'major', {});
  const [a] = await tx.select({ title: achievements.title, org: achievements.organisationId }).from(achievements).where(eq(achievements.id, input.achievementId));
  if (!a) throw AppError.field('achievementId', '成果不存在', 'No such achievement');
  let at = now;
  if (input.contractId) {
    const [c] = await tx.select().from(techContracts).where(eq(techContracts.id, input.contractId));
    if (!c || c.status !== 'approved' || c.achievementId !== input.achievementId) {
      throw AppError.field('contractId', '须为该成果已登记的技术合同', 'Must be a registered contract about this achievement');
    }
    at = c.registeredAt!;
  }
  const [row] = await tx
    .insert(majorAchievements)
    .values({
      achievementId: input.achievementId,
      contractId: input.contractId ?? null,
      title: a.title,
      organisationId: a.org,
      status: 'confirmed',
      criteria: { decision: true },
      note: input.note,
      decidedBy: actor.userId,
      decidedAt: now,
      transformedAt: at,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', { message: { zh: '该成果已在重大科技成果名录中。', en: 'This achievement is already on the register of major achievements.' } });
  await recordAudit(tx, actor, { action: 'major.decide', entityType: 'major_achievement', entityId: row.id, changes: { status: { before: null, after: 'confirmed' }, note: input.note } });
  return row;
}

/** A reviewer confirms or rejects a proposal. */
export async function decideMajor(tx: Tx, actor: Actor, id: string, input: { confirm: boolean; note?: string }, now: Date): Promise<MajorRow> {
  requireCan(actor, 'decide', 'major', {});
  const [row] = await tx.select().from(majorAchievements).where(eq(majorAchievements.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'proposed') throw new AppError('INVALID_STATE');
  let at: Date | null = null;
  if (input.confirm) {
    const [c] = row.contractId ? await tx.select({ at: techContracts.registeredAt }).from(techContracts).where(eq(techContracts.id, row.contractId)) : [];
    at = c?.at ?? now;
  }
  const status = input.confirm ? 'confirmed' : 'rejected';
  const [updated] = await tx
    .update(majorAchievements)
    .set({ status, note: input.note ?? null, decidedBy: actor.userId, decidedAt: now, transformedAt: at })
    .where(eq(majorAchievements.id, id))
    .returning();
  await recordAudit(tx, actor, { action: `major.${input.confirm ? 'confirm' : 'reject'}`, entityType: 'major_achievement', entityId: id, changes: { status: { before: 'proposed', after: status } } });
  return updated!;
}

export async function listMajors(db: DbOrTx) {
  const rows = await db
    .select({ m: majorAchievements, orgName: organisations.name, number: techContracts.registrationNumber, techFen: techContracts.techAmountFen })
    .from(majorAchievements)
    .leftJoin(organisations, eq(organisations.id, majorAchievements.organisationId))
    .leftJoin(techContracts, eq(techContracts.id, majorAchievements.contractId))
    .orderBy(desc(majorAchievements.createdAt));
  const byYear = await db.execute<{ year: number; n: number }>(sql`
    SELECT extract(year FROM (transformed_at AT TIME ZONE 'Asia/Shanghai'))::int AS year, count(*)::int AS n
    FROM major_achievements WHERE transformed_at IS NOT NULL GROUP BY 1 ORDER BY 1`);
  return { rows, byYear: byYear.rows };
}
