import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { aggregateScore, rankByScore } from './aggregate.js';
import { addEvent, applicationLink, awardedFen, findCall, yuan } from './repository.js';
import { fundingApplications, fundingAssignments, fundingCalls } from './schema.js';

const NEXT: Record<string, string> = { draft: 'open', open: 'review', review: 'notice', notice: 'awarded' };

export async function openObjectionCount(tx: Tx, callId: string): Promise<number> {
  const r = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_objections WHERE call_id = ${callId} AND status = 'open'`);
  return r.rows[0]!.n;
}

/**
 * Move a call on: open it; close the expert review (only after the
 * application window, aggregating every application's scores and ranking
 * them); publish the award list for public notice (awards must be decided);
 * end the notice (not before its last day, never with an objection open).
 */
export async function moveCall(tx: Tx, actor: Actor, id: string, to: string, now: Date): Promise<void> {
  requireCan(actor, 'manage', 'funding_call');
  const call = await findCall(tx, id, true);
  if (!call) throw new AppError('NOT_FOUND');
  if (NEXT[call.status] !== to) throw new AppError('INVALID_STATE');
  if (to === 'awarded') {
    await finaliseNotice(tx, actor, id, now, true);
    return;
  }
  const set: Partial<typeof fundingCalls.$inferInsert> = { status: to };
  if (to === 'review') {
    if (now < call.closesAt) throw new AppError('INVALID_STATE', { message: { zh: '申报期尚未结束。', en: 'The application window has not closed yet.' } });
    const inReview = await tx.select().from(fundingApplications).where(and(eq(fundingApplications.callId, id), eq(fundingApplications.status, 'in_review')));
    const totals = inReview.length ? await tx.select({ applicationId: fundingAssignments.applicationId, total: fundingAssignments.total }).from(fundingAssignments).where(inArray(fundingAssignments.applicationId, inReview.map((a) => a.id))) : [];
    const scored = inReview.map((a) => ({ id: a.id, score: aggregateScore(totals.filter((t) => t.applicationId === a.id && t.total !== null).map((t) => t.total!)) }));
    for (const r of rankByScore(scored)) {
      await tx.update(fundingApplications).set({ score: r.score, rank: r.rank, status: 'ranked' }).where(eq(fundingApplications.id, r.id));
      await addEvent(tx, r.id, 'ranked', now, r.rank === null ? null : `${r.score} / ${r.rank}`);
    }
    set.reviewClosedAt = now;
  }
  if (to === 'notice') {
    if (!call.reviewClosedAt) throw new AppError('INVALID_STATE');
    if ((await awardedFen(tx, id)) === 0) throw new AppError('INVALID_STATE', { message: { zh: '尚未确定资助名单。', en: 'No awards have been decided.' } });
    set.noticeEndsAt = new Date(now.getTime() + call.noticeDays * 86_400_000);
  }
  await tx.update(fundingCalls).set(set).where(eq(fundingCalls.id, id));
  await recordAudit(tx, actor, { action: `funding_call.${to}`, entityType: 'funding_call', entityId: id, changes: { status: { before: call.status, after: to } } });
}

/**
 * Make the award list final: only when the notice period has passed and no
 * objection is open. Awarded applications become `awarded`, the other ranked
 * ones `not_awarded`; each applicant is told. Used by the bureau (`strict`:
 * refusals are errors) and by the hourly sweep (refusals return false).
 */
export async function finaliseNotice(tx: Tx, actor: Actor, id: string, now: Date, strict = false): Promise<boolean> {
  const call = await findCall(tx, id, true);
  if (!call || call.status !== 'notice') {
    if (strict) throw new AppError('INVALID_STATE');
    return false;
  }
  if (!call.noticeEndsAt || now < call.noticeEndsAt) {
    if (strict) throw new AppError('INVALID_STATE', { message: { zh: '公示期尚未结束。', en: 'The public notice period has not ended.' } });
    return false;
  }
  if ((await openObjectionCount(tx, id)) > 0) {
    if (strict) throw new AppError('OBJECTIONS_OPEN');
    return false;
  }
  const ranked = await tx.select().from(fundingApplications).where(and(eq(fundingApplications.callId, id), eq(fundingApplications.status, 'ranked')));
  for (const a of ranked) {
    const status = a.awardFen !== null ? 'awarded' : 'not_awarded';
    await tx.update(fundingApplications).set({ status }).where(eq(fundingApplications.id, a.id));
    await addEvent(tx, a.id, status, now, a.awardFen !== null ? yuan(a.awardFen) : null);
    if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: `funding.${status}`, params: { call: call.title, title: a.title, amount: a.awardFen !== null ? yuan(a.awardFen) : '' }, link: applicationLink(a.id) });
  }
  await tx.update(fundingCalls).set({ status: 'awarded' }).where(eq(fundingCalls.id, id));
  await recordAudit(tx, actor, { action: 'funding_call.awarded', entityType: 'funding_call', entityId: id, changes: { status: { before: 'notice', after: 'awarded' }, awarded: ranked.filter((a) => a.awardFen !== null).length } });
  return true;
}

