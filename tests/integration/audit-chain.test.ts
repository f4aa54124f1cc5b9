import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/core/access.js';
import { withTx } from '../../server/db/tx.js';
import { recordAudit } from '../../server/modules/audit/record-audit.js';
import { applyAuditRetention, getAuditRetentionDays, setAuditRetention } from '../../server/modules/audit/retention.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { verifyAuditChain } from '../../server/modules/audit/verify-chain.js';
import { signIn } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const actor = systemActor('chain-test');

async function write(n: number, action = 'test.chain') {
  for (let i = 0; i < n; i++) {
    await withTx(env.db, (tx) => recordAudit(tx, actor, { action, entityType: 'test', entityId: String(i), changes: { i: { before: null, after: i } } }));
  }
}

/** Run `fn` with the given triggers off, as a superuser acting outside the application would. */
async function outOfBand(triggers: 'audit_log_no_update' | 'USER', fn: () => Promise<unknown>) {
  await env.db.execute(sql.raw(`ALTER TABLE audit_log DISABLE TRIGGER ${triggers}`));
  try {
    await fn();
  } finally {
    await env.db.execute(sql.raw(`ALTER TABLE audit_log ENABLE TRIGGER ${triggers}`));
  }
}

/** Delete one row out of band, keeping an exact copy (to the microsecond) to put back. */
async function removeRow(seq: number) {
  await env.db.execute(sql`CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq = ${seq}`);
  await outOfBand('audit_log_no_update', () => env.db.delete(auditLog).where(eq(auditLog.seq, seq)));
}
async function putBack() {
  await outOfBand('USER', () => env.db.execute(sql`INSERT INTO audit_log SELECT * FROM audit_saved`));
  await env.db.execute(sql`DROP TABLE audit_saved`);
}

async function lastRows(n: number) {
  const rows = await env.db.select().from(auditLog).orderBy(sql`${auditLog.seq} DESC`).limit(n);
  return rows.reverse();
}

