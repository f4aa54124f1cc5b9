import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { loadUser } from './repository.js';
import { users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

/** Change one's own password; other sessions of the user end. */
export async function changePassword(
  tx: Tx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const user = actor.userId ? await loadUser(tx, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw AppError.field('currentPassword', '当前密码不正确', 'The current password is wrong');
  }
  assertPasswordPolicy(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw AppError.field('newPassword', '新密码不能与当前密码相同', 'The new password must differ from the current one');
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, user.id));
  await deleteUserSessions(tx, user.id, actor.sessionId ?? undefined);
  await recordAudit(tx, actor, { action: 'user.change_password', entityType: 'user', entityId: user.id, changes: { password: { before: '***', after: '***' } } });
}
