import path from 'node:path';
import type { Config } from '../config.js';
import { backupEmbedded, restoreEmbedded } from './embedded-backup.js';
import { backupExternal, restoreExternal } from './external-backup.js';
import { fileStamp } from './process.js';

/**
 * Backup and restore for both deployments (docs/decisions/0010-backup-restore.md):
 * an external server (DATABASE_URL) gets a logical pg_dump archive; the
 * embedded one gets a cold physical copy of DATA_DIR/pg.
 */
export function defaultBackupFile(config: Config, now: Date): string {
  const ext = config.databaseUrl ? 'dump' : 'tar.gz';
  return path.resolve('backups', `chengguo-${fileStamp(now)}.${ext}`);
}

export async function backup(config: Config, file?: string, now = new Date()): Promise<{ file: string; bytes: number }> {
  const target = file ?? defaultBackupFile(config, now);
  return config.databaseUrl ? backupExternal(config.databaseUrl, target) : backupEmbedded(config.dataDir, target, now);
}

export async function restore(config: Config, file: string, now = new Date()): Promise<{ keptAs: string | null }> {
  if (config.databaseUrl) {
    await restoreExternal(config.databaseUrl, file);
    return { keptAs: null };
  }
  return restoreEmbedded(config.dataDir, file, now);
}
