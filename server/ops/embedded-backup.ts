import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertStopped, hasCluster, PASSWORD_FILE, PG_SUBDIR, withDataDirLock } from './embedded-files.js';
import { fileStamp, opsError, runProgram } from './process.js';

/** Written first into every embedded backup, so restore can tell what it holds. */
export const MANIFEST = 'chengguo-backup.json';
export type BackupManifest = { kind: 'embedded-physical'; pgVersion: string; createdAt: string; format: 1 };

/**
 * Cold physical backup of the embedded cluster: a tar.gz of DATA_DIR/pg and
 * the superuser password file, taken while PostgreSQL is stopped (see
 * docs/decisions/0010-backup-restore.md for why not online). The archive is
 * written beside the target and renamed into place, so a failed run never
 * leaves a file that looks like a backup.
 */
export async function backupEmbedded(dataDir: string, file: string, now = new Date()): Promise<{ file: string; bytes: number }> {
  if (!hasCluster(dataDir)) {
    throw opsError(`${dataDir} 中没有内置数据库。`, `There is no embedded database in ${dataDir}.`);
  }
  assertStopped(dataDir, { zh: '备份', en: 'run the backup' });
  const target = path.resolve(file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'cg-backup-'));
  const partial = `${target}.partial`;
  try {
    const manifest: BackupManifest = {
      kind: 'embedded-physical',
      pgVersion: readFileSync(path.join(dataDir, PG_SUBDIR, 'PG_VERSION'), 'utf8').trim(),
      createdAt: now.toISOString(),
      format: 1,
    };
    await fs.writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    const members = existsSync(path.join(dataDir, PASSWORD_FILE)) ? [PG_SUBDIR, PASSWORD_FILE] : [PG_SUBDIR];
    await withDataDirLock(dataDir, () =>
      runProgram('tar', [
        '-czf', partial,
        '-C', staging, MANIFEST,
        '-C', dataDir, `--exclude=${PG_SUBDIR}/postmaster.pid`, `--exclude=${PG_SUBDIR}/postmaster.opts`, ...members,
      ]),
    );
    await fs.rename(partial, target);
    return { file: target, bytes: (await fs.stat(target)).size };
  } catch (e) {
    await fs.rm(partial, { force: true });
    throw e;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Read and check the manifest of an embedded backup archive. */
export async function readManifest(file: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw opsError(`找不到备份文件 ${file}。`, `Backup file ${file} not found.`);
  let parsed: Partial<BackupManifest> = {};
  try {
    const { stdout } = await runProgram('tar', ['-xzOf', file, MANIFEST]);
    parsed = JSON.parse(stdout) as Partial<BackupManifest>;
  } catch {
    /* reported below */
  }
  if (parsed.kind !== 'embedded-physical' || parsed.format !== 1) {
    throw opsError(`${file} 不是成果内置数据库的备份文件。`, `${file} is not a Chengguo embedded-database backup.`);
  }
  return parsed as BackupManifest;
}

/**
 * Replace the embedded cluster with the one in `file`. Refuses while the
 * database runs. The current cluster is kept as `pg.before-restore-<time>`
 * (never deleted here), and put back if unpacking fails.
 */
export async function restoreEmbedded(dataDir: string, file: string, now = new Date()): Promise<{ keptAs: string | null }> {
  const source = path.resolve(file);
  await readManifest(source);
  assertStopped(dataDir, { zh: '恢复', en: 'run the restore' });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  return withDataDirLock(dataDir, async () => {
    const suffix = `.before-restore-${fileStamp(now)}`;
    const moved: [string, string][] = [];
    for (const name of [PG_SUBDIR, PASSWORD_FILE]) {
      const from = path.join(dataDir, name);
      if (existsSync(from)) {
        await fs.rename(from, from + suffix);
        moved.push([from, from + suffix]);
      }
    }
    try {
      await runProgram('tar', ['-xzf', source, '-C', dataDir, `--exclude=${MANIFEST}`]);
      if (!hasCluster(dataDir)) throw opsError('备份文件中没有数据库目录。', 'The archive holds no database directory.');
    } catch (e) {
      for (const name of [PG_SUBDIR, PASSWORD_FILE]) await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
      for (const [from, to] of moved) await fs.rename(to, from);
      throw e;
    }
    const pg = moved.find(([from]) => path.basename(from) === PG_SUBDIR);
    return { keptAs: pg ? pg[1] : null };
  });
}
