import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.js';
import { type Actor, systemActor } from '../../server/core/access.js';
import { withTx } from '../../server/db/tx.js';
import { EXPORT_HEADERS } from '../../server/modules/audit/export-format.js';
import { exportAuditLog } from '../../server/modules/audit/export-audit.js';
import { recordAudit } from '../../server/modules/audit/record-audit.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const ROUTES = ['/api/v1/audit', '/api/v1/audit/export?format=csv', '/api/v1/audit/verification'];

const auditorUser = await createUser(env.db, { roles: ['auditor'] });
const auditor = await signIn(env.app, auditorUser.username, PASSWORD);

/** A fresh action prefix, so each test sees only its own rows. */
const prefix = () => `t${randomBytes(4).toString('hex')}.`;

async function write(actor: Actor, action: string, extra: { entityType?: string; entityId?: string | null; outcome?: 'success' | 'denied' | 'failure' } = {}) {
  await withTx(env.db, (tx) =>
    recordAudit(tx, actor, { action, entityType: extra.entityType ?? 'thing', entityId: extra.entityId ?? null, outcome: extra.outcome, changes: { name: { before: '旧', after: '新' } } }),
  );
}

function q(params: Record<string, string | number>) {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/** GET a download as raw bytes (the test client turns bodies into strings). */
async function download(c: TestClient, url: string) {
  const res = await env.app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

describe('who may read the audit log', () => {
  it('refuses every role but the auditor, including the system administrator, on every audit route', async () => {
    const org = await createOrg(env.db);
    for (const role of ROLES.filter((r): r is Exclude<Role, 'visitor' | 'auditor'> => r !== 'visitor' && r !== 'auditor')) {
      const u = await createUser(env.db, { roles: [role], organisationId: org.id });
      const c = await signIn(env.app, u.username, PASSWORD);
      for (const url of ROUTES) {
        const res = await c.get(url);
        expect(res.status, `${role} ${url}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    const both = await createUser(env.db, { roles: ['sys_admin', 'bureau_admin'] });
    const c = await signIn(env.app, both.username, PASSWORD);
    for (const url of ROUTES) expect((await c.get(url)).status).toBe(403);
    const anonymous = new TestClient(env.app);
    for (const url of ROUTES) expect((await anonymous.get(url)).status).toBe(401);
  });

  it('lets the auditor read, export and verify', async () => {
    for (const url of ROUTES) expect((await auditor.get(url)).status).toBe(200);
  });
});

describe('searching the audit log', () => {
  it('lists newest first with a total and pages', async () => {
    const p = prefix();
    for (let i = 0; i < 5; i++) await write(systemActor(), `${p}step`, { entityId: String(i) });
    const first = await auditor.get(`/api/v1/audit?${q({ action: p, pageSize: 2 })}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['4', '3']);
    const third = await auditor.get(`/api/v1/audit?${q({ action: p, pageSize: 2, page: 3 })}`);
    expect(third.body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['0']);
    const item = first.body.items[0];
    expect(item).toMatchObject({ action: `${p}step`, entityType: 'thing', outcome: 'success', changes: { name: { before: '旧', after: '新' } } });
    expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(item.at).toISOString()).toBe(item.at);
  });

  it('filters by actor (username or id), action prefix, entity, outcome and time', async () => {
    const p = prefix();
    const alice = await createUser(env.db, { roles: ['researcher'] });
    const aliceActor: Actor = { ...systemActor(), userId: alice.id, username: alice.username };
    await write(aliceActor, `${p}a.create`, { entityType: 'achievement', entityId: 'A1' });
    await write(systemActor(), `${p}a.update`, { entityType: 'achievement', entityId: 'A2', outcome: 'denied' });
    await write(systemActor(), `${p}b.create`, { entityType: 'contract', entityId: 'C1', outcome: 'failure' });
    // `_` and `%` in the prefix are literal, not wildcards.
    await write(systemActor(), `${p}a_x`, { entityType: 'achievement' });

    const ids = async (params: Record<string, string>) => {
      const res = await auditor.get(`/api/v1/audit?${q(params)}`);
      expect(res.status).toBe(200);
      return res.body.items.map((i: { action: string }) => i.action.slice(p.length)).sort();
    };
    expect(await ids({ action: p })).toEqual(['a.create', 'a.update', 'a_x', 'b.create']);
    expect(await ids({ action: `${p}a.` })).toEqual(['a.create', 'a.update']);
    expect(await ids({ action: p, actor: alice.username.toUpperCase() })).toEqual(['a.create']);
    expect(await ids({ action: p, actor: alice.id })).toEqual(['a.create']);
    expect(await ids({ action: p, entityType: 'achievement', entityId: 'A2' })).toEqual(['a.update']);
    expect(await ids({ action: p, outcome: 'failure' })).toEqual(['b.create']);

    const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, `${p}a.create`));
    const at = row!.at.getTime();
    expect(await ids({ action: p, from: new Date(at - 60_000).toISOString(), to: new Date(at + 3_600_000).toISOString() })).toHaveLength(4);
    expect(await ids({ action: p, from: new Date(at + 3_600_000).toISOString() })).toEqual([]);
    expect(await ids({ action: p, to: new Date(at - 60_000).toISOString() })).toEqual([]);
  });

  it('rejects bad filters with a field message', async () => {
    const now = Date.now();
    const cases: [Record<string, string>, string][] = [
      [{ from: new Date(now).toISOString(), to: new Date(now - 1000).toISOString() }, 'to'],
      [{ outcome: 'maybe' }, 'outcome'],
      [{ from: 'yesterday' }, 'from'],
      [{ pageSize: '500' }, 'pageSize'],
    ];
    for (const [params, field] of cases) {
      const res = await auditor.get(`/api/v1/audit?${q(params)}`);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(res.body.error.fields[0].message).toBeTruthy();
    }
  });
});

describe('exporting the audit log', () => {
  it('exports XLSX with Chinese headers, a dated file name, and audits the export', async () => {
    const p = prefix();
    await write(systemActor(), `${p}x`, { entityId: 'E-1' });
    const res = await download(auditor, `/api/v1/audit/export?${q({ action: p, format: 'xlsx' })}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-20260601.xlsx"; filename*=UTF-8''audit-20260601.xlsx`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    expect(ws.rowCount).toBe(2);
    const data = (ws.getRow(2).values as unknown[]).slice(1);
    const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, `${p}x`));
    expect(data[0]).toBeInstanceOf(Date);
    expect(Math.abs((data[0] as Date).getTime() - row!.at.getTime())).toBeLessThan(1000);
    // Empty cells (no organisation, IP, client or request id for the system actor) read back as undefined.
    expect(data.slice(1)).toEqual(['system', undefined, `${p}x`, 'thing', 'E-1', JSON.stringify(row!.changes), '成功', undefined, undefined, undefined, row!.hash]);

    const [logged] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export')).orderBy(desc(auditLog.seq)).limit(1);
    expect(logged).toMatchObject({ actorUserId: auditorUser.id, outcome: 'success', changes: { format: 'xlsx', rows: 1, total: 1, filter: { action: p } } });
  });

  it('exports CSV with a BOM, quoting, and a guard against formula injection', async () => {
    const p = prefix();
    await write(systemActor(), `${p}csv`, { entityId: '=HYPERLINK("http://evil.example","点我")' });
    await write(systemActor(), `${p}csv`, { entityId: '@SUM(A1)' });
    await write(systemActor(), `${p}csv`, { entityId: '-1+2' });
    const res = await download(auditor, `/api/v1/audit/export?${q({ action: p, format: 'csv' })}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="audit-20260601.csv"');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = res.bytes.toString('utf8').slice(1);
    const lines = body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_HEADERS.join(','));
    expect(lines).toHaveLength(4);
    // Newest first.
    expect(lines[1]).toContain(`,'-1+2,`);
    expect(lines[2]).toContain(`,'@SUM(A1),`);
    expect(lines[3]).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我"")",`);
    expect(body).not.toMatch(/,[=+@-]/);
    const exports = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'audit.export'), eq(auditLog.actorUserId, auditorUser.id)));
    expect(exports.some((e) => (e.changes as { format?: string }).format === 'csv')).toBe(true);
  });

  it('caps the export and says so above the headers', async () => {
    const p = prefix();
    for (let i = 0; i < 4; i++) await write(systemActor(), `${p}cap`, { entityId: String(i) });
    const out = await exportAuditLog(env.db, systemActor(), { action: p, format: 'csv' }, new Date('2026-11-27T10:00:00Z'), { maxRows: 2 });
    expect(out).toMatchObject({ rows: 2, total: 4, filename: 'audit-20261127.csv' });
    const lines = (await text(out.stream)).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/共 4 条.*最新的 2 条/);
    expect(lines[1]).toBe(EXPORT_HEADERS.join(','));
    expect(lines.slice(2).map((l) => l.split(',')[5])).toEqual(['3', '2']);
  });

  it('refuses a bad export request with a field message and records no export', async () => {
    const before = await env.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'));
    const res = await auditor.get(`/api/v1/audit/export?format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('format');
    const bad = await auditor.get(`/api/v1/audit/export?${q({ from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('to');
    expect(await env.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'))).toHaveLength(before.length);
  });
});
