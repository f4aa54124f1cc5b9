import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAlive as alive, LOCK_FILE, PASSWORD_FILE, PG_SUBDIR } from '../db/embedded.js';
import { opsError } from './process.js';

/*
 * Files of the embedded installation under DATA_DIR, as server/db/embedded.ts
 * lays them out: pg/ (the cluster), pg-password (the superuser's password,
 * set at initdb) and chengguo.lock (the pid of the Node process owning it).
 */
export { PASSWORD_FILE, PG_SUBDIR };

function firstLines(file: string): string[] | null {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return null;
  }
}

/**
 * The postmaster serving `<dataDir>/pg`, when one is running: its pid and
 * port (lines 1 and 4 of postmaster.pid, a format PostgreSQL documents).
 */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const lines = firstLines(path.join(dataDir, PG_SUBDIR, 'postmaster.pid'));
  const pid = Number(lines?.[0]);
  if (!lines || !Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try {
    // Guard against a recycled pid: it must be a postgres process.
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return null;
  } catch {
    /* no /proc: trust the pid file */
  }
  return { pid, port: Number(lines[3]) };
}

export function hasCluster(dataDir: string): boolean {
  return existsSync(path.join(dataDir, PG_SUBDIR, 'PG_VERSION'));
}

/** Refuse when PostgreSQL runs on the data directory (a copy of a live cluster is not a backup). */
export function assertStopped(dataDir: string, what: { zh: string; en: string }): void {
  const pm = runningPostmaster(dataDir);
  if (pm) {
    throw opsError(
      `数据目录 ${dataDir} 中的数据库正在运行（PostgreSQL 进程 ${pm.pid}）。请先停止成果平台，再${what.zh}。`,
      `The database in ${dataDir} is running (PostgreSQL pid ${pm.pid}). Stop Chengguo first, then ${what.en} again.`,
    );
  }
}

/**
 * Hold the data directory's lock file while a backup or restore works on it,
 * so a Chengguo starting meanwhile refuses instead of opening a half-copied
 * cluster. The same file server/db/embedded.ts uses; a live owner means refuse.
 */
export async function withDataDirLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dataDir, LOCK_FILE);
  const owner = Number(firstLines(lock)?.[0]);
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
    throw opsError(
      `另一个成果进程（${owner}）正在使用 ${dataDir}，请先停止它。`,
      `Another Chengguo process (pid ${owner}) is using ${dataDir}; stop it first.`,
    );
  }
  await fs.writeFile(lock, String(process.pid), { mode: 0o600 });
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

export function readPassword(dataDir: string): string {
  return readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();
}
