import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { opsError, runProgram } from './process.js';

/** The major version in `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`. */
export function parseToolMajor(versionOutput: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput) ?? /PostgreSQL\)?\s+(\d+)/.exec(versionOutput);
  return m ? Number(m[1]) : null;
}

/**
 * pg_dump refuses servers newer than itself, and a dump restored by an older
 * pg_restore may fail; say so up front, with what to install.
 */
export function assertToolVersion(tool: string, toolMajor: number | null, serverMajor: number): void {
  if (toolMajor === null || !Number.isInteger(serverMajor) || toolMajor < serverMajor) {
    throw opsError(
      `${tool} 的版本（${toolMajor ?? '未知'}）低于数据库服务器（${serverMajor}），无法使用。请安装 postgresql-client-${serverMajor} 或更新版本。`,
      `${tool} ${toolMajor ?? '(unknown version)'} is older than the database server (${serverMajor}). Install postgresql-client-${serverMajor} or newer.`,
    );
  }
}

/** libpq environment for a URL, so the password never appears on a command line. */
export function libpqEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { PGPASSWORD: decodeURIComponent(u.password) };
  u.password = '';
  return { env, dbname: u.toString() };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'chengguo-cli' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function toolMajor(tool: string): Promise<number | null> {
  return parseToolMajor((await runProgram(tool, ['--version'])).stdout);
}

async function serverMajor(c: pg.Client): Promise<number> {
  const r = await c.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  return Math.floor(Number(r.rows[0]!.v) / 10000);
}

/** Logical backup of an external server with the system pg_dump (custom format). */
export async function backupExternal(url: string, file: string): Promise<{ file: string; bytes: number }> {
  const server = await withClient(url, serverMajor);
  assertToolVersion('pg_dump', await toolMajor('pg_dump'), server);
  const target = path.resolve(file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const { env, dbname } = libpqEnv(url);
  try {
    await runProgram('pg_dump', ['--format=custom', '--file', partial, '--dbname', dbname], { env });
    await fs.rename(partial, target);
  } catch (e) {
    await fs.rm(partial, { force: true });
    throw e;
  }
  return { file: target, bytes: (await fs.stat(target)).size };
}

/**
 * Restore a pg_dump archive into the external database, replacing what is
 * there, in one transaction. Refuses while Chengguo is connected to it (its
 * pool names itself `chengguo`). Triggers are created after the data is
 * loaded, so the audit chain is restored exactly as it was dumped.
 */
export async function restoreExternal(url: string, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw opsError(`找不到备份文件 ${file}。`, `Backup file ${file} not found.`);
  const server = await withClient(url, async (c) => {
    const r = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'chengguo' AND pid <> pg_backend_pid()`,
    );
    const n = Number(r.rows[0]!.n);
    if (n > 0) {
      throw opsError(
        `成果平台仍连接着该数据库（${n} 个连接）。请先停止所有成果实例，再恢复。`,
        `Chengguo is still connected to this database (${n} connections). Stop every Chengguo instance, then restore.`,
      );
    }
    return serverMajor(c);
  });
  assertToolVersion('pg_restore', await toolMajor('pg_restore'), server);
  const { env, dbname } = libpqEnv(url);
  await runProgram(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', dbname, source],
    { env },
  );
}
