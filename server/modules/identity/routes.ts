import * as c from '../../../shared/contracts/identity.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { actorFor } from '../../http/authenticate.js';
import { type App, route } from '../../http/route.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { recordAudit } from '../audit/record-audit.js';
import { changePassword } from './change-password.js';
import { login } from './login.js';
import { presentSession } from './present.js';
import { loadUser } from './repository.js';
import { deleteSession } from './sessions.js';
import './policy.js';

const LOGIN_LIMIT = { max: 20, timeWindow: '1 minute' };

export function identityRoutes(app: App): void {
  route(app, c.getSession, { access: 'public' }, async ({ actor, deps, req }) => {
    if (!actor.userId || !actor.sessionId) return presentSession(actor, null, null);
    return currentSessionView(deps, actor.userId, actor.sessionId, req.actor);
  });

  route(app, c.login, { access: 'public', rateLimit: LOGIN_LIMIT }, async ({ actor, body, deps, req, reply }) => {
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
    await withTx(deps.db, (tx) => changePassword(tx, actor, body, deps.clock()));
    return currentSessionView(deps, actor.userId!, actor.sessionId, actor);
  });
}

/** The SessionView after a change, re-read so roles and flags are current. */
export async function currentSessionView(
  deps: App['deps'],
  userId: string,
  sessionId: string | null,
  base: Parameters<typeof actorFor>[1],
) {
  const user = await loadUser(deps.db, { id: userId });
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!sessionId) return presentSession(actorFor(user, base, 'token', null), user, null);
  const found = await deps.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, sessionId) });
  return presentSession(actorFor(user, base, 'session', sessionId), user, found ?? null);
}

