import { and, eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { users } from '../identity/schema.js';
import { deleteUserSessions } from '../identity/sessions.js';
import { findOrganisation } from './repository.js';

/**
 * An organisation administrator removes a member: the account leaves the
 * organisation and is disabled (accounts belong to people acting for an
 * organisation; the system administrator may re-enable and re-attach it), and
 * its sessions end at once.
 */
export async function removeMember(tx: Tx, actor: Actor, organisationId: string, userId: string, now: Date): Promise<void> {
  if (!(await findOrganisation(tx, organisationId))) throw new AppError('NOT_FOUND');
  requireCan(actor, 'remove', 'member', { organisationId });
  const [member] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId)))
    .limit(1)
    .for('update');
  if (!member) throw new AppError('NOT_FOUND');
  if (member.id === actor.userId) {
    throw new AppError('INVALID_STATE', {
      message: { zh: '不能将自己移出机构，请由本机构其他管理员操作。', en: 'You cannot remove yourself; another administrator of your organisation can.' },
    });
  }
  await tx.update(users).set({ organisationId: null, status: 'disabled', updatedAt: now }).where(eq(users.id, userId));
  await deleteUserSessions(tx, userId);
  await recordAudit(tx, actor, {
    action: 'organisation.remove_member',
    entityType: 'user',
    entityId: userId,
    changes: {
      organisationId: { before: organisationId, after: null },
      status: { before: member.status, after: 'disabled' },
      username: { before: member.username, after: member.username },
    },
  });
}
