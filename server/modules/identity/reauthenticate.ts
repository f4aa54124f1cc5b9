import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { clearWrongPasswords, countWrongPassword, LOCKOUT, lockedError, type PasswordAttempt, refuseIfLocked } from './lockout.js';
import { verifyPassword } from './passwords.js';
import { loadUser } from './repository.js';

/**
 * A signed-in user re-enters their password (deal confirmation, password
 * change: every such check goes through here). It counts toward the same
 * lockout as sign-in (lockout.ts, decision record 0009, "Password re-entry"), so a stolen session
 * cannot guess the password through it:
 * - while the account is locked it is refused with ACCOUNT_LOCKED (and the
 *   seconds left), even with the right password;
 * - a wrong password is counted and audited (as `attempt`) in a transaction
 *   of its own, committed before the error is thrown; the fifth in a row
 *   locks the account (ACCOUNT_LOCKED), the ones before are refused on the
 *   field (`field`, default `password`) with the attempts left;
 * - a right password clears the run of wrong ones, as a sign-in does
 *   (committed too: it stays cleared if the operation then fails).
 *
 * Takes the pool, not a transaction: call it before the operation's own
 * transaction.
 */
export async function reauthenticate(
  db: Db,
  actor: Actor,
  password: string,
  now: Date,
  attempt: PasswordAttempt & { field?: string },
): Promise<void> {
  const { field = 'password', ...audit } = attempt;
  const user = actor.userId ? await loadUser(db, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  await refuseIfLocked(db, actor, user, now, audit);
  if (await verifyPassword(user.passwordHash, password)) {
    if (user.failedLoginCount > 0) await withTx(db, (tx) => clearWrongPasswords(tx, user.id));
    return;
  }
  const counted = await countWrongPassword(db, actor, user.id, now, audit);
  if (counted.locked) throw lockedError(counted.retryAfter);
  const minutes = LOCKOUT.lockSeconds / 60;
  throw AppError.field(
    field,
    `密码不正确；再输错 ${counted.remaining} 次，账号将锁定 ${minutes} 分钟。`,
    `The password is wrong; ${counted.remaining} more wrong attempt${counted.remaining === 1 ? '' : 's'} will lock the account for ${minutes} minutes.`,
  );
}
