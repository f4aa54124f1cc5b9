import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser, type UserWithContext } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { lockUser } from './repository.js';

/** Lift a sign-in lockout and forget the failed attempts. */
export async function unlockUser(tx: Tx, actor: Actor, id: string, now: Date): Promise<UserWithContext> {
  requireCan(actor, 'manage', 'user', {});
  await lockUser(tx, id);
  const before = await loadUser(tx, { id });
  if (!before) throw new AppError('NOT_FOUND');
  await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0, updatedAt: now }).where(eq(users.id, id));
  await recordAudit(tx, actor, {
    action: 'user.unlock',
    entityType: 'user',
    entityId: id,
    changes: {
      lockedUntil: { before: before.lockedUntil?.toISOString() ?? null, after: null },
      failedLoginCount: { before: before.failedLoginCount, after: 0 },
    },
  });
  return (await loadUser(tx, { id }))!;
}
