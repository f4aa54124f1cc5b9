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
import { freePort, isPortFree } from './ports.js';

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
      // Old templates and leftover test databases from interrupted runs go first;
      // those another run is connected to right now stay (it still needs them).
      const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'cg\\_tpl\\_%' OR datname LIKE 'cg\\_t\\_%'`);
      for (const r of old.rows) await dropUnlessInUse(admin, r.datname as string);
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
  const port = await testServerPort();
  try {
    return await startEmbeddedPostgres({ dataDir: path.resolve('data/test'), port });
  } catch (e) {
    if (!(e instanceof DataDirInUseError)) throw e;
    const dir = path.resolve(`data/test-${process.pid}`);
    const own = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    return {
      url: own.url,
      stop: async () => {
        await own.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

/**
 * TEST_PG_PORT when set (and then it must be free); else 54330, or any free
 * port when something else listens there: the tests get the URL, not the port.
 */
async function testServerPort(): Promise<number> {
  const asked = process.env.TEST_PG_PORT;
  if (asked) {
    const port = Number(asked);
    if (!(await isPortFree(port))) {
      throw new Error(`TEST_PG_PORT=${asked}: another process already listens on 127.0.0.1:${asked}. Choose a free port, or unset TEST_PG_PORT to let the tests pick one.`);
    }
    return port;
  }
  return (await isPortFree(54330)) ? 54330 : freePort();
}

async function dropUnlessInUse(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  } catch (e) {
    // 55006 object_in_use: another test run has it open.
    if ((e as { code?: string }).code !== '55006') throw e;
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