describe('audit hash chain', () => {
  it('chains rows written by operations, from the genesis hash on', async () => {
    await write(5);
    const rows = await lastRows(5);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.seq).toBe(rows[i - 1]!.seq + 1);
      expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    }
    const [first] = await env.db.select().from(auditLog).orderBy(asc(auditLog.seq)).limit(1);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe('0'.repeat(64));
    const v = await verifyAuditChain(env.db, { batchSize: 2 }); // small batches exercise the keyset walk
    expect(v).toMatchObject({ ok: true, problems: [], firstSeq: 1, lastSeq: rows[4]!.seq });
    expect(v.checked).toBe(rows[4]!.seq);
  });

  it('refuses UPDATE, DELETE of recent rows and TRUNCATE from the application connection', async () => {
    await write(1);
    const [row] = await lastRows(1);
    await expect(env.db.update(auditLog).set({ outcome: 'failure' }).where(eq(auditLog.seq, row!.seq))).rejects.toThrow();
    await expect(env.db.delete(auditLog).where(eq(auditLog.seq, row!.seq))).rejects.toThrow();
    await expect(env.db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    const [still] = await env.db.select().from(auditLog).where(eq(auditLog.seq, row!.seq));
    expect(still).toEqual(row);
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('keeps one unbroken chain when 50 transactions write at once', async () => {
    const before = (await lastRows(1))[0]!.seq;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withTx(env.db, async (tx) => {
          await tx.execute(sql`SELECT pg_sleep(${(i % 5) / 1000})`);
          await recordAudit(tx, actor, { action: 'test.concurrent', entityType: 'test', entityId: String(i) });
        }),
      ),
    );
    const rows = await env.db.select().from(auditLog).where(sql`${auditLog.seq} > ${before}`).orderBy(asc(auditLog.seq));
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
    expect(new Set(rows.map((r) => r.entityId)).size).toBe(50);
    expect(await verifyAuditChain(env.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('detects a row edited out of band, through the function and the API, with its seq', async () => {
    await write(3);
    const [, edited] = await lastRows(3);
    await outOfBand('audit_log_no_update', () =>
      env.db.update(auditLog).set({ changes: { i: { before: null, after: 'forged' } } }).where(eq(auditLog.seq, edited!.seq)),
    );
    try {
      const v = await verifyAuditChain(env.db);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([{ seq: edited!.seq, problem: expect.stringMatching(/^hash_mismatch/) }]);

      const auditor = await createUser(env.db, { roles: ['auditor'] });
      const c = await signIn(env.app, auditor.username, PASSWORD);
      const res = await c.get('/api/v1/audit/verification');
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.problems.map((p: { seq: number }) => p.seq)).toEqual([edited!.seq]);
    } finally {
      await outOfBand('audit_log_no_update', () => env.db.update(auditLog).set({ changes: edited!.changes }).where(eq(auditLog.seq, edited!.seq)));
    }
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('detects a row whose hash was also rewritten, at the next row', async () => {
    await write(3);
    const [, edited, next] = await lastRows(3);
    await outOfBand('audit_log_no_update', () =>
      env.db.execute(sql`UPDATE audit_log a SET outcome = 'denied', hash = audit_row_hash(a.prev_hash, (a.seq, a.at, a.actor_user_id, a.actor_username, a.actor_org_id, a.action, a.entity_type, a.entity_id, a.changes, 'denied', a.ip, a.user_agent, a.request_id, a.prev_hash, a.hash)::audit_log) WHERE seq = ${edited!.seq}`),
    );
    try {
      const v = await verifyAuditChain(env.db);
      expect(v.problems).toEqual([{ seq: next!.seq, problem: expect.stringMatching(/^prev_hash_mismatch/) }]);
    } finally {
      await outOfBand('audit_log_no_update', () =>
        env.db.update(auditLog).set({ outcome: edited!.outcome, hash: edited!.hash }).where(eq(auditLog.seq, edited!.seq)),
      );
    }
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('detects a row deleted from the middle, and rows deleted from the end', async () => {
    await write(3);
    const [, removed, last] = await lastRows(3);
    await removeRow(removed!.seq);
    try {
      const v = await verifyAuditChain(env.db);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([{ seq: removed!.seq, problem: expect.stringMatching(/^missing_rows/) }]);
    } finally {
      await putBack();
    }
    expect((await verifyAuditChain(env.db)).ok).toBe(true);

    await removeRow(last!.seq);
    try {
      const v = await verifyAuditChain(env.db);
      expect(v.problems).toEqual([{ seq: last!.seq, problem: expect.stringMatching(/^head_mismatch/) }]);
    } finally {
      await putBack();
    }
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });
});

describe('audit retention', () => {
  const DAY = 86_400_000;
  async function writeAt(daysAgo: number, action: string) {
    await env.db.insert(auditLog).values({
      seq: 0, prevHash: '', hash: '', at: new Date(Date.now() - daysAgo * DAY), action, entityType: 'test', changes: {},
    });
  }

  it('refuses a retention under 184 days and changes nothing', async () => {
    await expect(withTx(env.db, (tx) => setAuditRetention(tx, actor, { days: 183 }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: { fields: [expect.objectContaining({ path: 'days' })] },
    });
    expect(await getAuditRetentionDays(env.db)).toBe(184);
  });

  it('deletes only the expired prefix, never a hole, keeps the chain verifiable and records why', async () => {
    // Start from a log whose rows are all old: clear it out of band (as if earlier retention ran).
    await outOfBand('audit_log_no_update', () => env.db.delete(auditLog));
    await writeAt(300, 'test.old');
    await writeAt(250, 'test.old');
    await writeAt(200, 'test.old');
    await withTx(env.db, (tx) => setAuditRetention(tx, actor, { days: 365 }));
    await writeAt(190, 'test.late_old'); // committed after a recent row: must wait
    const oldSeqs = (await env.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.action, 'test.old'))).map((r) => r.seq);

    expect(await applyAuditRetention(env.db)).toEqual({ deleted: 0 }); // nothing is older than 365 days yet
    expect((await env.db.select().from(auditLog).where(eq(auditLog.action, 'test.old'))).length).toBe(3);

    await withTx(env.db, (tx) => setAuditRetention(tx, actor, { days: 200 }));
    expect(await getAuditRetentionDays(env.db)).toBe(200);
    // The daily schedule runs it.
    env.clock.advance(2 * 86_400);
    await env.drainJobs();

    const rows = await env.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows.map((r) => r.action)).not.toContain('test.old');
    expect(rows[0]!.action).toBe('audit.set_retention');
    expect(rows.map((r) => r.action)).toContain('test.late_old');
    const applied = rows.find((r) => r.action === 'audit.apply_retention');
    expect(applied!.changes).toMatchObject({ deleted: 3, fromSeq: Math.min(...oldSeqs), toSeq: Math.max(...oldSeqs), retentionDays: 200 });
    const v = await verifyAuditChain(env.db);
    expect(v).toMatchObject({ ok: true, firstSeq: rows[0]!.seq, problems: [] });
  });
});
