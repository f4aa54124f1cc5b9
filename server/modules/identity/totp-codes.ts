import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { DbOrTx } from '../../db/client.js';
import { users } from './schema.js';

/** RFC 6238 parameters every common authenticator app understands. */
const PARAMS = { issuer: 'Chengguo', algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** A new random 160-bit secret, base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ ...PARAMS, label, secret: Secret.fromBase32(secretBase32) });
}

/**
 * The 30-second step `code` belongs to at `now`, allowing one step of clock
 * drift either way, or null when the code is wrong.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32, 'check').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PARAMS.period) + delta;
}

/**
 * Accept a code once: it must be valid and of a later step than the last code
 * this user gave, so a code seen over someone's shoulder cannot be replayed.
 */
export async function acceptTotpCode(
  tx: DbOrTx,
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string,
  now: Date,
): Promise<boolean> {
  if (!user.totpSecret) return false;
  const step = totpStep(user.totpSecret, code, now);
  if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return false;
  await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
  return true;
}
