import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DeadlineBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { applicationLink, deadlineOf, findApplication, findAssignment, findCall, when } from './repository.js';
import { experts, fundingAssignments } from './schema.js';

/**
 * The bureau extends an expert's deadline (the only way to score after it
 * passed) while the review is open. The reminder and overdue marks reset so
 * the new deadline gets its own. Returns the application id.
 */
export async function extendDeadline(tx: Tx, actor: Actor, assignmentId: string, input: z.output<typeof DeadlineBody>, now: Date): Promise<string> {
  requireCan(actor, 'review', 'funding_application');
  const asg = await findAssignment(tx, assignmentId, true);
  if (!asg) throw new AppError('NOT_FOUND');
  const a = (await findApplication(tx, asg.applicationId))!;
  const call = (await findCall(tx, a.callId))!;
  if (a.status !== 'in_review' || call.reviewClosedAt) throw new AppError('INVALID_STATE', { message: { zh: '评审已结束。', en: 'The review has closed.' } });
  if (asg.submittedAt) throw new AppError('INVALID_STATE', { message: { zh: '该专家已提交评分。', en: 'The expert has already scored.' } });
  const deadline = new Date(input.deadline);
  const before = deadlineOf(asg, call);
  if (deadline <= now || deadline <= before) throw AppError.field('deadline', '新的截止时间须晚于当前时间和原截止时间', 'The new deadline must be later than now and than the current one');
  await tx.update(fundingAssignments).set({ deadline, remindedAt: null, overdueNotifiedAt: null }).where(eq(fundingAssignments.id, assignmentId));
  const [e] = await tx.select().from(experts).where(eq(experts.id, asg.expertId));
  await notify(tx, { userIds: [e!.userId], kind: 'funding.deadline_extended', params: { title: a.title, deadline: when(deadline) }, link: applicationLink(a.id) });
  await recordAudit(tx, actor, { action: 'funding_application.extend_deadline', entityType: 'funding_application', entityId: a.id, changes: { assignmentId, deadline: { before: before.toISOString(), after: deadline.toISOString() } } });
  return a.id;
}
