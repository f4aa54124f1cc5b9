import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type Clock, systemClock } from './core/clock.js';
import { Worker } from './core/jobs/queue.js';
import { createDb, type Db } from './db/client.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import type { App } from './http/route.js';
import { bootstrapAdmin } from './modules/identity/bootstrap-admin.js';
import { seedDefaults } from './modules/organisations/seed.js';
import { seedDefaultPlan } from './modules/plans/seed.js';
import { loadDictionary } from './modules/catalog/search/dictionary.js';
import './jobs.js';

export type Platform = { app: App; db: Db; worker: Worker | null; stop: () => Promise<void> };

/**
 * Everything `npm start` does before listening: database (embedded or
 * external), migrations, first administrator, default configuration, HTTP app
 * and job worker. Returns a stop function that undoes it in reverse order.
 */
export async function startPlatform(config: Config, log: Logger, clock: Clock = systemClock): Promise<Platform> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const pgLog = log.child({ component: 'embedded-postgres' });
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log: (m) => pgLog.debug(m),
    });
    url = embedded.url;
    stopEmbedded = embedded.stop;
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'embedded PostgreSQL started');
  }
  const db = createDb(url, config.dbPoolMax);
  try {
    await runMigrations(db);
    const admin = await bootstrapAdmin(db, { username: config.adminUsername, password: config.adminPassword });
    if (admin.created && admin.oneTimePassword) {
      // Printed once, on purpose, to the console only (not the structured log).
      process.stdout.write(
        `\n  First system administrator created.\n  Username: ${admin.username}\n  One-time password: ${admin.oneTimePassword}\n  You must change it at first sign-in. It is not shown again.\n\n`,
      );
    }
    if (config.seedDefaults) await seedDefaults(db);
    if (config.seedDefaults) await seedDefaultPlan(db);
    // Administrators' dictionary terms, so search segments as it did when indexing.
    await loadDictionary(db);
  } catch (e) {
    await db.$client.end().catch(() => {});
    await stopEmbedded?.();
    throw e;
  }

  const app = await buildApp({ db, config, clock, log });
  const worker = config.runWorker ? new Worker(db, log.child({ component: 'jobs' }), clock) : null;
  await worker?.start();

  return {
    app,
    db,
    worker,
    stop: async () => {
      await app.close();
      await worker?.stop();
      await db.$client.end();
      await stopEmbedded?.();
    },
  };
}
