import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CallBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { aggregateScore, rankByScore } from './aggregate.js';
import { fundingApplications, fundingAssignments, fundingCalls } from './schema.js';

export type CallRow = typeof fundingCalls.$inferSelect;

export async function findCall(db: DbOrTx, id: string, forUpdate = false): Promise<CallRow | null> {
  const q = db.select().from(fundingCalls).where(eq(fundingCalls.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function awardedFen(db: DbOrTx, callId: string): Promise<number> {
  const r = await db.execute<{ s: string }>(sql`SELECT coalesce(sum(award_fen), 0)::text AS s FROM funding_applications WHERE call_id = ${callId} AND status IN ('ranked', 'awarded', 'accepted') AND award_fen IS NOT NULL`);
  return Number(r.rows[0]!.s);
}

export async function createCall(tx: Tx, actor: Actor, input: z.output<typeof CallBody>, now: Date): Promise<CallRow> {
  requireCan(actor, 'manage', 'funding_call');
  const [row] = await tx
    .insert(fundingCalls)
    .values({ ...input, opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt), reviewDeadline: new Date(input.reviewDeadline), status: 'draft', createdBy: actor.userId, createdAt: now })
    .returning();
  await recordAudit(tx, actor, { action: 'funding_call.create', entityType: 'funding_call', entityId: row!.id, changes: { kind: input.kind, title: input.title, budgetFen: input.budgetFen } });
  return row!;
}

const NEXT: Record<string, string> = { draft: 'open', open: 'review', review: 'notice', notice: 'awarded' };

/**
 * Move a call on: open it; close the expert review (only after the
 * application window, aggregating every application's scores and ranking
 * them); publish the award list for public notice (awards must be decided);
 * end the notice (not before its last day): awarded applications become
 * final and the others not awarded.
 */
export async function moveCall(tx: Tx, actor: Actor, id: string, to: string, now: Date): Promise<void> {
  requireCan(actor, 'manage', 'funding_call');
  const call = await findCall(tx, id, true);
  if (!call) throw new AppError('NOT_FOUND');
  if (NEXT[call.status] !== to) throw new AppError('INVALID_STATE');
  const set: Partial<CallRow> = { status: to };
  if (to === 'review') {
    if (now < call.closesAt) throw new AppError('INVALID_STATE', { message: { zh: '申报期尚未结束。', en: 'The application window has not closed yet.' } });
    const apps = await tx.select().from(fundingApplications).where(eq(fundingApplications.callId, id));
    const inReview = apps.filter((a) => a.status === 'in_review');
    const totals = inReview.length ? await tx.select({ applicationId: fundingAssignments.applicationId, total: fundingAssignments.total }).from(fundingAssignments).where(inArray(fundingAssignments.applicationId, inReview.map((a) => a.id))) : [];
    const scored = inReview.map((a) => ({ id: a.id, score: aggregateScore(totals.filter((t) => t.applicationId === a.id && t.total !== null).map((t) => t.total!)) }));
    for (const r of rankByScore(scored)) {
      await tx.update(fundingApplications).set({ score: r.score, rank: r.rank, status: 'ranked' }).where(eq(fundingApplications.id, r.id));
    }
    set.reviewClosedAt = now;
    set.status = 'review';
  }
  if (to === 'notice') {
    if (!call.reviewClosedAt) throw new AppError('INVALID_STATE');
    if ((await awardedFen(tx, id)) === 0) throw new AppError('INVALID_STATE', { message: { zh: '尚未确定资助名单。', en: 'No awards have been decided.' } });
    set.noticeEndsAt = new Date(now.getTime() + call.noticeDays * 86_400_000);
  }
  if (to === 'awarded') {
    if (!call.noticeEndsAt || now < call.noticeEndsAt) throw new AppError('INVALID_STATE', { message: { zh: '公示期尚未结束。', en: 'The public notice period has not ended.' } });
    await tx.execute(sql`UPDATE funding_applications SET status = CASE WHEN award_fen IS NOT NULL THEN 'awarded' ELSE 'not_awarded' END WHERE call_id = ${id} AND status = 'ranked'`);
  }
  await tx.update(fundingCalls).set(set).where(eq(fundingCalls.id, id));
  await recordAudit(tx, actor, { action: `funding_call.${to}`, entityType: 'funding_call', entityId: id, changes: { status: { before: call.status, after: to } } });
}
