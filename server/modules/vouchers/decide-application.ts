import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DecideApplicationBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { eligibilityChecks, failedBlocking } from './eligibility.js';
import { issueVouchers } from './issue.js';
import { findApplication, findProgramme } from './repository.js';
import { voucherApplications } from './schema.js';

/**
 * The bureau decides an application: approval issues the vouchers (reserving
 * budget) when every blocking eligibility check passes; rejection needs a
 * reason. Either way the applicant is told.
 */
export async function decideApplication(tx: Tx, actor: Actor, id: string, input: z.output<typeof DecideApplicationBody>, now: Date) {
  requireCan(actor, 'decide', 'voucher_application');
  const a = await findApplication(tx, id, { forUpdate: true });
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'submitted') throw new AppError('INVALID_STATE', { message: { zh: '该申请已处理。', en: 'This application has already been decided.' } });
  const p = (await findProgramme(tx, a.programmeId))!;
  let issued: string[] = [];
  if (input.decision === 'approve') {
    const failed = failedBlocking(await eligibilityChecks(tx, p, a, now));
    if (failed.length > 0) throw new AppError('NOT_ELIGIBLE', { fields: failed.map((c) => ({ path: c.code, zh: c.zh, en: c.en })) });
    const rows = await issueVouchers(tx, { programmeId: p.id, organisationId: a.organisationId, applicationId: a.id, faceValuesFen: input.faceValuesFen, actorUserId: actor.userId }, now);
    issued = rows.map((r) => r.code);
  }
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await tx.update(voucherApplications).set({ status, decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now }).where(eq(voucherApplications.id, id));
  if (a.applicantUserId) {
    await notify(tx, { userIds: [a.applicantUserId], kind: `voucher.application_${status}`, params: { programme: p.name, codes: issued.join('、'), note: input.note ?? '' }, link: `/console/vouchers/applications/${id}` });
  }
  await recordAudit(tx, actor, { action: `voucher_application.${input.decision}`, entityType: 'voucher_application', entityId: id, changes: { status: { before: 'submitted', after: status }, issued, note: input.note ?? null } });
}
