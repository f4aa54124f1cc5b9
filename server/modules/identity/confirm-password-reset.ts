import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { sha256 } from '../../core/tokens.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { actorAs } from './login.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { loadUser } from './repository.js';
import { passwordResetTokens, users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

const BAD_TOKEN = {
  zh: '重置链接无效、已使用或已过期，请重新申请。',
  en: 'This reset link is invalid, already used or expired; request a new one.',
};

/**
 * Set a new password with an e-mailed token. The token works once, for an
 * hour; using it also unlocks the account, ends every session and voids the
 * user's other outstanding reset links.
 */
export async function confirmPasswordReset(
  tx: Tx,
  actor: Actor,
  input: { token: string; newPassword: string },
  now: Date,
): Promise<void> {
  // Row lock: two concurrent uses of one token cannot both pass.
  const [token] = await tx
    .select()
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, sha256(input.token)))
    .for('update')
    .limit(1);
  const user = token ? await loadUser(tx, { id: token.userId }) : null;
  if (!token || !user || token.usedAt || token.expiresAt <= now || user.status !== 'active') {
    throw AppError.field('token', BAD_TOKEN.zh, BAD_TOKEN.en);
  }
  assertPasswordPolicy(input.newPassword, user.username, 'newPassword');
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      passwordChangedAt: now,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    })
    .where(eq(users.id, user.id));
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
  await deleteUserSessions(tx, user.id);
  await notify(tx, { userIds: [user.id], kind: 'account.password_reset', params: {} });
  await recordAudit(tx, actorAs(actor, user), {
    action: 'auth.password_reset',
    entityType: 'user',
    entityId: user.id,
    changes: { password: { before: '***', after: '***' } },
  });
}
