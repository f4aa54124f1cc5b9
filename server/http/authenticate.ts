import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../shared/roles.js';
import { ANONYMOUS, type Actor } from '../core/access.js';
import { sha256 } from '../core/tokens.js';
import { loadUser, type UserWithContext } from '../modules/identity/repository.js';
import { apiTokens } from '../modules/identity/schema.js';
import { deleteSession, lookupSession } from '../modules/identity/sessions.js';
import type { App } from './route.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

/**
 * onRequest: turn the session cookie or the bearer token into `req.actor`.
 * Failing to authenticate never throws here; routes decide what they need.
 */
export function registerAuthentication(app: App): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('mfaPending', false);
  app.decorateRequest('mustChangePassword', false);

  app.addHook('onRequest', async (req, reply) => {
    const base: Actor = {
      ...ANONYMOUS,
      locale: localeFromHeader(req.headers['accept-language']),
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: req.id,
    };
    req.actor = base;
    if (!req.url.startsWith('/api/')) return;

    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      await fromApiToken(app, req, auth.slice(7).trim(), base);
      return;
    }
    const token = readSessionCookie(req);
    if (token) await fromSession(app, req, reply, token, base);
  });
}

async function fromSession(app: App, req: FastifyRequest, reply: FastifyReply, token: string, base: Actor) {
  const { db, clock } = app.deps;
  // Background polls (the unread-count badge) are not user activity.
  const activity = req.headers['x-background-request'] !== '1';
  const found = await lookupSession(db, token, clock(), activity);
  if (found.status !== 'valid') {
    req.sessionExpired = found.status === 'expired';
    clearSessionCookie(req, reply, app.deps.config);
    return;
  }
  const user = await loadUser(db, { id: found.session.userId });
  if (!user || user.status !== 'active') {
    await deleteSession(db, found.session.id);
    clearSessionCookie(req, reply, app.deps.config);
    return;
  }
  req.actor = actorFor(user, base, 'session', found.session.id);
  req.csrfToken = found.session.csrfToken;
  req.mfaPending = found.session.mfaPending;
  req.mustChangePassword = user.mustChangePassword;
}

async function fromApiToken(app: App, req: FastifyRequest, secret: string, base: Actor) {
  const { db, clock } = app.deps;
  const now = clock();
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(secret)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt <= now)) return;
  const user = await loadUser(db, { id: row.userId });
  if (!user || user.status !== 'active') return;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  req.actor = actorFor(user, base, 'token', null);
  req.mustChangePassword = user.mustChangePassword;
}

export function actorFor(user: UserWithContext, base: Actor, via: Actor['via'], sessionId: string | null): Actor {
  return {
    ...base,
    userId: user.id,
    username: user.username,
    organisationId: user.organisationId,
    orgVerified: user.organisation?.verificationStatus === 'verified',
    roles: user.roles,
    locale: (user.locale === 'en' ? 'en' : 'zh-CN') satisfies Locale,
    sessionId,
    via,
  };
}

export function localeFromHeader(h: string | undefined): Locale {
  return h && /^en\b/i.test(h.trim()) ? 'en' : 'zh-CN';
}

