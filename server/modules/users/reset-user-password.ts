import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { generateOneTimePassword, hashPassword } from '../identity/passwords.js';
import { loadUser } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { deleteUserSessions } from '../identity/sessions.js';
import { lockUser } from './repository.js';

/**
 * Replace an account's password with a one-time password (returned once),
 * force a change at next sign-in and end its sessions.
 */
export async function resetUserPassword(tx: Tx, actor: Actor, id: string, now: Date): Promise<{ oneTimePassword: string }> {
  requireCan(actor, 'manage', 'user', {});
  await lockUser(tx, id);
  if (!(await loadUser(tx, { id }))) throw new AppError('NOT_FOUND');
  const oneTimePassword = generateOneTimePassword();
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true, passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, id));
  await deleteUserSessions(tx, id);
  await recordAudit(tx, actor, {
    action: 'user.reset_password',
    entityType: 'user',
    entityId: id,
    changes: { password: { before: '***', after: '***' }, mustChangePassword: { before: null, after: true } },
  });
  return { oneTimePassword };
}
