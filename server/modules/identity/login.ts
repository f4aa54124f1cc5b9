import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { clearWrongPasswords, countWrongPassword, lockedError, refuseIfLocked } from './lockout.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { loadUser, type UserWithContext } from './repository.js';
import { createSession, type SessionRow } from './sessions.js';

/** The lockout's threshold and duration (counted in lockout.ts). */
export { LOCKOUT } from './lockout.js';

export type LoginResult = { token: string; session: SessionRow; user: UserWithContext };

/**
 * Password sign-in with lockout: five wrong passwords in a row (here or where
 * a signed-in user re-enters it, reauthenticate.ts) lock the account for 15
 * minutes; the counting is lockout.ts's. Failures are committed (counter and
 * audit row) before the error is thrown, so they are not rolled back with it.
 */
export async function login(db: Db, actor: Actor, input: { username: string; password: string }, now: Date): Promise<LoginResult> {
  const user = await loadUser(db, { login: input.username });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await withTx(db, (tx) =>
      recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', changes: { reason: 'unknown_user' }, outcome: 'failure' }),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  const signIn = { action: 'auth.login', entityType: 'user', entityId: user.id };
  await refuseIfLocked(db, actorAs(actor, user), user, now, signIn);

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const counted = await countWrongPassword(db, actorAs(actor, user), user.id, now, signIn);
    if (counted.locked) throw lockedError(counted.retryAfter);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await withTx(db, (tx) =>
      recordAudit(tx, actorAs(actor, user), { action: 'auth.login', entityType: 'user', entityId: user.id, changes: { reason: 'disabled' }, outcome: 'denied' }),
    );
    throw new AppError('ACCOUNT_DISABLED');
  }

  return withTx(db, async (tx) => {
    await clearWrongPasswords(tx, user.id, { lastLoginAt: now });
    const { token, session } = await createSession(tx, {
      userId: user.id,
      roles: user.roles,
      mfaPending: user.totpEnabled,
      ip: actor.ip,
      userAgent: actor.userAgent,
      now,
    });
    await recordAudit(tx, actorAs(actor, user), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      changes: user.totpEnabled ? { secondFactor: 'pending' } : {},
    });
    return { token, session, user };
  });
}

/** The request's actor, named as the user being signed in (for the audit row). */
export function actorAs(actor: Actor, user: UserWithContext): Actor {
  return { ...actor, userId: user.id, username: user.username, organisationId: user.organisationId, roles: user.roles };
}
