import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AwardBody, ObjectionBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findCall } from './calls.js';
import { fundingApplications, fundingObjections } from './schema.js';

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
  if (total > call.budgetFen) {
    throw new AppError('BUDGET_EXCEEDED', { message: { zh: `资助合计 ${(total / 100).toFixed(2)} 元超出预算 ${(call.budgetFen / 100).toFixed(2)} 元。`, en: `Awards total CNY ${(total / 100).toFixed(2)}, above the budget of CNY ${(call.budgetFen / 100).toFixed(2)}.` } });
  }
  await tx.execute(sql`UPDATE funding_applications SET award_fen = NULL WHERE call_id = ${callId} AND status = 'ranked'`);
  for (const w of input.awards) await tx.update(fundingApplications).set({ awardFen: w.amountFen }).where(eq(fundingApplications.id, w.applicationId));
  await recordAudit(tx, actor, { action: 'funding_call.awards', entityType: 'funding_call', entityId: callId, changes: { awards: input.awards, total } });
}

/** Anyone signed in may object during the public notice. */
export async function raiseObjection(tx: Tx, actor: Actor, callId: string, input: z.output<typeof ObjectionBody>, now: Date): Promise<string> {
  requireCan(actor, 'object', 'funding_call');
  const call = await findCall(tx, callId);
  if (!call) throw new AppError('NOT_FOUND');
  if (call.status !== 'notice' || !call.noticeEndsAt || now >= call.noticeEndsAt) throw new AppError('INVALID_STATE', { message: { zh: '不在公示期内。', en: 'The call is not in its public notice period.' } });
  const [row] = await tx.insert(fundingObjections).values({ callId, applicationId: input.applicationId ?? null, userId: actor.userId, text: input.text, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'funding_call.objection', entityType: 'funding_call', entityId: callId, changes: { applicationId: input.applicationId ?? null } });
  return row!.id;
}
