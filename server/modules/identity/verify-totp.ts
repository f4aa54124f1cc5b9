import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser } from './repository.js';
import { sessions } from './schema.js';
import { deleteSession, markMfaPassed } from './sessions.js';
import { acceptTotpCode } from './totp-codes.js';

/** Wrong codes allowed in one sign-in before the session is ended. */
export const MAX_TOTP_FAILURES = 5;

/**
 * The second step of a sign-in: a valid, not yet used code clears the
 * session's pending second factor. Wrong codes are counted per session; the
 * fifth ends it. Failures are committed before the result is returned, so
 * they are not rolled back with the error.
 */
export async function verifyTotp(
  db: Db,
  actor: Actor,
  code: string,
  now: Date,
): Promise<'passed' | 'wrong' | 'session_ended'> {
  const sessionId = actor.sessionId;
  if (!actor.userId || !sessionId) throw new AppError('UNAUTHENTICATED');
  return withTx(db, async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update').limit(1);
    const user = await loadUser(tx, { id: actor.userId! });
    if (!session || !user) throw new AppError('UNAUTHENTICATED');
    if (!session.mfaPending || !user.totpEnabled || !user.totpSecret) {
      throw new AppError('INVALID_STATE', { message: { zh: '当前登录无需动态验证码。', en: 'This sign-in does not need a code.' } });
    }
    if (await acceptTotpCode(tx, user, code, now)) {
      await markMfaPassed(tx, sessionId);
      await recordAudit(tx, actor, { action: 'auth.totp_verify', entityType: 'user', entityId: user.id });
      return 'passed';
    }
    const failures = session.mfaFailures + 1;
    const end = failures >= MAX_TOTP_FAILURES;
    if (end) await deleteSession(tx, sessionId);
    else await tx.update(sessions).set({ mfaFailures: failures }).where(eq(sessions.id, sessionId));
    await recordAudit(tx, actor, {
      action: 'auth.totp_verify',
      entityType: 'user',
      entityId: user.id,
      changes: { reason: 'wrong_code', failures, sessionEnded: end },
      outcome: 'failure',
    });
    return end ? 'session_ended' : 'wrong';
  });
}
