import type { z } from 'zod';
import type { ApplyBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notify } from '../notifications/notify.js';
import { findOrganisation } from '../organisations/repository.js';
import { eligibilityChecks } from './eligibility.js';
import { addEvent, type ApplicationRow, applicationLink, bureauUserIds, findCall } from './repository.js';
import { fundingApplications } from './schema.js';

/**
 * Apply to an open call within its window. The automatic checks are kept
 * with the application; failing one makes it `ineligible` (with the reasons)
 * rather than refusing, so the applicant and the bureau see why. The
 * applicant and the bureau's reviewers are told it was received.
 */
export async function applyToCall(tx: Tx, actor: Actor, input: z.output<typeof ApplyBody>, now: Date): Promise<ApplicationRow> {
  requireCan(actor, 'create', 'funding_application', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const call = await findCall(tx, input.callId);
  if (!call || call.status === 'draft') throw AppError.field('callId', '申报指南不存在', 'No such call');
  if (call.status !== 'open' || now < call.opensAt || now >= call.closesAt) {
    throw new AppError('INVALID_STATE', { message: { zh: '不在申报期内。', en: 'The call is not accepting applications now.' } });
  }
  await assertFilesUsable(tx, actor, input.documents.map((d) => d.fileId), (i) => `documents.${i}.fileId`);
  const checks = await eligibilityChecks(tx, call, actor.organisationId, input);
  const status = checks.every((c) => c.ok) ? 'submitted' : 'ineligible';
  const [row] = await tx
    .insert(fundingApplications)
    .values({ callId: call.id, organisationId: actor.organisationId, applicantUserId: actor.userId, title: input.title, summary: input.summary, requestedFen: input.requestedFen, documents: input.documents, collaboratorOrgIds: input.collaboratorOrgIds, collaboratorNames: input.collaboratorNames, checks, status, createdAt: now })
    .returning();
  await addEvent(tx, row!.id, 'submitted', now);
  if (status === 'ineligible') await addEvent(tx, row!.id, 'ineligible', now, checks.filter((c) => !c.ok).map((c) => c.zh).join('；'));
  const org = await findOrganisation(tx, actor.organisationId);
  await notify(tx, { userIds: [...(actor.userId ? [actor.userId] : []), ...(await bureauUserIds(tx))], kind: 'funding.application_received', params: { call: call.title, title: input.title, organisation: org?.name ?? '', status }, link: applicationLink(row!.id) });
  await recordAudit(tx, actor, { action: 'funding_application.submit', entityType: 'funding_application', entityId: row!.id, changes: { callId: call.id, status, requestedFen: input.requestedFen } });
  return row!;
}
