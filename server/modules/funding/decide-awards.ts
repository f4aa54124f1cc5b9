import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AddAwardBody, AwardBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { awardedFen, findApplication, findCall, yuan } from './repository.js';
import { fundingApplications, fundingCalls } from './schema.js';

const overBudget = (total: number, budget: number) =>
  new AppError('BUDGET_EXCEEDED', { message: { zh: `资助合计 ${yuan(total)} 元超出预算 ${yuan(budget)} 元。`, en: `Awards total CNY ${yuan(total)}, above the budget of CNY ${yuan(budget)}.` } });

/**
 * Decide the awards of a call whose review has closed: ranked applications
 * only, each at most what it asked for, the total within the budget. The
 * decision replaces any earlier one (until the notice is published).
 */
export async function decideAwards(tx: Tx, actor: Actor, callId: string, input: z.output<typeof AwardBody>, _now: Date): Promise<void> {
  requireCan(actor, 'award', 'funding_application');
  const call = await findCall(tx, callId, true);
  if (!call) throw new AppError('NOT_FOUND');
  if (call.status !== 'review' || !call.reviewClosedAt) throw new AppError('INVALID_STATE', { message: { zh: '评审结束后、公示前才能确定资助名单。', en: 'Awards are decided after the review closes and before the notice.' } });
  const ids = input.awards.map((a) => a.applicationId);
  if (new Set(ids).size !== ids.length) throw AppError.field('awards', '同一申报不能重复列入', 'An application is listed twice');
  const apps = new Map((await tx.select().from(fundingApplications).where(and(eq(fundingApplications.callId, callId), inArray(fundingApplications.id, ids)))).map((a) => [a.id, a]));
  const problems: { path: string; zh: string; en: string }[] = [];
  input.awards.forEach((w, i) => {
    const a = apps.get(w.applicationId);
    if (!a || a.status !== 'ranked') problems.push({ path: `awards.${i}.applicationId`, zh: '不是本批次已排名的申报', en: 'Not a ranked application of this call' });
    else if (w.amountFen > a.requestedFen) problems.push({ path: `awards.${i}.amountFen`, zh: '资助金额不能超过申请金额', en: 'An award cannot exceed the amount requested' });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const total = input.awards.reduce((s, w) => s + w.amountFen, 0);
  if (total > call.budgetFen) throw overBudget(total, call.budgetFen);
  await tx.execute(sql`UPDATE funding_applications SET award_fen = NULL WHERE call_id = ${callId} AND status = 'ranked'`);
  for (const w of input.awards) await tx.update(fundingApplications).set({ awardFen: w.amountFen }).where(eq(fundingApplications.id, w.applicationId));
  await recordAudit(tx, actor, { action: 'funding_call.awards', entityType: 'funding_call', entityId: callId, changes: { awards: input.awards, total } });
}

/**
 * During the notice, after an upheld objection freed budget: award a further
 * ranked application (one whose award was not withdrawn) within what is
 * left. The notice restarts so the new name gets its full period.
 */
export async function addAward(tx: Tx, actor: Actor, callId: string, input: z.output<typeof AddAwardBody>, now: Date): Promise<void> {
  requireCan(actor, 'award', 'funding_application');
  const call = await findCall(tx, callId, true);
  if (!call) throw new AppError('NOT_FOUND');
  if (call.status !== 'notice') throw new AppError('INVALID_STATE', { message: { zh: '只能在公示期内递补资助。', en: 'Further awards are made during the notice only.' } });
  const a = await findApplication(tx, input.applicationId, true);
  if (!a || a.callId !== callId || a.status !== 'ranked' || a.awardFen !== null || a.withdrawnNote !== null) throw AppError.field('applicationId', '不是本批次可递补的已排名申报', 'Not a ranked application of this call that can be awarded');
  if (input.amountFen > a.requestedFen) throw AppError.field('amountFen', '资助金额不能超过申请金额', 'An award cannot exceed the amount requested');
  const total = (await awardedFen(tx, callId)) + input.amountFen;
  if (total > call.budgetFen) throw overBudget(total, call.budgetFen);
  await tx.update(fundingApplications).set({ awardFen: input.amountFen }).where(eq(fundingApplications.id, a.id));
  const restart = new Date(now.getTime() + call.noticeDays * 86_400_000);
  const noticeEndsAt = call.noticeEndsAt && call.noticeEndsAt > restart ? call.noticeEndsAt : restart;
  await tx.update(fundingCalls).set({ noticeEndsAt }).where(eq(fundingCalls.id, callId));
  await recordAudit(tx, actor, { action: 'funding_call.add_award', entityType: 'funding_call', entityId: callId, changes: { applicationId: a.id, amountFen: input.amountFen, noticeEndsAt: { before: call.noticeEndsAt?.toISOString() ?? null, after: noticeEndsAt.toISOString() } } });
}
