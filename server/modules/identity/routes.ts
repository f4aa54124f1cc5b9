import type { FastifyRequest } from 'fastify';
import * as c from '../../../shared/contracts/identity.js';
import { permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { actorFor } from '../../http/authenticate.js';
import { type App, route } from '../../http/route.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { recordAudit } from '../audit/record-audit.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { changePassword } from './change-password.js';
import { confirmPasswordReset } from './confirm-password-reset.js';
import { login } from './login.js';
import { presentMe, presentSession } from './present.js';
import { loadUser } from './repository.js';
import { requestPasswordReset } from './request-password-reset.js';
import { deleteSession } from './sessions.js';
import { confirmTotp, disableTotp, enrolTotp } from './totp-enrolment.js';
import { updateMe } from './update-me.js';
import { verifyTotp } from './verify-totp.js';
import './policy.js';

/**
 * Sign-in: an office or campus shares one address at nine in the morning, so
 * the per-address limit is generous; one account from one address is held to
 * ten tries a minute (and locked after five wrong passwords, see login.ts).
 */
const LOGIN_LIMIT = { max: 60, timeWindow: '1 minute' };
const LOGIN_ACCOUNT_LIMIT = {
  max: 10,
  timeWindow: '1 minute',
  key: (req: FastifyRequest) => String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase(),
};
const RESET_LIMIT = { max: 5, timeWindow: '1 minute' };
const OK = { ok: true as const };

export function identityRoutes(app: App): void {
  route(app, c.getSession, { access: 'public' }, async ({ actor, deps, req }) => {
    if (!actor.userId) return presentSession(actor, null, null);
    return currentSessionView(deps, actor.userId, actor.sessionId, req.actor);
  });

  route(app, c.login, { access: 'public', rateLimit: LOGIN_LIMIT, rateLimitBy: LOGIN_ACCOUNT_LIMIT }, async ({ actor, body, deps, req, reply }) => {
    const result = await login(deps.db, actor, body, deps.clock());
    setSessionCookie(req, reply, deps.config, result.token);
    const signedIn = actorFor(result.user, actor, 'session', result.session.id);
    return presentSession(signedIn, result.user, result.session);
  });

  route(app, c.logout, { access: 'authenticated', allowWhileMfaPending: true, allowWhilePasswordChangeRequired: true }, async ({ actor, deps, req, reply }) => {
    if (actor.sessionId) {
      const sessionId = actor.sessionId;
      await withTx(deps.db, async (tx) => {
        await deleteSession(tx, sessionId);
        await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
      });
    }
    clearSessionCookie(req, reply, deps.config);
    return { ok: true as const };
  });

  route(app, c.changePassword, { access: 'authenticated', allowWhilePasswordChangeRequired: true }, async ({ actor, body, deps }) => {
    await changePassword(deps.db, actor, body, deps.clock());
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });

  route(app, c.requestPasswordReset, { access: 'public', rateLimit: RESET_LIMIT }, async ({ actor, body, deps }) => {
    await withTx(deps.db, (tx) => requestPasswordReset(tx, actor, body, { now: deps.clock(), publicUrl: deps.config.publicUrl }));
    return OK;
  });

  route(app, c.confirmPasswordReset, { access: 'public', rateLimit: RESET_LIMIT }, async ({ actor, body, deps }) => {
    await withTx(deps.db, (tx) => confirmPasswordReset(tx, actor, body, deps.clock()));
    return OK;
  });

  // Second factor. Verify is reachable while it is pending (and before a
  // forced password change, which comes after it).
  const MFA_STEP = { access: 'authenticated', allowWhileMfaPending: true, allowWhilePasswordChangeRequired: true } as const;
  route(app, c.verifyTotp, MFA_STEP, async ({ actor, body, deps, req, reply }) => {
    const result = await verifyTotp(deps.db, actor, body.code, deps.clock());
    if (result === 'session_ended') {
      clearSessionCookie(req, reply, deps.config);
      throw new AppError('INVALID_MFA_CODE', {
        message: { zh: '动态验证码错误次数过多，请重新登录。', en: 'Too many wrong codes; please sign in again.' },
      });
    }
    if (result === 'wrong') throw new AppError('INVALID_MFA_CODE');
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });

  route(app, c.enrolTotp, { access: 'manage:totp' }, async ({ actor, deps }) =>
    withTx(deps.db, (tx) => enrolTotp(tx, actor, deps.clock())),
  );

  route(app, c.confirmTotp, { access: 'manage:totp' }, async ({ actor, body, deps }) => {
    await confirmTotp(deps.db, actor, body.code, deps.clock());
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });

  route(app, c.disableTotp, { access: 'manage:totp' }, async ({ actor, body, deps }) => {
    await disableTotp(deps.db, actor, body, deps.clock());
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });

  // Own profile and API tokens.
  route(app, c.updateMe, { access: 'update:user' }, async ({ actor, body, deps }) => {
    await updateMe(deps.db, actor, body, deps.clock());
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });

  route(app, c.listApiTokens, { access: 'read:user' }, async ({ actor, deps }) => ({ items: await listApiTokens(deps.db, actor) }));

  route(app, c.createApiToken, { access: 'update:user' }, async ({ actor, body, deps }) => createApiToken(deps.db, actor, body, deps.clock()));

  route(app, c.revokeApiToken, { access: 'update:user' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => revokeApiToken(tx, actor, params.id, deps.clock()));
    return OK;
  });
}

/**
 * The SessionView after a change, re-read so roles and flags are current. For
 * an API-token caller (no session) it describes the token's user.
 */
export async function currentSessionView(
  deps: App['deps'],
  userId: string,
  sessionId: string | null,
  base: Parameters<typeof actorFor>[1],
) {
  const user = await loadUser(deps.db, { id: userId });
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!sessionId) {
    // An API-token caller: who they are and what they may do, without the
    // cookie session's CSRF token and idle timeout.
    const tokenActor = actorFor(user, base, 'token', null);
    return { user: presentMe(user), csrfToken: null, permissions: permissionsOf(tokenActor), idleTimeoutSeconds: null, mfaPending: false };
  }
  const found = await deps.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, sessionId) });
  return presentSession(actorFor(user, base, 'session', sessionId), user, found ?? null);
}

