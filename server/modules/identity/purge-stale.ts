import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { passwordResetTokens } from './schema.js';

/** Reset tokens are kept a day past expiry (for support questions), then deleted. */
export async function purgeStaleResetTokens(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(passwordResetTokens).where(lt(passwordResetTokens.expiresAt, new Date(now.getTime() - 86_400_000)));
}
