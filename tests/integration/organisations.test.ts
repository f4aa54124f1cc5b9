import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const anon = new TestClient(env.app);

const signInFresh = (username: string, password = PASSWORD) => signIn(env.app, username, password);

async function as(roles: Parameters<typeof createUser>[1]['roles'], organisationId?: string) {
  const u = await createUser(env.db, { roles, organisationId });
  return { user: u, client: await signInFresh(u.username) };
}

async function orgRow(id: string) {
  const [row] = await env.db.select().from(organisations).where(eq(organisations.id, id));
  return row!;
}

async function lastAudit(action: string) {
  const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('verification', () => {
  it('lets a reviewer verify a pending organisation, audits it and tells the organisation’s administrators', async () => {
    const org = await createOrg(env.db, { status: 'pending' });
    const admin = await createUser(env.db, { roles: ['org_admin', 'enterprise_member'], organisationId: org.id });
    const { client } = await as(['reviewer']);
    const res = await client.post(`/api/v1/organisations/${org.id}/verification`, { decision: 'verified' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: org.id, verificationStatus: 'verified', memberCount: 1 });
    expect(res.body.verifiedAt).toBeTruthy();
    expect(res.body.actions).not.toContain('verify');
    expect(await lastAudit('organisation.verify')).toMatchObject({
      entityId: org.id,
      changes: { verificationStatus: { before: 'pending', after: 'verified' } },
    });
    await env.drainJobs();
    const notes = await env.db.select().from(notifications).where(eq(notifications.userId, admin.id));
    expect(notes.map((x) => x.kind)).toEqual(['organisation.verified']);
  });

  it('offers "verify" among a pending organisation’s actions to reviewers only', async () => {
    const org = await createOrg(env.db, { status: 'pending' });
    const { client } = await as(['reviewer']);
    expect((await client.get(`/api/v1/organisations/${org.id}`)).body.actions).toContain('verify');
    const { client: auditor } = await as(['auditor']);
    expect((await auditor.get(`/api/v1/organisations/${org.id}`)).body.actions).toEqual([]);
  });

  it('refuses enterprise members (403) and anonymous callers (401), changing nothing', async () => {
    const org = await createOrg(env.db, { status: 'pending' });
    const { client } = await as(['enterprise_member', 'org_admin'], org.id);
    const res = await client.post(`/api/v1/organisations/${org.id}/verification`, { decision: 'verified' });
    expect(res.status).toBe(403);
    const a = await anon.post(`/api/v1/organisations/${org.id}/verification`, { decision: 'verified' });
    expect(a.status).toBe(401);
    expect((await orgRow(org.id)).verificationStatus).toBe('pending');
  });

  it('refuses a rejection without a note, naming the field', async () => {
    const org = await createOrg(env.db, { status: 'pending' });
    const { client } = await as(['reviewer']);
    const res = await client.post(`/api/v1/organisations/${org.id}/verification`, { decision: 'rejected', note: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('note');
    expect((await orgRow(org.id)).verificationStatus).toBe('pending');
  });

  it('rejects with a note the organisation sees, then allows a later verification but never a second one', async () => {
    const org = await createOrg(env.db, { status: 'pending' });
    const admin = await createUser(env.db, { roles: ['org_admin'], organisationId: org.id });
    const { client } = await as(['bureau_admin']);
    const url = `/api/v1/organisations/${org.id}/verification`;
    const rejected = await client.post(url, { decision: 'rejected', note: '营业执照照片不清晰' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ verificationStatus: 'rejected', verificationNote: '营业执照照片不清晰' });

    const again = await client.post(url, { decision: 'rejected', note: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    expect((await client.post(url, { decision: 'verified' })).status).toBe(200);
    const twice = await client.post(url, { decision: 'verified' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');
    expect((await orgRow(org.id)).verificationNote).toBeNull();

    // Jobs last: the identity domain's session purge runs on wall-clock time and ends the test clock's sessions.
    await env.drainJobs();
    const notes = await env.db.select().from(notifications).where(eq(notifications.userId, admin.id));
    expect(notes.map((x) => [x.kind, (x.params as { note?: string }).note])).toEqual(
      expect.arrayContaining([['organisation.rejected', '营业执照照片不清晰'], ['organisation.verified', null]]),
    );
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const { client } = await as(['reviewer']);
    const res = await client.post('/api/v1/organisations/00000000-0000-4000-8000-000000000000/verification', { decision: 'verified' });
    expect(res.status).toBe(404);
  });
});

describe('visibility', () => {
  it('shows anonymous callers verified organisations only', async () => {
    const name = `可见性${Date.now()}`;
    const verified = await createOrg(env.db, { name: `${name}甲`, status: 'verified' });
    const pending = await createOrg(env.db, { name: `${name}乙`, status: 'pending' });
    const rejected = await createOrg(env.db, { name: `${name}丙`, status: 'rejected' });
    const list = await anon.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([verified.id]);
    expect(list.body.total).toBe(1);
    const pendingAsStatus = await anon.get(`/api/v1/organisations?status=pending&q=${encodeURIComponent(name)}`);
    expect(pendingAsStatus.body.items).toEqual([]);
    expect((await anon.get(`/api/v1/organisations/${pending.id}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/organisations/${rejected.id}`)).status).toBe(404);
    const one = await anon.get(`/api/v1/organisations/${verified.id}`);
    expect(one.status).toBe(200);
    expect(one.body.actions).toEqual([]);
  });

  it('shows members their own pending organisation, and no other', async () => {
    const name = `自有${Date.now()}`;
    const mine = await createOrg(env.db, { name: `${name}甲`, status: 'pending' });
    const other = await createOrg(env.db, { name: `${name}乙`, status: 'pending' });
    const { client } = await as(['enterprise_member'], mine.id);
    const list = await client.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    expect((await client.get(`/api/v1/organisations/${mine.id}`)).status).toBe(200);
    expect((await client.get(`/api/v1/organisations/${other.id}`)).status).toBe(404);
  });

  it('shows reviewers every organisation and filters by status and type', async () => {
    const name = `审核${Date.now()}`;
    const pending = await createOrg(env.db, { name: `${name}甲`, status: 'pending' });
    await createOrg(env.db, { name: `${name}乙`, status: 'verified', type: 'university' });
    const { client } = await as(['reviewer']);
    const all = await client.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`);
    expect(all.body.total).toBe(2);
    const p = await client.get(`/api/v1/organisations?status=pending&q=${encodeURIComponent(name)}`);
    expect(p.body.items.map((o: { id: string }) => o.id)).toEqual([pending.id]);
    const u = await client.get(`/api/v1/organisations?type=university&q=${encodeURIComponent(name)}`);
    expect(u.body.items.map((o: { type: string }) => o.type)).toEqual(['university']);
  });

  it('pages the list', async () => {
    const name = `分页${Date.now()}`;
    for (let i = 0; i < 3; i++) await createOrg(env.db, { name: `${name}${i}` });
    const page2 = await anon.get(`/api/v1/organisations?q=${encodeURIComponent(name)}&page=2&pageSize=2`);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items).toHaveLength(1);
  });

  it('serves the tree of government units publicly, in sort order, not captured by /:id', async () => {
    const res = await anon.get('/api/v1/organisations/tree');
    expect(res.status).toBe(200);
    expect(res.body.roots.length).toBeGreaterThanOrEqual(1);
    const root = res.body.roots.find((r: { type: string }) => r.type === 'district_government');
    expect(root.children.length).toBeGreaterThan(3);
    const rows = await env.db.select().from(organisations).where(eq(organisations.parentId, root.id));
    const order = new Map(rows.map((r) => [r.id, r.sortOrder]));
    const sorts = root.children.map((c: { id: string }) => order.get(c.id)!);
    expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
    expect(JSON.stringify(res.body)).not.toContain('"enterprise"');
  });
});

describe('editing and creating', () => {
  it('lets an organisation’s administrator edit it, with an audited diff', async () => {
    const org = await createOrg(env.db);
    const { client } = await as(['org_admin'], org.id);
    const res = await client.patch(`/api/v1/organisations/${org.id}`, { address: '凉州区东大街 1 号', contactPhone: '0935-1234567' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ address: '凉州区东大街 1 号', contactPhone: '0935-1234567' });
    const audit = await lastAudit('organisation.update');
    expect(audit).toMatchObject({ entityId: org.id, changes: { address: { before: null, after: '凉州区东大街 1 号' } } });
    expect(JSON.stringify(audit!.changes)).not.toContain('1234567');
  });

  it('refuses another organisation’s administrator and plain members, changing nothing', async () => {
    const org = await createOrg(env.db);
    const other = await createOrg(env.db);
    const { client: otherAdmin } = await as(['org_admin'], other.id);
    expect((await otherAdmin.patch(`/api/v1/organisations/${org.id}`, { name: '改名企业' })).status).toBe(403);
    const { client: member } = await as(['enterprise_member'], org.id);
    expect((await member.patch(`/api/v1/organisations/${org.id}`, { name: '改名企业' })).status).toBe(403);
    expect((await anon.patch(`/api/v1/organisations/${org.id}`, { name: '改名企业' })).status).toBe(401);
    expect((await orgRow(org.id)).name).toBe(org.name);
  });

  it('refuses a bad field with its path', async () => {
    const org = await createOrg(env.db);
    const { client } = await as(['org_admin'], org.id);
    const res = await client.patch(`/api/v1/organisations/${org.id}`, { regionCode: '62' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('regionCode');
    expect((await orgRow(org.id)).regionCode).toBe(org.regionCode);
  });

  it('puts a rejected organisation back in the review queue when it corrects its data', async () => {
    const org = await createOrg(env.db, { status: 'rejected' });
    const { client } = await as(['org_admin'], org.id);
    const res = await client.patch(`/api/v1/organisations/${org.id}`, { address: '新地址' });
    expect(res.body.verificationStatus).toBe('pending');
  });

  it('lets the bureau create a government unit in the tree, verified at once', async () => {
    const { client } = await as(['bureau_admin']);
    const tree = await anon.get('/api/v1/organisations/tree');
    const root = tree.body.roots[0];
    const res = await client.post('/api/v1/organisations', { type: 'gov_department', name: '区测试局', parentId: root.id, code: `test-${Date.now()}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verificationStatus: 'verified', parentId: root.id });
    const after = await anon.get('/api/v1/organisations/tree');
    expect(JSON.stringify(after.body)).toContain('区测试局');
    expect(await lastAudit('organisation.create')).toMatchObject({ entityId: res.body.id });
  });

  it('refuses creation by reviewers and members, and bad input, creating nothing', async () => {
    const { client: reviewer } = await as(['reviewer']);
    expect((await reviewer.post('/api/v1/organisations', { type: 'gov_department', name: '区越权局' })).status).toBe(403);
    const { client } = await as(['bureau_admin']);
    const noCode = await client.post('/api/v1/organisations', { type: 'enterprise', name: '无代码企业' });
    expect(noCode.status).toBe(400);
    expect(noCode.body.error.fields[0].path).toBe('creditCode');
    const badCode = await client.post('/api/v1/organisations', { type: 'enterprise', name: '坏代码企业', creditCode: '123' });
    expect(badCode.body.error.fields[0].path).toBe('creditCode');
    const taken = await createOrg(env.db);
    const dup = await client.post('/api/v1/organisations', { type: 'enterprise', name: '重复企业', creditCode: taken.creditCode! });
    expect(dup.status).toBe(409);
    const enterpriseParent = await client.post('/api/v1/organisations', { type: 'enterprise', name: '子企业', creditCode: makeCreditCode(), parentId: taken.id });
    expect(enterpriseParent.body.error.fields[0].path).toBe('parentId');
    for (const name of ['区越权局', '无代码企业', '坏代码企业', '重复企业', '子企业']) {
      expect(await env.db.select().from(organisations).where(eq(organisations.name, name))).toHaveLength(0);
    }
  });
});

describe('members', () => {
  it('lists members to the organisation’s administrator and to staff, not to other organisations', async () => {
    const org = await createOrg(env.db);
    const { client: admin, user } = await as(['org_admin'], org.id);
    const member = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
    const res = await admin.get(`/api/v1/organisations/${org.id}/members`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((m: { id: string; actions: string[] }) => [m.id, m.actions]));
    expect(byId.get(member.id)).toEqual(['remove']);
    expect(byId.get(user.id)).toEqual([]);
    const { client: reviewer } = await as(['reviewer']);
    expect((await reviewer.get(`/api/v1/organisations/${org.id}/members`)).body.items).toHaveLength(2);
    const other = await createOrg(env.db);
    const { client: otherAdmin } = await as(['org_admin'], other.id);
    expect((await otherAdmin.get(`/api/v1/organisations/${org.id}/members`)).status).toBe(403);
    const { client: plain } = await as(['enterprise_member'], org.id);
    expect((await plain.get(`/api/v1/organisations/${org.id}/members`)).status).toBe(403);
  });

  it('removing a member detaches and disables the account and ends its sessions', async () => {
    const org = await createOrg(env.db);
    const { client: admin } = await as(['org_admin'], org.id);
    const { client: memberClient, user: member } = await as(['enterprise_member'], org.id);
    const res = await admin.delete(`/api/v1/organisations/${org.id}/members/${member.id}`);
    expect(res.status).toBe(200);
    const [row] = await env.db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ organisationId: null, status: 'disabled' });
    expect((await memberClient.get('/api/v1/session')).body.user).toBeNull();
    const relogin = await new TestClient(env.app).post('/api/v1/auth/login', { username: member.username, password: PASSWORD });
    expect(relogin.body.error.code).toBe('ACCOUNT_DISABLED');
    expect(await lastAudit('organisation.remove_member')).toMatchObject({ entityId: member.id });
  });

  it('refuses removal by another organisation’s administrator and self-removal, changing nothing', async () => {
    const org = await createOrg(env.db);
    const { client: admin, user: adminUser } = await as(['org_admin'], org.id);
    const member = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
    const other = await createOrg(env.db);
    const { client: otherAdmin } = await as(['org_admin'], other.id);
    expect((await otherAdmin.delete(`/api/v1/organisations/${org.id}/members/${member.id}`)).status).toBe(403);
    // Naming one's own organisation in the path does not reach another's member either.
    expect((await otherAdmin.delete(`/api/v1/organisations/${other.id}/members/${member.id}`)).status).toBe(404);
    const self = await admin.delete(`/api/v1/organisations/${org.id}/members/${adminUser.id}`);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('INVALID_STATE');
    const rows = await env.db.select().from(users).where(and(eq(users.organisationId, org.id), eq(users.status, 'active')));
    expect(rows).toHaveLength(2);
  });
});
