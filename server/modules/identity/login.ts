import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { loadUser, type UserWithContext } from './repository.js';
import { users } from './schema.js';
import { createSession, type SessionRow } from './sessions.js';

export const LOCKOUT = { maxFailures: 5, lockSeconds: 15 * 60 };

export type LoginResult = { token: string; session: SessionRow; user: UserWithContext };

/**
 * Password sign-in with lockout: five wrong passwords in a row lock the
 * account for 15 minutes. Failures are committed (counter and audit row)
 * before the error is thrown, so they are not rolled back with it.
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
  if (user.lockedUntil && user.lockedUntil > now) {
    await withTx(db, (tx) =>
      recordAudit(tx, actorAs(actor, user), { action: 'auth.login', entityType: 'user', entityId: user.id, changes: { reason: 'locked' }, outcome: 'denied' }),
    );
    throw new AppError('ACCOUNT_LOCKED', { retryAfter: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) });
  }

  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failures = user.failedLoginCount + 1;
    const lock = failures >= LOCKOUT.maxFailures;
    await withTx(db, async (tx) => {
      await tx
        .update(users)
        .set({
          failedLoginCount: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + LOCKOUT.lockSeconds * 1000) : user.lockedUntil,
        })
        .where(eq(users.id, user.id));
      // The owner learns of the lockout at their next sign-in: someone may be guessing.
      if (lock) await notify(tx, { userIds: [user.id], kind: 'account.locked', params: {} });
      await recordAudit(tx, actorAs(actor, user), {
        action: lock ? 'auth.lockout' : 'auth.login',
        entityType: 'user',
        entityId: user.id,
        changes: { reason: 'wrong_password', failures },
        outcome: 'failure',
      });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', { retryAfter: LOCKOUT.lockSeconds });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await withTx(db, (tx) =>
      recordAudit(tx, actorAs(actor, user), { action: 'auth.login', entityType: 'user', entityId: user.id, changes: { reason: 'disabled' }, outcome: 'denied' }),
    );
    throw new AppError('ACCOUNT_DISABLED');
  }

  return withTx(db, async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
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
