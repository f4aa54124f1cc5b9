import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { invitations } from '../identity/schema.js';
import { findInvitation, findOrganisation } from './repository.js';

/** Take back an invitation that has not been used; its link stops working. */
export async function revokeInvitation(tx: Tx, actor: Actor, organisationId: string, invitationId: string, now: Date): Promise<void> {
  if (!(await findOrganisation(tx, organisationId))) throw new AppError('NOT_FOUND');
  requireCan(actor, 'invite', 'member', { organisationId });
  const inv = await findInvitation(tx, organisationId, invitationId);
  if (!inv) throw new AppError('NOT_FOUND');
  if (inv.acceptedAt || inv.revokedAt) {
    throw new AppError('INVALID_STATE', {
      message: inv.acceptedAt
        ? { zh: '该邀请已被接受，不能撤销。', en: 'This invitation has been accepted and cannot be revoked.' }
        : { zh: '该邀请已撤销。', en: 'This invitation is already revoked.' },
    });
  }
  await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, inv.id));
  await recordAudit(tx, actor, {
    action: 'invitation.revoke',
    entityType: 'invitation',
    entityId: inv.id,
    changes: { revokedAt: { before: null, after: now.toISOString() } },
  });
}
