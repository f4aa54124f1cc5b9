import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IncomeBody, IncomeView, RewardBody } from '../../../shared/contracts/rewards.js';
import { calculateReward, deferralSchedule, type IncomeKind, type Person, type RewardResult } from '../../../shared/rewards-calculator.js';
import { type Actor, permissionsOf, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { listRevisions } from '../catalog/repository.js';
import { achievements } from '../catalog/schema.js';
import { loadOnePublished } from '../catalog/search/published.js';
import { organisations } from '../organisations/schema.js';
import { districtToday } from '../projects/due-dates.js';
import { contractsConfig } from './config.js';
import { researcherRewards, techContracts, transformationIncomes } from './schema.js';

type IncomeRow = typeof transformationIncomes.$inferSelect;
type RewardRow = typeof researcherRewards.$inferSelect;

/** The achievement's completing people with their shares (完成人), from its published content or latest revision. */
export async function peopleOf(db: DbOrTx, achievementId: string): Promise<Person[]> {
  const pub = await loadOnePublished(db, 'achievement', achievementId);
  let content = pub?.content as { completers?: Person[] } | undefined;
  if (!content) {
    const revs = await listRevisions(db, 'achievement', achievementId);
    content = revs.at(-1)?.content as { completers?: Person[] } | undefined;
  }
  return (content?.completers ?? []).map((p) => ({ name: p.name, ...(p.unit ? { unit: p.unit } : {}), share: p.share }));
}

/** Record income: the caller's organisation must hold the achievement; a linked contract must be its approved one. */
export async function recordIncome(tx: Tx, actor: Actor, input: z.output<typeof IncomeBody>, now: Date): Promise<IncomeRow> {
  requireCan(actor, 'create', 'income', { organisationId: actor.organisationId });
  const [a] = await tx.select({ id: achievements.id, org: achievements.organisationId }).from(achievements).where(eq(achievements.id, input.achievementId));
  if (!a || a.org !== actor.organisationId) throw AppError.field('achievementId', '成果不存在或不属于本单位', 'The achievement does not exist or is not your organisation’s');
  const problems: { path: string; zh: string; en: string }[] = [];
  if (input.costsFen > input.grossFen) problems.push({ path: 'costsFen', zh: '成本不能超过收入', en: 'Costs exceed the income' });
  if (input.kind === 'equity' && !input.shares) problems.push({ path: 'shares', zh: '作价投资须填写取得的股份数', en: 'Enter the number of shares received' });
  if (input.kind === 'operating_profit' && !input.profitYear) problems.push({ path: 'profitYear', zh: '请填写实施年度（第几年）', en: 'Enter the year of implementation' });
  if (input.contractId) {
    const [c] = await tx.select().from(techContracts).where(eq(techContracts.id, input.contractId));
    if (!c || c.status !== 'approved' || c.organisationId !== actor.organisationId) {
      problems.push({ path: 'contractId', zh: '须为本单位已认定登记的技术合同', en: 'Must be a registered contract of your organisation' });
    }
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const [row] = await tx
    .insert(transformationIncomes)
    .values({
      organisationId: actor.organisationId!,
      achievementId: input.achievementId,
      contractId: input.contractId ?? null,
      kind: input.kind,
      receivedOn: input.receivedOn,
      grossFen: input.grossFen,
      costsFen: input.costsFen,
      shares: input.shares ?? null,
      profitYear: input.profitYear ?? null,
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'income.record', entityType: 'transformation_income', entityId: row!.id, changes: { kind: input.kind, grossFen: input.grossFen, costsFen: input.costsFen } });
  return row!;
}

async function loadIncomeFor(db: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<IncomeRow> {
  const q = db.select().from(transformationIncomes).where(eq(transformationIncomes.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  const held = permissionsOf(actor);
  const mine = held.includes('read:income:org') && actor.organisationId === row.organisationId;
  if (!mine && !held.includes('read:income:any')) throw new AppError('NOT_FOUND');
  return row;
}

export async function calculateFor(db: DbOrTx, actor: Actor, id: string, input: z.output<typeof RewardBody>): Promise<RewardResult> {
  const income = await loadIncomeFor(db, actor, id);
  return calculateReward(
    {
      kind: income.kind as IncomeKind,
      grossFen: income.grossFen,
      costsFen: income.costsFen,
      shares: income.shares,
      rateBp: input.rateBp,
      unitRuleBp: input.unitRuleBp ?? null,
      profitYear: income.profitYear,
      rewardYears: input.rewardYears ?? null,
      people: await peopleOf(db, income.achievementId),
    },
    contractsConfig().rewards,
  );
}

/**
 * Record the reward of an income: refused with field errors when the
 * calculation has problems, or when the rate is below the minimum without a
 * recorded reason. Equity awards may carry the tax-deferral plan (at most the
 * configured years, 5 by policy).
 */
export async function saveReward(tx: Tx, actor: Actor, id: string, input: z.output<typeof RewardBody>, now: Date): Promise<RewardRow> {
  const income = await loadIncomeFor(tx, actor, id, true);
  requireCan(actor, 'create', 'income', { organisationId: income.organisationId });
  const r = await calculateFor(tx, actor, id, input);
  const problems = [...r.problems];
  if (r.belowMinimum && !input.belowMinimumReason) {
    problems.push({
      path: 'belowMinimumReason',
      zh: `比例低于最低比例 ${r.minimumBp / 100}%，须记录理由`,
      en: `The rate is below the minimum of ${r.minimumBp / 100}%; record a reason`,
    });
  }
  const cfg = contractsConfig().rewards;
  if (input.deferral) {
    if (income.kind !== 'equity') problems.push({ path: 'deferral', zh: '递延纳税仅适用于股权奖励', en: 'Tax deferral applies to equity awards only' });
    if (input.deferral.years > cfg.equityDeferralMaxYears) {
      problems.push({ path: 'deferral.years', zh: `分期缴纳不得超过 ${cfg.equityDeferralMaxYears} 年`, en: `Instalments may span at most ${cfg.equityDeferralMaxYears} years` });
    }
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const [existing] = await tx.select({ id: researcherRewards.id }).from(researcherRewards).where(eq(researcherRewards.incomeId, id));
  if (existing) throw new AppError('CONFLICT', { message: { zh: '该笔收入的奖励已记录。', en: 'The reward of this income is already recorded.' } });
  const deferral = input.deferral ? deferralSchedule(input.deferral.taxFen, input.deferral.awardedOn, input.deferral.years) : null;
  const [row] = await tx
    .insert(researcherRewards)
    .values({
      incomeId: id,
      organisationId: income.organisationId,
      rateBp: r.rateBp,
      minimumBp: r.minimumBp,
      baseFen: r.baseFen,
      totalFen: r.totalFen,
      totalShares: r.totalShares,
      belowMinimumReason: r.belowMinimum ? input.belowMinimumReason! : null,
      allocation: r.allocation,
      working: r.working,
      deferral,
      createdBy: actor.userId,
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'reward.record',
    entityType: 'researcher_reward',
    entityId: row!.id,
    changes: { incomeId: id, rateBp: r.rateBp, minimumBp: r.minimumBp, totalFen: r.totalFen, belowMinimum: r.belowMinimum },
  });
  return row!;
}

function presentDeferral(d: unknown, now: Date) {
  if (!Array.isArray(d)) return null;
  const today = districtToday(now);
  const list = d as { dueOn: string; amountFen: number }[];
  const nextDue = list.find((x) => x.dueOn >= today)?.dueOn;
  return list.map((x) => ({ ...x, state: (x.dueOn < today ? 'paid_period_over' : x.dueOn === nextDue ? 'due' : 'upcoming') as 'paid_period_over' | 'due' | 'upcoming' }));
}

export async function listIncomes(db: DbOrTx, actor: Actor, filter: { id?: string; achievementId?: string }, page: { limit: number; offset: number }, now: Date): Promise<{ items: IncomeView[]; total: number }> {
  const held = permissionsOf(actor);
  const conds: SQL[] = [];
  if (!held.includes('read:income:any')) conds.push(eq(transformationIncomes.organisationId, actor.organisationId ?? '00000000-0000-0000-0000-000000000000'));
  if (filter.id) conds.push(eq(transformationIncomes.id, filter.id));
  if (filter.achievementId) conds.push(eq(transformationIncomes.achievementId, filter.achievementId));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({ i: transformationIncomes, title: achievements.title, orgName: organisations.name, r: researcherRewards, c: { id: techContracts.id, number: techContracts.registrationNumber, name: techContracts.projectName } })
    .from(transformationIncomes)
    .innerJoin(achievements, eq(achievements.id, transformationIncomes.achievementId))
    .innerJoin(organisations, eq(organisations.id, transformationIncomes.organisationId))
    .leftJoin(researcherRewards, eq(researcherRewards.incomeId, transformationIncomes.id))
    .leftJoin(techContracts, eq(techContracts.id, transformationIncomes.contractId))
    .where(where)
    .orderBy(desc(transformationIncomes.receivedOn), desc(transformationIncomes.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(transformationIncomes).where(where);
  const items: IncomeView[] = [];
  for (const x of rows) {
    items.push({
      id: x.i.id,
      kind: x.i.kind as IncomeView['kind'],
      achievement: { id: x.i.achievementId, title: x.title },
      organisation: { id: x.i.organisationId, name: x.orgName },
      contract: x.c && x.c.id ? { id: x.c.id, registrationNumber: x.c.number, projectName: x.c.name } : null,
      receivedOn: x.i.receivedOn,
      grossFen: x.i.grossFen,
      costsFen: x.i.costsFen,
      netFen: x.i.grossFen - x.i.costsFen,
      shares: x.i.shares,
      profitYear: x.i.profitYear,
      note: x.i.note,
      people: await peopleOf(db, x.i.achievementId),
      reward: x.r
        ? {
            id: x.r.id,
            rateBp: x.r.rateBp,
            minimumBp: x.r.minimumBp,
            baseFen: x.r.baseFen,
            totalFen: x.r.totalFen,
            totalShares: x.r.totalShares,
            belowMinimumReason: x.r.belowMinimumReason,
            allocation: x.r.allocation as NonNullable<IncomeView['reward']>['allocation'],
            working: x.r.working as NonNullable<IncomeView['reward']>['working'],
            deferral: presentDeferral(x.r.deferral, now),
            createdAt: x.r.createdAt.toISOString(),
          }
        : null,
      createdAt: x.i.createdAt.toISOString(),
    });
  }
  return { items, total: n!.n };
}

export async function presentIncome(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<IncomeView> {
  await loadIncomeFor(db, actor, id);
  const { items } = await listIncomes(db, actor, { id }, { limit: 1, offset: 0 }, now);
  if (!items[0]) throw new AppError('NOT_FOUND');
  return items[0];
}
