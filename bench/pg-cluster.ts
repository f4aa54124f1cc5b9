import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/e2e/support/launch.js';

/**
 * A throwaway Debian PostgreSQL 15 cluster for the "external database" rows of
 * the benchmarks: initdb into a temporary directory, listen on 127.0.0.1 and a
 * private unix socket, one user with a password and one database. PostgreSQL
 * refuses to run as root, so as root everything runs as the `postgres` user.
 */
export type Cluster = { url: string; version: string; stop: () => void };

const BIN = '/usr/lib/postgresql/15/bin';

export function debianPg15Available(): boolean {
  return existsSync(path.join(BIN, 'initdb')) && existsSync(path.join(BIN, 'pg_ctl'));
}

export async function startPg15Cluster(): Promise<Cluster> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-pg15-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  let uid = process.getuid?.() ?? 0;
  let gid = process.getgid?.() ?? 0;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  const password = `bench${Math.random().toString(36).slice(2, 12)}`;
  run(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
  run(path.join(BIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
  const stop = () => {
    try {
      run(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const psql = (sql: string) => run(path.join(BIN, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]);
    psql(`CREATE ROLE chengguo LOGIN PASSWORD '${password}'`);
    psql('CREATE DATABASE chengguo_bench OWNER chengguo');
    const version = psql('SHOW server_version').trim().split(' ')[0]!;
    return { url: `postgres://chengguo:${password}@127.0.0.1:${port}/chengguo_bench`, version, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
