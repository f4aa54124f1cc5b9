import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApiTokenView } from '../../../shared/contracts/identity.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { newSecret, sha256 } from '../../core/tokens.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { reauthenticate } from './reauthenticate.js';
import { apiTokens } from './schema.js';

type TokenRow = typeof apiTokens.$inferSelect;

/** Active tokens per user; more is a sign of tokens not being cleaned up. */
export const MAX_API_TOKENS = 20;

function present(t: TokenRow): z.input<typeof ApiTokenView> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}

function ownerOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  return actor.userId;
}

/** Tokens are managed from a signed-in browser only: a leaked token must not mint or hide others. */
function requireSession(actor: Actor): void {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN');
}

/** The actor's tokens that are not revoked (expired ones included, so they can be cleaned up), newest first. */
export async function listApiTokens(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, ownerOf(actor)), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(present);
}

/**
 * Create a token for machine clients. The secret is returned once and only its
 * SHA-256 is stored; its first eight characters stay visible as the prefix.
 *
 * The owner re-enters their password first (reauthenticate: counted toward the
 * sign-in lockout): a token outlives the session and a password change, so a
 * stolen session must not be able to leave itself one.
 */
export async function createApiToken(db: Db, actor: Actor, input: { name: string; expiresInDays?: number; password: string }, now: Date) {
  requireSession(actor);
  await reauthenticate(db, actor, input.password, now, { action: 'api_token.create', entityType: 'user', entityId: ownerOf(actor) });
  return withTx(db, (tx) => insertApiToken(tx, actor, input, now));
}

async function insertApiToken(tx: Tx, actor: Actor, input: { name: string; expiresInDays?: number }, now: Date) {
  const userId = ownerOf(actor);
  const active = await tx.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  if (active.length >= MAX_API_TOKENS) {
    throw AppError.field('name', `最多可保留 ${MAX_API_TOKENS} 个令牌，请先撤销不用的令牌`, `You may keep at most ${MAX_API_TOKENS} tokens; revoke unused ones first`);
  }
  const secret = `cg_${newSecret()}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({
      userId,
      name: input.name,
      prefix: secret.slice(0, 8),
      tokenHash: sha256(secret),
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'api_token.create',
    entityType: 'api_token',
    entityId: row!.id,
    changes: { name: input.name, expiresAt: row!.expiresAt?.toISOString() ?? null },
  });
  return { token: present(row!), secret };
}

/** Revoke one of the actor's tokens. Another user's, or an already revoked one, is NOT_FOUND. */
export async function revokeApiToken(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  requireSession(actor);
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ownerOf(actor)), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, changes: { name: row.name } });
}
