import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { SESSION_LIMITS } from '../modules/identity/sessions.js';

/**
 * The session cookie. With Secure it is `__Host-cg_session` (host-only, path
 * /, Secure: the strongest form browsers offer). Browsers accept Secure cookies
 * from http://localhost, so "auto" uses it there and over https; on plain http
 * to another host it falls back to `cg_session` without Secure.
 */
const SECURE_NAME = '__Host-cg_session';
const PLAIN_NAME = 'cg_session';

function isSecure(req: FastifyRequest, config: Config): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  const host = (req.hostname ?? '').replace(/:\d+$/, '');
  return req.protocol === 'https' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export function readSessionCookie(req: FastifyRequest): string | undefined {
  return req.cookies[SECURE_NAME] ?? req.cookies[PLAIN_NAME];
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, config: Config, token: string): void {
  const secure = isSecure(req, config);
  reply.setCookie(secure ? SECURE_NAME : PLAIN_NAME, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: SESSION_LIMITS.absoluteSeconds,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, config: Config): void {
  const secure = isSecure(req, config);
  reply.clearCookie(secure ? SECURE_NAME : PLAIN_NAME, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}
