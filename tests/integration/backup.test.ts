import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { systemActor } from '../../server/core/access.js';
import { createDb } from '../../server/db/client.js';
import { startEmbeddedPostgres } from '../../server/db/embedded.js';
import { runMigrations } from '../../server/db/migrate.js';
import { withTx } from '../../server/db/tx.js';
import { recordAudit } from '../../server/modules/audit/record-audit.js';
import { getAuditRetentionDays } from '../../server/modules/audit/retention.js';
import { verifyAuditChain } from '../../server/modules/audit/verify-chain.js';
import { settings } from '../../server/modules/system/schema.js';
import { backupEmbedded, restoreEmbedded } from '../../server/ops/embedded-backup.js';
import { assertToolVersion, backupExternal, parseToolMajor, restoreExternal } from '../../server/ops/external-backup.js';
import { runProgram } from '../../server/ops/process.js';
import { withDatabase } from '../support/global-setup.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cg-backup-test-'));
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Chengguo's embedded database run by another process, as `npm start` would:
 * the CLI must attach to it for audit commands and refuse to copy it.
 */
async function runElsewhere(dataDir: string, port: number): Promise<() => Promise<void>> {
  const embedded = path.resolve('server/db/embedded.ts');
  const code = `import { startEmbeddedPostgres } from ${JSON.stringify(embedded)};
    const h = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
    process.on('SIGTERM', async () => { await h.stop(); process.exit(0); });
    console.log('ready'); setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (c) => reject(new Error(`embedded server process exited with ${c}`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

function captured() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), err: (s: string) => lines.push(s) } };
}

describe('embedded database: cold physical backup and restore through the CLI', () => {
  it('backs up, refuses while running, and restores a deleted row', { timeout: 90_000 }, async () => {
    const dataDir = path.join(tmp, 'data');
    const port = await freePort();
    const cliEnv = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'silent' };
    const file = path.join(tmp, 'backups', 'one.tar.gz');

    // An installation with the real schema and one row we care about.
    let pgServer = await startEmbeddedPostgres({ dataDir, port });
    let db = createDb(pgServer.url, 2);
    await runMigrations(db);
    await db.insert(settings).values({ key: 'backup.probe', value: 'kept' });
    await withTx(db, (tx) => recordAudit(tx, systemActor(), { action: 'test.before_backup', entityType: 'test' }));

    // While it runs, backup refuses and says why.
    await expect(backupEmbedded(dataDir, file)).rejects.toMatchObject({ options: { message: { en: expect.stringMatching(/is running.*Stop Chengguo first/) } } });
    await db.$client.end();
    await pgServer.stop();

    // Running in another process: the CLI verifies by attaching, but will not copy a live cluster.
    const stopElsewhere = await runElsewhere(dataDir, port);
    try {
      const attached = captured();
      expect(await runCli(['audit-verify'], cliEnv, attached.out)).toBe(0);
      expect(attached.lines.join('\n')).toMatch(/running, pid \d+[\s\S]*intact/);
      const refusedBackup = captured();
      expect(await runCli(['backup', file], cliEnv, refusedBackup.out)).toBe(1);
      expect(refusedBackup.lines.join('\n')).toMatch(/Stop Chengguo first/);
      expect(existsSync(file)).toBe(false);
    } finally {
      await stopElsewhere();
    }

    const b = captured();
    expect(await runCli(['backup', file], cliEnv, b.out)).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const { stdout: listing } = await runProgram('tar', ['-tzf', file]);
    expect(listing).toMatch(/^chengguo-backup\.json$/m);
    expect(listing).toMatch(/^pg\/PG_VERSION$/m);
    expect(listing).toMatch(/^pg-password$/m);
    expect(listing).not.toMatch(/postmaster\.pid/);

    // The CLI sets retention (starting and stopping the stopped database itself) and refuses < 184.
    expect(await runCli(['audit-retention', '365'], cliEnv, captured().out)).toBe(0);
    const verified = captured();
    expect(await runCli(['audit-verify'], cliEnv, verified.out)).toBe(0);
    expect(verified.lines.join('\n')).toContain('intact');
    const refused = captured();
    expect(await runCli(['audit-retention', '100'], cliEnv, refused.out)).toBe(1);
    expect(refused.lines.join('\n')).toMatch(/184/);

    // Lose the row after the backup.
    pgServer = await startEmbeddedPostgres({ dataDir, port });
    db = createDb(pgServer.url, 2);
    await db.delete(settings).where(eq(settings.key, 'backup.probe'));
    expect(await getAuditRetentionDays(db)).toBe(365);
    await expect(restoreEmbedded(dataDir, file)).rejects.toMatchObject({ options: { message: { en: expect.stringMatching(/is running/) } } });
    await db.$client.end();
    await pgServer.stop();

    const r = captured();
    expect(await runCli(['restore', file], cliEnv, r.out)).toBe(0);
    const kept = (await fs.readdir(dataDir)).filter((n) => n.startsWith('pg.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(existsSync(path.join(dataDir, kept[0]!, 'PG_VERSION'))).toBe(true);

    pgServer = await startEmbeddedPostgres({ dataDir, port });
    db = createDb(pgServer.url, 2);
    try {
      const [row] = await db.select().from(settings).where(eq(settings.key, 'backup.probe'));
      expect(row?.value).toBe('kept');
      expect(await getAuditRetentionDays(db)).toBe(184); // the setting made after the backup is gone too
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    } finally {
      await db.$client.end();
      await pgServer.stop();
    }
  });

  it('refuses to restore a file that is not a Chengguo backup, leaving the data directory alone', async () => {
    const dataDir = path.join(tmp, 'untouched');
    await fs.mkdir(path.join(dataDir, 'pg'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '18\n');
    const bogus = path.join(tmp, 'bogus.tar.gz');
    await runProgram('tar', ['-czf', bogus, '-C', dataDir, 'pg']);
    await expect(restoreEmbedded(dataDir, bogus)).rejects.toMatchObject({ options: { message: { en: expect.stringMatching(/not a Chengguo/) } } });
    expect(await fs.readdir(dataDir)).toEqual(['pg']);
  });
});

describe('external database: pg_dump / pg_restore', () => {
  it('reads client tool versions and refuses a client older than the server', () => {
    expect(parseToolMajor('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toBe(15);
    expect(parseToolMajor('pg_restore (PostgreSQL) 18.1')).toBe(18);
    expect(parseToolMajor('nonsense')).toBeNull();
    expect(() => assertToolVersion('pg_dump', 18, 18)).not.toThrow();
    expect(() => assertToolVersion('pg_dump', 15, 18)).toThrow();
    expect(() => assertToolVersion('pg_dump', null, 15)).toThrow();
  });

  it('dumps and restores when the client is new enough, and otherwise says which client to install', { timeout: 60_000 }, async () => {
    const file = path.join(tmp, 'external.dump');
    const client = parseToolMajor((await runProgram('pg_dump', ['--version'])).stdout)!;
    const [{ v }] = (await env.db.execute<{ v: string }>(sql`SELECT current_setting('server_version_num') AS v`)).rows as [{ v: string }];
    const server = Math.floor(Number(v) / 10000);
    if (client < server) {
      await expect(backupExternal(env.databaseUrl, file)).rejects.toMatchObject({
        options: { message: { en: expect.stringContaining(`Install postgresql-client-${server}`) } },
      });
      expect(existsSync(file)).toBe(false);
      return;
    }
    // Round trip into a scratch database: the audit chain survives byte for byte.
    await backupExternal(env.databaseUrl, file);
    const scratch = `${new URL(env.databaseUrl).pathname.slice(1)}_restore`;
    const admin = new pg.Client({ connectionString: env.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${scratch}"`);
    await admin.end();
    const url = withDatabase(env.databaseUrl, scratch);
    try {
      await restoreExternal(url, file);
      const db = createDb(url, 1);
      try {
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
      } finally {
        await db.$client.end();
      }
    } finally {
      const a = new pg.Client({ connectionString: env.databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
      await a.end();
    }
  });

  it('refuses to restore over a database Chengguo is connected to', async () => {
    const file = path.join(tmp, 'any.dump');
    await fs.writeFile(file, 'x');
    await env.db.execute(sql`SELECT 1`); // the app's pool (application_name chengguo) holds a connection
    await expect(restoreExternal(env.databaseUrl, file)).rejects.toMatchObject({
      options: { message: { en: expect.stringMatching(/still connected/) } },
    });
  });

  it('refuses a restore without a file and a missing file', async () => {
    expect(await runCli(['restore'], { DATABASE_URL: env.databaseUrl }, captured().out)).toBe(2);
    const missing = captured();
    expect(await runCli(['restore', path.join(tmp, 'nope.dump')], { DATABASE_URL: env.databaseUrl }, missing.out)).toBe(1);
    expect(missing.lines.join('\n')).toMatch(/not found/);
  });
});
