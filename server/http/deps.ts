import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Actor } from '../core/access.js';
import type { Db } from '../db/client.js';

/** What the HTTP layer hands to route handlers. Deliberately small. */
export type AppDeps = {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's declared access (see route.ts), for logs and tooling. */
    access?: string;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor;
    /** The CSRF token of the cookie session, when there is one. */
    csrfToken: string | null;
    sessionExpired: boolean;
    mfaPending: boolean;
    mustChangePassword: boolean;
  }
}
