import type { Config } from '../config.js';
import { createDb, type Db } from '../db/client.js';
import { DataDirInUseError, startEmbeddedPostgres } from '../db/embedded.js';
import { hasCluster, readPassword, runningPostmaster } from './embedded-files.js';
import { opsError } from './process.js';

export type OpenDatabase = { db: Db; where: string; close: () => Promise<void> };

/**
 * The platform's database for a maintenance command:
 *  - DATABASE_URL set: that server;
 *  - embedded and Chengguo running: attach to its PostgreSQL (port from
 *    postmaster.pid, password from DATA_DIR), leaving it running;
 *  - embedded and stopped: start it for the command and stop it after.
 * Never creates a new cluster: an empty DATA_DIR is an error.
 */
export async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, 2);
    return { db, where: 'DATABASE_URL', close: () => db.$client.end() };
  }
  if (!hasCluster(config.dataDir)) {
    throw opsError(
      `${config.dataDir} 中没有数据库。请先启动一次成果平台，或设置 DATA_DIR / DATABASE_URL。`,
      `There is no database in ${config.dataDir}. Start Chengguo once first, or set DATA_DIR / DATABASE_URL.`,
    );
  }
  try {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    const db = createDb(embedded.url, 2);
    return {
      db,
      where: `${config.dataDir} (started for this command)`,
      close: async () => {
        await db.$client.end();
        await embedded.stop();
      },
    };
  } catch (e) {
    const pm = runningPostmaster(config.dataDir);
    if (!(e instanceof DataDirInUseError) || !pm) throw e;
    const url = `postgres://postgres:${encodeURIComponent(readPassword(config.dataDir))}@127.0.0.1:${pm.port}/chengguo`;
    const db = createDb(url, 2);
    return { db, where: `${config.dataDir} (running, pid ${pm.pid})`, close: () => db.$client.end() };
  }
}
