import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyOrganisationEvent } from './jobs.js';
import { findOrganisation, findOrganisationWithCount, type OrganisationWithCount } from './repository.js';
import { organisations } from './schema.js';
import { canTransition } from './status.js';

/**
 * A reviewer's decision on a registered organisation. Rejection needs a note,
 * which the organisation's administrators are shown; they are told either way.
 */
export async function verifyOrganisation(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { decision: 'verified' | 'rejected'; note?: string },
  now: Date,
): Promise<OrganisationWithCount> {
  const before = await findOrganisation(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  requireCan(actor, 'verify', 'organisation', { organisationId: id });
  const note = input.note?.trim() || null;
  if (input.decision === 'rejected' && !note) {
    throw AppError.field('note', '驳回时请填写原因，申请单位会看到它', 'Give a reason for the rejection; the organisation will see it');
  }
  if (!canTransition(before.verificationStatus, input.decision)) {
    throw new AppError('INVALID_STATE', {
      message:
        before.verificationStatus === 'verified'
          ? { zh: '该机构已通过审核。', en: 'This organisation is already verified.' }
          : { zh: '该机构已被驳回，等待其修改资料。', en: 'This organisation was already rejected and has not changed its data since.' },
    });
  }
  const verified = input.decision === 'verified';
  await tx
    .update(organisations)
    .set({
      verificationStatus: input.decision,
      verificationNote: note,
      verifiedAt: verified ? now : null,
      verifiedBy: actor.userId,
      updatedAt: now,
    })
    .where(eq(organisations.id, id));
  await enqueue(tx, notifyOrganisationEvent, {
    organisationId: id,
    kind: verified ? 'organisation.verified' : 'organisation.rejected',
    params: { organisationName: before.name, note },
  }, { runAt: now });
  await recordAudit(tx, actor, {
    action: verified ? 'organisation.verify' : 'organisation.reject',
    entityType: 'organisation',
    entityId: id,
    changes: {
      verificationStatus: { before: before.verificationStatus, after: input.decision },
      verificationNote: { before: before.verificationNote, after: note },
    },
  });
  return (await findOrganisationWithCount(tx, id))!;
}
