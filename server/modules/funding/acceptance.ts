import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcceptanceApplicationBody, AcceptBody, ReturnAcceptanceBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notify } from '../notifications/notify.js';
import { addEvent, applicationLink, bureauUserIds, findApplication } from './repository.js';
import { fundingApplications } from './schema.js';

/**
 * Acceptance (验收) of an awarded project: the awardee applies with a report
 * of what was achieved and documents; the bureau passes it (the project is
 * `accepted`) or returns it with the reasons, and the awardee corrects and
 * applies again. Each step takes the application's row lock, so a pass and a
 * return of the same application cannot both happen.
 */

const NOT_AWARDED = { zh: '只有已获资助（公示结束）的项目可以申请验收。', en: 'Only awarded projects (after the public notice) can apply for acceptance.' };

/** The awardee's organisation applies for acceptance (again after a return); one application waits at a time. */
export async function applyForAcceptance(tx: Tx, actor: Actor, id: string, input: z.output<typeof AcceptanceApplicationBody>, now: Date): Promise<void> {
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  requireCan(actor, 'create', 'funding_application', { organisationId: a.organisationId });
  if (a.status !== 'awarded') throw new AppError('INVALID_STATE', { message: NOT_AWARDED });
  if (a.acceptanceSubmittedAt) throw new AppError('INVALID_STATE', { message: { zh: '验收申请已提交，等待科技局审核。', en: 'The acceptance application has been submitted and awaits the bureau.' } });
  await assertFilesUsable(tx, actor, input.documents.map((d) => d.fileId), (i) => `documents.${i}.fileId`);
  const again = a.acceptanceReturnNote !== null;
  await tx.update(fundingApplications).set({ acceptanceReport: input.report, acceptanceDocuments: input.documents, acceptanceSubmittedAt: now, acceptanceReturnNote: null }).where(eq(fundingApplications.id, id));
  await addEvent(tx, id, 'acceptance_submitted', now, input.documents.map((d) => d.name).join('、'));
  await notify(tx, { userIds: await bureauUserIds(tx), kind: 'funding.acceptance_submitted', params: { title: a.title, again }, link: applicationLink(id) });
  await recordAudit(tx, actor, { action: 'funding_application.apply_acceptance', entityType: 'funding_application', entityId: id, changes: { documents: input.documents.length, again } });
}

async function submitted(tx: Tx, actor: Actor, id: string) {
  requireCan(actor, 'award', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'awarded') throw new AppError('INVALID_STATE', { message: { zh: '只有已获资助的项目可以验收。', en: 'Only awarded projects can be accepted.' } });
  if (!a.acceptanceSubmittedAt) throw new AppError('INVALID_STATE', { message: { zh: '项目单位尚未提交验收申请。', en: 'The awardee has not applied for acceptance.' } });
  return a;
}

/** The bureau passes the acceptance, with its conclusion; the awardee is told. */
export async function acceptProject(tx: Tx, actor: Actor, id: string, input: z.output<typeof AcceptBody>, now: Date): Promise<void> {
  const a = await submitted(tx, actor, id);
  await tx.update(fundingApplications).set({ status: 'accepted', acceptanceNote: input.note, acceptedAt: now }).where(eq(fundingApplications.id, id));
  await addEvent(tx, id, 'accepted', now, input.note);
  if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: 'funding.accepted', params: { title: a.title, note: input.note }, link: applicationLink(id) });
  await recordAudit(tx, actor, { action: 'funding_application.accept', entityType: 'funding_application', entityId: id, changes: { status: { before: 'awarded', after: 'accepted' }, note: input.note } });
}

/** The bureau returns the acceptance application with the reasons; the report and documents stay for the awardee to correct. */
export async function returnAcceptance(tx: Tx, actor: Actor, id: string, input: z.output<typeof ReturnAcceptanceBody>, now: Date): Promise<void> {
  const a = await submitted(tx, actor, id);
  await tx.update(fundingApplications).set({ acceptanceSubmittedAt: null, acceptanceReturnNote: input.note }).where(eq(fundingApplications.id, id));
  await addEvent(tx, id, 'acceptance_returned', now, input.note);
  if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: 'funding.acceptance_returned', params: { title: a.title, note: input.note }, link: applicationLink(id) });
  await recordAudit(tx, actor, { action: 'funding_application.return_acceptance', entityType: 'funding_application', entityId: id, changes: { note: input.note } });
}
