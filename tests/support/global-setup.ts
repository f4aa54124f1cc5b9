import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../server/db/client.js';
import { DataDirInUseError, startEmbeddedPostgres } from '../../server/db/embedded.js';
import { MIGRATIONS_DIR, runMigrations } from '../../server/db/migrate.js';
import { seedDefaults } from '../../server/modules/organisations/seed.js';

/**
 * One PostgreSQL for the whole run: the embedded one under data/test, or the
 * server in DATABASE_URL. A template database is migrated and seeded once (its
 * name carries a hash of the migrations, so it is rebuilt when they change);
 * every test file then clones its own database from it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const embedded = await startTestServer();
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  const template = `cg_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(7301100)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      // Old templates and leftover test databases from interrupted runs go first.
      const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'cg\\_tpl\\_%' OR datname LIKE 'cg\\_t\\_%'`);
      for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${template}"`);
      const db = createDb(withDatabase(adminUrl, template), 2);
      await runMigrations(db);
      await seedDefaults(db);
      await db.$client.end();
    }
    await admin.query('SELECT pg_advisory_unlock(7301100)');
  } finally {
    await admin.end();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await stop?.();
  };
}

/**
 * The embedded test server under data/test. When another test run holds it,
 * this run gets a throw-away server of its own instead of failing.
 */
async function startTestServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = Number(process.env.TEST_PG_PORT ?? 54330);
  try {
    return await startEmbeddedPostgres({ dataDir: path.resolve('data/test'), port });
  } catch (e) {
    if (!(e instanceof DataDirInUseError)) throw e;
    const dir = path.resolve(`data/test-${process.pid}`);
    const own = await startEmbeddedPostgres({ dataDir: dir, port: port + 1 + (process.pid % 500) });
    return {
      url: own.url,
      stop: async () => {
        await own.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  }
  h.update(readFileSync('config/districts/liangzhou/organisations.json'));
  return h.digest('hex').slice(0, 12);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
