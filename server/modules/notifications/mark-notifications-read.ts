import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { notifications } from './schema.js';

// Reading a notification changes only the reader's own inbox state; it is not
// written to the audit log, which records changes to the platform's records.

/**
 * Mark one of the actor's own notifications read. Someone else's id answers
 * NOT_FOUND, as an unknown one does, so ids of others' notifications cannot be probed.
 */
export async function markNotificationRead(tx: DbOrTx, actor: Actor, id: string, now: Date): Promise<void> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  const [row] = await tx
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND');
  // Marking again keeps the first reading time.
  if (!row.readAt) await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id));
}

/** Mark every unread notification of the actor read. */
export async function markAllNotificationsRead(tx: DbOrTx, actor: Actor, now: Date): Promise<void> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}
