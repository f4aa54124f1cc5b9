import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ScoreBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assignmentOf, deadlineOf, expertOfUser, findApplication, findCall, type ScoreFormItem } from './repository.js';
import { fundingAssignments } from './schema.js';

/**
 * An assigned expert scores (or rescores) on the call's form, with a
 * comment, while the review is open and before their own deadline (unless
 * the bureau extended it). Anyone not assigned gets 404.
 */
export async function submitScore(tx: Tx, actor: Actor, id: string, input: z.output<typeof ScoreBody>, now: Date): Promise<void> {
  const expert = await expertOfUser(tx, actor.userId);
  const a = await findApplication(tx, id);
  const asg = expert && a ? await assignmentOf(tx, id, expert.id, true) : null;
  if (!a || !asg) throw new AppError('NOT_FOUND');
  requireCan(actor, 'score', 'funding_application', { ownerId: actor.userId });
  const call = (await findCall(tx, a.callId))!;
  if (a.status !== 'in_review' || (call.status !== 'open' && call.status !== 'review') || call.reviewClosedAt) throw new AppError('INVALID_STATE', { message: { zh: '评审已结束。', en: 'The review has closed.' } });
  if (now > deadlineOf(asg, call)) throw new AppError('REVIEW_DEADLINE_PASSED');
  const form = call.scoreForm as ScoreFormItem[];
  const problems = form.filter((i) => typeof input.scores[i.key] !== 'number' || input.scores[i.key]! > i.max).map((i) => ({ path: `scores.${i.key}`, zh: `“${i.label}”须为 0–${i.max} 分`, en: `“${i.label}” must be 0–${i.max}` }));
  const extra = Object.keys(input.scores).filter((k) => !form.some((i) => i.key === k)).map((k) => ({ path: `scores.${k}`, zh: '评分表中没有此项', en: 'Not an item of the form' }));
  if (problems.length + extra.length > 0) throw new AppError('VALIDATION_FAILED', { fields: [...problems, ...extra] });
  const total = form.reduce((s, i) => s + input.scores[i.key]!, 0);
  await tx.update(fundingAssignments).set({ scores: input.scores, total, comment: input.comment, submittedAt: now }).where(eq(fundingAssignments.id, asg.id));
  await recordAudit(tx, actor, { action: 'funding_application.score', entityType: 'funding_application', entityId: id, changes: { total } });
}
