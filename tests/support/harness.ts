import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/core/logger.js';
import { Worker } from '../../server/core/jobs/queue.js';
import { createDb, type Db } from '../../server/db/client.js';
import type { App } from '../../server/http/route.js';
import '../../server/jobs.js';
import { withDatabase } from './global-setup.js';

/** A clock tests move by hand. */
export class TestClock {
  private t: number;
  constructor(start = Date.parse('2026-06-01T02:00:00Z')) {
    this.t = start;
  }
  now = (): Date => new Date(this.t);
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export type TestEnv = {
  db: Db;
  app: App;
  clock: TestClock;
  /** Run every due job now (jobs run after commit in production). */
  drainJobs: () => Promise<number>;
  databaseUrl: string;
};

/**
 * A database of this test file's own, cloned from the migrated and seeded
 * template, and the HTTP app on it. Dropped after the file's tests.
 */
export async function setupTestEnv(opts: { clock?: TestClock } = {}): Promise<TestEnv> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `cg_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE fails if another session is connected to the template; retry briefly.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();

  const databaseUrl = withDatabase(adminUrl, name);
  const db = createDb(databaseUrl, 10);
  const clock = opts.clock ?? new TestClock();
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVE_WEB: 'false' }), databaseUrl };
  const log = createLogger('silent');
  const app = await buildApp({ db, config, clock: clock.now, log });
  await app.ready();
  const worker = new Worker(db, log, clock.now);

  afterAll(async () => {
    await app.close();
    await db.$client.end();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });
  return { db, app, clock, drainJobs: () => worker.drain(), databaseUrl };
}
