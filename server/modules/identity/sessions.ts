import { and, eq, lt, ne } from 'drizzle-orm';
import { ADMIN_ROLES, type Role } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { newSecret, sha256 } from '../../core/tokens.js';
import { sessions } from './schema.js';

/** 等保 2.0 level 2 session limits. */
export const SESSION_LIMITS = {
  idleSeconds: 30 * 60,
  adminIdleSeconds: 15 * 60,
  absoluteSeconds: 12 * 60 * 60,
  /** last_seen_at is written at most this often, to keep reads cheap. */
  touchEverySeconds: 60,
};

export function idleTimeoutFor(roles: readonly Role[]): number {
  return roles.some((r) => ADMIN_ROLES.includes(r)) ? SESSION_LIMITS.adminIdleSeconds : SESSION_LIMITS.idleSeconds;
}

export type SessionRow = typeof sessions.$inferSelect;

export async function createSession(
  tx: DbOrTx,
  input: { userId: string; roles: readonly Role[]; mfaPending: boolean; ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; session: SessionRow }> {
  const token = newSecret();
  const [session] = await tx
    .insert(sessions)
    .values({
      id: sha256(token),
      userId: input.userId,
      csrfToken: newSecret(24),
      mfaPending: input.mfaPending,
      createdAt: input.now,
      lastSeenAt: input.now,
      idleTimeoutSeconds: idleTimeoutFor(input.roles),
      expiresAt: new Date(input.now.getTime() + SESSION_LIMITS.absoluteSeconds * 1000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returning();
  return { token, session: session! };
}

export type SessionLookup =
  | { status: 'valid'; session: SessionRow }
  | { status: 'expired' }
  | { status: 'unknown' };

/**
 * Find the session for a cookie token and apply the idle and absolute limits.
 * `activity: false` (background polls) checks the limits without extending the idle window.
 */
export async function lookupSession(db: DbOrTx, token: string, now: Date, activity = true): Promise<SessionLookup> {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, sha256(token))).limit(1);
  if (!session) return { status: 'unknown' };
  const idleEnd = session.lastSeenAt.getTime() + session.idleTimeoutSeconds * 1000;
  if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleEnd) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return { status: 'expired' };
  }
  if (activity && now.getTime() - session.lastSeenAt.getTime() > SESSION_LIMITS.touchEverySeconds * 1000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return { status: 'valid', session };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** End every session of a user (password change, disable, role change). */
export async function deleteUserSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function markMfaPassed(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ mfaPending: false }).where(eq(sessions.id, sessionId));
}
