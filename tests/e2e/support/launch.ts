import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../support/ports.js';

/**
 * Runs the real platform the way an operator does (`node --import tsx
 * server/main.ts`) in a child process, for the end-to-end tests and the
 * benchmarks. Nothing here reaches into server code: the process is the unit.
 */
/** Journeys and benches import the free-port helper from here. */
export { freePort };

export type PlatformProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** Embedded database directory (`<DATA_DIR>/pg`), or null with DATABASE_URL. */
  pgDir: string | null;
  /**
   * The platform's database: DATABASE_URL when given, else the embedded server
   * (its port is the EMBEDDED_PG_PORT chosen here, the password the one the
   * server wrote to `<DATA_DIR>/pg-password`). For narrow test set-up only.
   */
  databaseUrl: string;
  /** The last lines the server printed, for error messages. */
  output: () => string;
  /** SIGTERM, wait for exit; make sure the embedded PostgreSQL is gone too. */
  stop: () => Promise<number | null>;
};

export type LaunchOptions = {
  /** Temporary or existing data directory (embedded database) when no databaseUrl. */
  dataDir: string;
  databaseUrl?: string;
  adminPassword: string;
  /** Extra environment (LOG_LEVEL, SEED_DEFAULTS, …). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
};

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export async function launchPlatform(opts: LaunchOptions): Promise<PlatformProcess> {
  const port = await freePort();
  const pgPort = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: opts.dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD: opts.adminPassword,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  // An inherited DATABASE_URL would silently replace the embedded database.
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;

  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => lines.slice(-40).join('\n');
  const url = `http://127.0.0.1:${port}`;
  const pgDir = opts.databaseUrl ? null : path.join(opts.dataDir, 'pg');

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 30_000)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
    if (pgDir) await stopOrphanPostmaster(pgDir);
    // PostgreSQL inherits the server's stdout; left open, the pipes keep this process alive.
    child.stdout!.destroy();
    child.stderr!.destroy();
    return code === 'timeout' ? null : code;
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`The platform exited with code ${exitCode} before it was ready:\n${output()}`);
    }
    if (await isReady(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The platform was not ready within ${opts.readyTimeoutMs ?? 180_000} ms:\n${output()}`);
    }
    await sleep(50);
  }
  const databaseUrl =
    env.DATABASE_URL ??
    `postgres://postgres:${encodeURIComponent(readFileSync(path.join(opts.dataDir, 'pg-password'), 'utf8').trim())}@127.0.0.1:${env.EMBEDDED_PG_PORT}/chengguo`;
  return { url, port, child, readyMs: performance.now() - started, pgDir, databaseUrl, output, stop };
}

async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster serving `pgDir`, from its pid file, if it still runs. */
export function postmasterPid(pgDir: string): number | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

/**
 * A server killed before it could stop its embedded PostgreSQL leaves the
 * postmaster running; a test run must not leave it behind. Fast shutdown.
 */
async function stopOrphanPostmaster(pgDir: string): Promise<void> {
  const pid = postmasterPid(pgDir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Resident memory of one process in KiB (VmRSS), or 0 when it is gone. */
export function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** `pid` and all its descendants, read from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(name));
      parents.set(ppid, list);
    } catch {
      // The process ended while we read.
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(parents.get(p) ?? []));
  }
  return out;
}

/** Sign in over HTTP; returns the Cookie header value and the CSRF token. */
export async function signInHttp(url: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string | null; user?: { mustChangePassword?: boolean } | null };
  if (res.status !== 200) throw new Error(`Sign-in as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  return { cookie, csrf: body.csrfToken ?? '' };
}
