import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment, with a safe default for a
 * single-machine install. The README lists them; this schema is the source.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** External PostgreSQL 15+; when unset an embedded server is started under DATA_DIR/pg. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  /** Port of the embedded PostgreSQL (loopback only). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Password for the first system administrator; a one-time one is printed when unset. */
  ADMIN_PASSWORD: z.string().optional(),
  ADMIN_USERNAME: z.string().default('admin'),
  /** Public base URL, used in e-mailed links. */
  PUBLIC_URL: z.string().url().optional(),
  /** Mark cookies Secure even on plain http (behind a TLS-terminating proxy set this to true). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Chengguo <noreply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the background job worker in this process. */
  RUN_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Serve the built web app from dist/web. */
  SERVE_WEB: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Load the default configuration (Liangzhou organisation tree) on an empty database. */
  SEED_DEFAULTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolMax: number;
  adminUsername: string;
  adminPassword: string | undefined;
  publicUrl: string;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  runWorker: boolean;
  serveWeb: boolean;
  seedDefaults: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dbPoolMax: e.DB_POOL_MAX,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    cookieSecure: e.COOKIE_SECURE === 'true' ? 'always' : e.COOKIE_SECURE === 'false' ? 'never' : 'auto',
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    runWorker: e.RUN_WORKER,
    serveWeb: e.SERVE_WEB,
    seedDefaults: e.SEED_DEFAULTS,
  };
}
