import type { z } from 'zod';
import type { AssignBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { conflictOf, expertsByIds, partiesOf } from './conflicts.js';
import { applicationLink, findApplication, findCall, when } from './repository.js';
import { fundingAssignments } from './schema.js';

/**
 * Assign experts to an application in expert review, each with a deadline
 * (default: the call's review deadline). Experts with a conflict of interest
 * are not assigned and come back with the reason; the assigned are told
 * what to review and by when. Assigning an expert again changes nothing.
 */
export async function assignExperts(tx: Tx, actor: Actor, id: string, input: z.output<typeof AssignBody>, now: Date) {
  requireCan(actor, 'review', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'in_review') throw new AppError('INVALID_STATE', { message: { zh: '形式审查通过后才能分配专家。', en: 'Experts are assigned after the formal review passes.' } });
  const call = (await findCall(tx, a.callId))!;
  if (call.reviewClosedAt) throw new AppError('INVALID_STATE', { message: { zh: '评审已结束。', en: 'The review has closed.' } });
  const deadline = input.deadline ? new Date(input.deadline) : call.reviewDeadline;
  if (deadline <= now) throw AppError.field('deadline', '评审截止时间须晚于当前时间', 'The deadline must be in the future');
  const rows = await expertsByIds(tx, input.expertIds);
  if (rows.length !== new Set(input.expertIds).size) throw AppError.field('expertIds', '专家不存在', 'No such expert');
  const parties = await partiesOf(tx, a);
  const assigned: string[] = [];
  const excluded: { expertId: string; reason: string }[] = [];
  for (const e of rows) {
    const reason = conflictOf(e, a, parties.applicantName, parties.collaboratorOrgNames);
    if (reason) {
      excluded.push({ expertId: e.id, reason: actor.locale === 'en' ? reason.en : reason.zh });
      continue;
    }
    const [row] = await tx.insert(fundingAssignments).values({ applicationId: id, expertId: e.id, deadline, createdAt: now }).onConflictDoNothing().returning();
    if (row) await notify(tx, { userIds: [e.userId], kind: 'funding.expert_assigned', params: { title: a.title, call: call.title, deadline: when(deadline) }, link: applicationLink(id) });
    assigned.push(e.id);
  }
  await recordAudit(tx, actor, { action: 'funding_application.assign', entityType: 'funding_application', entityId: id, changes: { assigned, excluded: excluded.map((x) => x.expertId), deadline: deadline.toISOString() } });
  return { assigned, excluded, deadline: deadline.toISOString() };
}
