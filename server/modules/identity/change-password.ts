import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { reauthenticate } from './reauthenticate.js';
import { loadUser } from './repository.js';
import { users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

/**
 * Change one's own password; other sessions of the user end. The current
 * password is re-entered through `reauthenticate` (a wrong one counts toward
 * the sign-in lockout), so this takes the pool and opens its own transaction.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const user = actor.userId ? await loadUser(db, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  await reauthenticate(db, actor, input.currentPassword, now, { action: 'user.change_password', entityType: 'user', entityId: user.id, field: 'currentPassword' });
  assertPasswordPolicy(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw AppError.field('newPassword', '新密码不能与当前密码相同', 'The new password must differ from the current one');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(db, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id, actor.sessionId ?? undefined);
    await recordAudit(tx, actor, { action: 'user.change_password', entityType: 'user', entityId: user.id, changes: { password: { before: '***', after: '***' } } });
  });
}
