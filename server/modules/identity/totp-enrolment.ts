import { eq } from 'drizzle-orm';
import { STAFF_ROLES } from '../../../shared/roles.js';
import { type Actor, hasRole } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser, type UserWithContext } from './repository.js';
import { reauthenticate } from './reauthenticate.js';
import { users } from './schema.js';
import { acceptTotpCode, newTotpSecret, totpFor } from './totp-codes.js';

const WRONG_CODE = { zh: '动态验证码不正确', en: 'The authenticator code is wrong' };

async function currentUser(tx: Tx, actor: Actor): Promise<UserWithContext> {
  const user = actor.userId ? await loadUser(tx, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  // Second factors are changed only from a browser session, never with an API
  // token: a leaked token must not be able to switch off a staff member's 2FA.
  if (actor.via !== 'session') throw new AppError('FORBIDDEN');
  return user;
}

/**
 * Start (or restart) enrolment: a new secret is stored but not trusted until
 * a first code confirms the user's app holds it. Staff roles only.
 */
export async function enrolTotp(tx: Tx, actor: Actor, now: Date): Promise<{ secret: string; otpauthUrl: string }> {
  if (!hasRole(actor, ...STAFF_ROLES)) throw new AppError('FORBIDDEN');
  const user = await currentUser(tx, actor);
  if (user.totpEnabled) {
    throw new AppError('INVALID_STATE', { message: { zh: '动态验证码已启用，请先停用再重新绑定。', en: 'Two-factor sign-in is already on; turn it off before enrolling again.' } });
  }
  const secret = newTotpSecret();
  await tx.update(users).set({ totpSecret: secret, totpEnabled: false, updatedAt: now }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.totp_enrol', entityType: 'user', entityId: user.id });
  return { secret, otpauthUrl: totpFor(secret, user.username).toString() };
}

/** Finish enrolment with a first valid code; from then on sign-in asks for one. */
export async function confirmTotp(db: Db, actor: Actor, code: string, now: Date): Promise<void> {
  const outcome = await withTx(db, async (tx) => {
    if (!hasRole(actor, ...STAFF_ROLES)) throw new AppError('FORBIDDEN');
    const user = await currentUser(tx, actor);
    if (user.totpEnabled || !user.totpSecret) {
      throw new AppError('INVALID_STATE', { message: { zh: '请先开始绑定动态验证码。', en: 'Start the enrolment first.' } });
    }
    if (!(await acceptTotpCode(tx, user, code, now))) return 'wrong' as const;
    await tx.update(users).set({ totpEnabled: true, updatedAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'user.totp_confirm', entityType: 'user', entityId: user.id, changes: { totpEnabled: { before: false, after: true } } });
    return 'ok' as const;
  });
  if (outcome === 'wrong') await wrongCode(db, actor, 'user.totp_confirm');
}

/** Turn the second factor off; a current code proves the user still holds it. */
export async function disableTotp(db: Db, actor: Actor, input: { code: string; password: string }, now: Date): Promise<void> {
  const { code } = input;
  // The password first (reauthenticate: counted toward the sign-in lockout), so an open session
  // with a guessed or shoulder-surfed code cannot take the second factor off.
  await reauthenticate(db, actor, input.password, now, { action: 'user.totp_disable', entityType: 'user', entityId: actor.userId });
  const outcome = await withTx(db, async (tx) => {
    const user = await currentUser(tx, actor);
    if (!user.totpEnabled || !user.totpSecret) {
      throw new AppError('INVALID_STATE', { message: { zh: '动态验证码未启用。', en: 'Two-factor sign-in is not on.' } });
    }
    if (!(await acceptTotpCode(tx, user, code, now))) return 'wrong' as const;
    await tx.update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null, updatedAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'user.totp_disable', entityType: 'user', entityId: user.id, changes: { totpEnabled: { before: true, after: false } } });
    return 'ok' as const;
  });
  if (outcome === 'wrong') await wrongCode(db, actor, 'user.totp_disable');
}

/** Audit a wrong code in its own transaction (so it survives the error), then refuse. */
async function wrongCode(db: Db, actor: Actor, action: string): Promise<never> {
  await withTx(db, (tx) => recordAudit(tx, actor, { action, entityType: 'user', entityId: actor.userId, changes: { reason: 'wrong_code' }, outcome: 'failure' }));
  throw AppError.field('code', WRONG_CODE.zh, WRONG_CODE.en);
}
