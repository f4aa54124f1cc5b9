import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Endpoint } from '../../shared/contracts/endpoint.js';
import { type Actor, can } from '../core/access.js';
import { AppError } from '../core/errors.js';
import type { AppDeps } from './deps.js';

/**
 * Route-level access, checked before the body is validated:
 *  - 'public': anyone;
 *  - 'authenticated': any signed-in user;
 *  - 'action:entity': the caller holds that permission at some scope; the
 *    operation then checks the scope against the object it loaded.
 * Every /api route must declare one (deny by default: registration fails otherwise).
 */
export type Access = 'public' | 'authenticated' | `${string}:${string}`;

export type RouteOptions = {
  access: Access;
  /** Per-route rate limit by client address (login, registration, reset). */
  rateLimit?: { max: number; timeWindow: string };
  /**
   * A second, narrower limit keyed by something in the validated request (the
   * account a login names): many people behind one office address must not
   * lock each other out, while one account cannot be hammered from one address.
   */
  rateLimitBy?: { max: number; timeWindow: string; key: (req: FastifyRequest) => string };
  /** Allowed while the user must still change a one-time password (the change itself, sign-out). */
  allowWhilePasswordChangeRequired?: boolean;
  /** Allowed while the second factor is still pending (the TOTP check, sign-out). */
  allowWhileMfaPending?: boolean;
};

export type HandlerContext<E extends Endpoint> = {
  actor: Actor;
  params: z.output<NonNullable<E['params']>>;
  query: z.output<NonNullable<E['query']>>;
  body: z.output<NonNullable<E['body']>>;
  deps: AppDeps;
  req: FastifyRequest;
  reply: FastifyReply;
};

export type App = FastifyInstance;

/** Routes collected for the access-matrix test and docs. */
export const registeredRoutes: { method: string; path: string; access: Access }[] = [];

/** The second limit runs after validation, so its key can read the body. */
function narrowerLimit(app: App, ep: Endpoint, limit: NonNullable<RouteOptions['rateLimitBy']>) {
  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.timeWindow,
    keyGenerator: (req) => `${ep.method} ${ep.path} ${req.ip} ${limit.key(req)}`,
  });
  return async (req: FastifyRequest) => {
    const result = await check(req);
    if (!result.isAllowed && result.isExceeded) throw new AppError('RATE_LIMITED', { retryAfter: result.ttlInSeconds });
  };
}

export function route<E extends Endpoint>(
  app: App,
  ep: E,
  opts: RouteOptions,
  handler: (ctx: HandlerContext<E>) => Promise<z.input<E['response']> | FastifyReply>,
): void {
  const schema: Record<string, unknown> = { summary: ep.summary, tags: ep.tags };
  if (ep.params) schema.params = ep.params;
  if (ep.query) schema.querystring = ep.query;
  if (ep.body) schema.body = ep.body;
  if (!ep.download) schema.response = { 200: ep.response };
  if (!registeredRoutes.some((r) => r.method === ep.method && r.path === ep.path)) {
    registeredRoutes.push({ method: ep.method, path: ep.path, access: opts.access });
  }

  app.withTypeProvider<ZodTypeProvider>().route({
    method: ep.method,
    url: ep.path,
    schema,
    config: { access: opts.access, ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}) },
    preValidation: async (req) => checkAccess(req, opts),
    preHandler: opts.rateLimitBy ? narrowerLimit(app, ep, opts.rateLimitBy) : [],
    handler: async (req, reply) => {
      const result = await handler({
        actor: req.actor,
        params: req.params as never,
        query: req.query as never,
        body: req.body as never,
        deps: app.deps,
        req,
        reply,
      });
      return result;
    },
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkAccess(req: FastifyRequest, opts: RouteOptions): void {
  const actor = req.actor;
  // Cookie-authenticated writes must echo the session's CSRF token; API tokens
  // are not sent by browsers on their own, so they need none.
  if (actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !req.csrfToken || !safeEqual(sent, req.csrfToken)) throw new AppError('CSRF_FAILED');
  }
  if (opts.access === 'public') return;
  if (!actor.userId) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (req.mfaPending && !opts.allowWhileMfaPending) throw new AppError('MFA_REQUIRED');
  if (req.mustChangePassword && !opts.allowWhilePasswordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (opts.access === 'authenticated') return;
  const [action, entity] = opts.access.split(':') as [string, string];
  if (!can(actor, action, entity)) throw new AppError('FORBIDDEN');
}
