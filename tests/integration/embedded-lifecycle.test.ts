import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, startEmbeddedPostgres } from '../../server/db/embedded.js';

/**
 * The embedded server outlives a SIGKILLed Node process. The next start must
 * take it over cleanly; a start while another live Chengguo owns it must refuse.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-embedded-'));
const port = 54400 + Math.floor(Math.random() * 500);
const children: ChildProcess[] = [];

function startChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/embedded-child.ts', dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve(child));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

function postmasterPid(): number {
  return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  try {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  } catch {
    // no server left
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL lifecycle', () => {
  it('refuses to start while another live Chengguo process owns the data directory', async () => {
    const child = await startChild();
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/Another Chengguo process \(pid \d+\)/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }, 60_000);

  it('takes over the server orphaned by a SIGKILLed process and keeps the data', async () => {
    const orphan = postmasterPid();
    expect(alive(orphan)).toBe(true);
    const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    const before = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'chengguo' });
    await before.connect();
    await before.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written before the crash')");
    await before.end();
    const handle = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(alive(orphan)).toBe(false);
      expect(postmasterPid()).not.toBe(orphan);
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      const r = await client.query('SELECT v FROM kept');
      expect(r.rows).toEqual([{ v: 'written before the crash' }]);
      await client.end();
    } finally {
      await handle.stop();
    }
  }, 60_000);
});
