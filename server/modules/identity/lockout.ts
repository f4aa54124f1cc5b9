import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { type AuditEntry, recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { users } from './schema.js';

/**
 * The account lockout (decision record 0009, "Password re-entry"): five wrong passwords in a row,
 * at sign-in or at any re-entry of the password by a signed-in user (deal
 * confirmation, password change), lock the account for 15 minutes. One
 * counter (`users.failed_login_count`), counted here only.
 */
export const LOCKOUT = { maxFailures: 5, lockSeconds: 15 * 60 };

/** What the wrong or refused password was for, as the audit row names it (`auth.login`, `trade_deal.confirm`…). */
export type PasswordAttempt = Pick<AuditEntry, 'action' | 'entityType' | 'entityId'> & { changes?: Record<string, unknown> };

type LockState = { failedLoginCount: number; lockedUntil: Date | null };

/** Seconds the account stays locked, or 0 when it is not locked. */
export function lockedFor(user: LockState, now: Date): number {
  return user.lockedUntil && user.lockedUntil > now ? Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) : 0;
}

/**
 * ACCOUNT_LOCKED with the seconds left, worded for sign-in and re-entry alike
 * (the wrong passwords may have been typed at either).
 */
export function lockedError(retryAfter: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return new AppError('ACCOUNT_LOCKED', {
    retryAfter,
    message: {
      zh: `密码连续输错次数过多，账号已锁定，请 ${minutes} 分钟后再试。`,
      en: `Too many wrong passwords in a row; the account is locked. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
  });
}

/**
 * Refuse an attempt on a locked account (the password is not checked): the
 * refusal is committed to the audit, then ACCOUNT_LOCKED is thrown.
 */
export async function refuseIfLocked(db: Db, actor: Actor, user: LockState & { id: string }, now: Date, attempt: PasswordAttempt): Promise<void> {
  const retryAfter = lockedFor(user, now);
  if (retryAfter === 0) return;
  await withTx(db, (tx) => recordAudit(tx, actor, { ...attempt, changes: { reason: 'locked', ...attempt.changes }, outcome: 'denied' }));
  throw lockedError(retryAfter);
}

/**
 * Count a wrong password, committed in its own transaction (the caller then
 * throws, and nothing of this may roll back with it). The user's row is
 * locked while counting, so concurrent wrong attempts all count. The fifth in
 * a row locks the account: the counter starts again at 0, the owner is told
 * (`account.locked`, seen at their next sign-in) and an `auth.lockout` row
 * joins the attempt's own failure row. An account that a concurrent attempt
 * locked meanwhile reports `locked` without counting.
 */
export async function countWrongPassword(
  db: Db,
  actor: Actor,
  userId: string,
  now: Date,
  attempt: PasswordAttempt,
): Promise<{ locked: boolean; retryAfter: number; remaining: number }> {
  return withTx(db, async (tx) => {
    const [u] = await tx.select({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw new AppError('UNAUTHENTICATED');
    const already = lockedFor(u, now);
    if (already > 0) {
      await recordAudit(tx, actor, { ...attempt, changes: { reason: 'locked', ...attempt.changes }, outcome: 'denied' });
      return { locked: true, retryAfter: already, remaining: 0 };
    }
    const failures = u.failedLoginCount + 1;
    const lock = failures >= LOCKOUT.maxFailures;
    await tx
      .update(users)
      .set({ failedLoginCount: lock ? 0 : failures, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT.lockSeconds * 1000) : u.lockedUntil })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, { ...attempt, changes: { reason: 'wrong_password', failures, ...attempt.changes }, outcome: 'failure' });
    if (lock) {
      // The owner learns of the lockout at their next sign-in: someone may be guessing.
      await notify(tx, { userIds: [userId], kind: 'account.locked', params: {} });
      await recordAudit(tx, actor, {
        action: 'auth.lockout',
        entityType: 'user',
        entityId: userId,
        changes: { reason: 'wrong_password', failures, during: attempt.action },
        outcome: 'failure',
      });
    }
    return { locked: lock, retryAfter: lock ? LOCKOUT.lockSeconds : 0, remaining: LOCKOUT.maxFailures - failures };
  });
}

/** A right password: the run of wrong ones is forgotten (as at a successful sign-in). */
export async function clearWrongPasswords(tx: Tx | Db, userId: string, extra: { lastLoginAt?: Date } = {}): Promise<void> {
  await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, ...extra }).where(eq(users.id, userId));
}
