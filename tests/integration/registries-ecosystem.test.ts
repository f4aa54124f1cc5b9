import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { matchCases } from '../../server/modules/matchmaking/schema.js';
import { availableSource, sumRecords } from '../../server/modules/plans/indicators/index.js';
import { spaceTenants, talentRecognitions } from '../../server/modules/registries/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const login = async (roles: Role[], organisationId?: string | null) => {
  const u = await createUser(env.db, { roles, organisationId });
  return { user: u, client: await signIn(env.app, u.username, PASSWORD) };
};
const anon = new TestClient(env.app);

const centreOrg = await createOrg(env.db, { type: 'service_institution', name: '凉州区技术转移服务中心' });
const spaceOrg = await createOrg(env.db, { type: 'maker_space', name: '凉州区青年创业园' });
const windOrg = await createOrg(env.db, { name: '武威风电装备制造有限公司' });
const sandOrg = await createOrg(env.db, { name: '武威机械治沙科技有限公司' });
const township = await createOrg(env.db, { type: 'township', name: '凉州区黄羊镇' });
const broker = await login(['broker'], centreOrg.id);
const broker2 = await login(['broker'], centreOrg.id);
const spaceAdmin = await login(['org_admin'], spaceOrg.id);
const windAdmin = await login(['org_admin'], windOrg.id);
const sandMember = await login(['enterprise_member'], sandOrg.id);
const reporter = await login(['dept_reporter'], township.id);
const reviewer = (await login(['reviewer'])).client;
const notBroker = await login(['service_member'], centreOrg.id);

async function publish(client: TestClient, path: string, body: unknown): Promise<string> {
  const created = await client.post(`/api/v1/${path}`, body);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  await client.post(`/api/v1/${path}/${created.body.id}/submit`);
  const ok = await reviewer.post(`/api/v1/${path}/${created.body.id}/approve`);
  expect(ok.body.status).toBe('published');
  return created.body.id;
}

const year = (y: number) => [new Date(`${y - 1}-12-31T16:00:00Z`), new Date(`${y}-12-31T16:00:00Z`)] as const;
async function indicator(name: string, y: number): Promise<number> {
  const s = await availableSource(env.db, name);
  expect(s, name).not.toBeNull();
  const [from, to] = year(y);
  return sumRecords(env.db, s!, from, to);
}

describe('brokers and transfer talent', () => {
  let id = '';
  it('a broker registers their own profile; others cannot', async () => {
    const res = await broker.client.post('/api/v1/brokers', { content: { name: '张明', grade: 'intermediate', expertise: ['农产品精深加工', '技术评估'], bio: '从事甜高粱产业技术转移十年。' } });
    expect(res.status).toBe(200);
    id = res.body.id;
    expect((await notBroker.client.post('/api/v1/brokers', { content: { name: '李', grade: 'junior' } })).status).toBe(403);
    const again = await broker.client.post('/api/v1/brokers', { content: { name: '张明', grade: 'junior' } });
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await broker2.client.put(`/api/v1/brokers/${id}`, { content: { name: 'x', grade: 'junior' } })).status).toBe(404);
    expect((await broker.client.post('/api/v1/brokers', { content: { name: '王', grade: 'expert' } })).status).toBe(400);
  });

  it('certificates and training records; no training in the future', async () => {
    await broker.client.post(`/api/v1/brokers/${id}/certificates`, { name: '技术经纪人（中级）证书', number: 'GS-2025-0101', issuer: '甘肃省科技厅', issuedOn: '2025-05-01' });
    const t = await broker.client.post(`/api/v1/brokers/${id}/trainings`, { course: '技术合同登记实务', hours: 16, takenOn: '2026-04-10', issuer: '甘肃省技术市场' });
    expect(t.body.details).toMatchObject({ trainingHours: 16 });
    expect(t.body.details.certificates).toHaveLength(1);
    const future = await broker.client.post(`/api/v1/brokers/${id}/trainings`, { course: '未来', hours: 2, takenOn: '2030-01-01' });
    expect(future.body.error.fields[0].path).toBe('takenOn');
    expect((await broker.client.post(`/api/v1/brokers/${id}/trainings`, { course: 'x', hours: 0, takenOn: '2026-01-01' })).status).toBe(400);
  });

  it('recognition only by the bureau, after approval, once per level; counted by year in the talent indicator', async () => {
    const early = await reviewer.post(`/api/v1/brokers/${id}/recognitions`, { level: 'municipal', year: 2026 });
    expect(early.body.error.code).toBe('INVALID_STATE');
    await broker.client.post(`/api/v1/brokers/${id}/submit`);
    await reviewer.post(`/api/v1/brokers/${id}/approve`);
    expect((await broker.client.post(`/api/v1/brokers/${id}/recognitions`, { level: 'municipal', year: 2026 })).status).toBe(403);
    const before = await indicator('transfer-talents-municipal', 2026);
    const r = await reviewer.post(`/api/v1/brokers/${id}/recognitions`, { level: 'municipal', year: 2026, documentNo: '武科发〔2026〕12号' });
    expect(r.body.details.recognitions).toHaveLength(1);
    expect((await reviewer.post(`/api/v1/brokers/${id}/recognitions`, { level: 'municipal', year: 2027 })).body.error.code).toBe('CONFLICT');
    expect(await indicator('transfer-talents-municipal', 2026)).toBe(before + 1);
    expect(await indicator('transfer-talents-provincial', 2026)).toBe(0);
    expect((await env.db.select({ n: count() }).from(talentRecognitions))[0]!.n).toBe(1);
    expect((await anon.get('/api/v1/brokers?level=municipal')).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await anon.get(`/api/v1/brokers?q=${encodeURIComponent('甜高粱')}`)).body.total).toBe(1);
  });

  it('handled matchmaking cases with outcomes show on the profile (the list to the owner only)', async () => {
    await env.db.insert(matchCases).values([
      { initiatorOrgId: windOrg.id, counterpartOrgId: sandOrg.id, origin: 'search', status: 'agreement', brokerUserId: broker.user.id },
      { initiatorOrgId: sandOrg.id, counterpartOrgId: windOrg.id, origin: 'search', status: 'closed', closedReason: 'price', brokerUserId: broker.user.id },
    ]);
    const own = await broker.client.get(`/api/v1/brokers/${id}`);
    expect(own.body.details.caseOutcomes).toEqual({ agreement: 1, closed: 1 });
    expect(own.body.details.cases).toHaveLength(2);
    const pub = await anon.get(`/api/v1/brokers/${id}`);
    expect(pub.body.details.caseOutcomes).toEqual({ agreement: 1, closed: 1 });
    expect(pub.body.details.cases).toEqual([]);
  });

  it('the bureau lists assignable broker accounts with search and workload', async () => {
    const all = await reviewer.get('/api/v1/broker-accounts');
    const ids = all.body.items.map((i: { userId: string }) => i.userId);
    expect(ids).toEqual(expect.arrayContaining([broker.user.id, broker2.user.id]));
    const found = await reviewer.get(`/api/v1/broker-accounts?q=${encodeURIComponent('农产品')}`);
    expect(found.body.items).toEqual([expect.objectContaining({ userId: broker.user.id, brokerId: id, grade: 'intermediate', openCases: 0 })]);
    expect((await broker.client.get('/api/v1/broker-accounts')).status).toBe(403);
  });
});

describe('maker spaces and their tenants', () => {
  let id = '';
  it('a recognised space needs its date; counted by level in the maker-space indicators once published', async () => {
    const bad = await spaceAdmin.client.post('/api/v1/spaces', { content: { name: '凉州青创空间', kind: 'maker_space', level: 'municipal' } });
    expect(bad.body.error.fields[0].path).toBe('content.recognisedOn');
    const before = await indicator('maker-spaces-municipal', 2026);
    id = await publish(spaceAdmin.client, 'spaces', {
      content: { name: '凉州青创空间', kind: 'maker_space', level: 'municipal', specialisation: 'professional', field: '农产品电商', areaSqm: 3200, services: ['工商注册', '创业辅导'], recognisedOn: '2026-05-20' },
    });
    expect(await indicator('maker-spaces-municipal', 2026)).toBe(before + 1);
    expect(await indicator('maker-spaces-provincial', 2026)).toBe(0);
    expect((await anon.get('/api/v1/spaces?type=maker_space&level=municipal')).body.total).toBe(1);
  });

  it('tenants enter and graduate; graduation before entry is refused', async () => {
    const t = await spaceAdmin.client.post(`/api/v1/spaces/${id}/tenants`, { kind: 'team', name: '沙漠葡萄酒电商团队', enteredOn: '2026-01-05' });
    const tenantId = t.body.details.tenants[0].id;
    expect(t.body.details.incubating).toBe(1);
    const bad = await spaceAdmin.client.put(`/api/v1/spaces/${id}/tenants/${tenantId}`, { kind: 'team', name: '沙漠葡萄酒电商团队', enteredOn: '2026-01-05', graduatedOn: '2025-12-01', outcome: 'graduated' });
    expect(bad.status).toBe(400);
    const grad = await spaceAdmin.client.put(`/api/v1/spaces/${id}/tenants/${tenantId}`, { kind: 'team', name: '沙漠葡萄酒电商团队', enteredOn: '2026-01-05', graduatedOn: '2026-05-30', outcome: 'graduated' });
    expect(grad.body.details).toMatchObject({ graduated: 1, incubating: 0 });
    expect((await windAdmin.client.post(`/api/v1/spaces/${id}/tenants`, { kind: 'team', name: 'x', enteredOn: '2026-01-01' })).status).toBe(404);
    expect((await env.db.select({ n: count() }).from(spaceTenants))[0]!.n).toBe(1);
  });

  it('a tenant entered in error is removed by the owner only, and the audit log keeps what it was', async () => {
    const t = await spaceAdmin.client.post(`/api/v1/spaces/${id}/tenants`, { kind: 'enterprise', name: '误录入的企业', enteredOn: '2026-03-01' });
    const wrong = t.body.details.tenants.find((x: { name: string }) => x.name === '误录入的企业').id as string;
    expect((await windAdmin.client.delete(`/api/v1/spaces/${id}/tenants/${wrong}`)).status).toBe(404);
    expect((await anon.delete(`/api/v1/spaces/${id}/tenants/${wrong}`)).status).toBe(401);
    expect((await env.db.select({ n: count() }).from(spaceTenants))[0]!.n).toBe(2);
    const res = await spaceAdmin.client.delete(`/api/v1/spaces/${id}/tenants/${wrong}`);
    expect(res.status).toBe(200);
    expect(res.body.details.tenants.map((x: { name: string }) => x.name)).toEqual(['沙漠葡萄酒电商团队']);
    expect((await spaceAdmin.client.delete(`/api/v1/spaces/${id}/tenants/${wrong}`)).status).toBe(404);
    const [a] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'space.tenant_remove'));
    expect(a!.changes).toMatchObject({ name: '误录入的企业', enteredOn: '2026-03-01' });
  });
});

describe('alliances and demonstration zones', () => {
  it('the lead unit keeps members and joint projects; a member twice is refused', async () => {
    const id = await publish(windAdmin.client, 'alliances', { content: { name: '甘肃风电装备制造全产业链联盟', field: '风光电装备制造', level: 'provincial', foundedOn: '2018-06-01' } });
    await windAdmin.client.post(`/api/v1/alliances/${id}/members`, { organisationId: windOrg.id, name: '武威风电装备制造有限公司', role: 'lead' });
    await windAdmin.client.post(`/api/v1/alliances/${id}/members`, { organisationId: sandOrg.id, name: '武威机械治沙科技有限公司' });
    const dup = await windAdmin.client.post(`/api/v1/alliances/${id}/members`, { organisationId: sandOrg.id, name: '武威机械治沙科技有限公司' });
    expect(dup.body.error.code).toBe('CONFLICT');
    const p = await windAdmin.client.post(`/api/v1/alliances/${id}/projects`, { title: '风机叶片沙尘磨损防护涂层联合攻关', status: 'ongoing', startedOn: '2026-02-01', budgetFen: 300000000 });
    const projectId = p.body.details.projects[0].id;
    const bad = await windAdmin.client.put(`/api/v1/alliances/${id}/projects/${projectId}`, { title: '风机叶片沙尘磨损防护涂层联合攻关', status: 'completed', startedOn: '2026-02-01', endedOn: '2026-01-01' });
    expect(bad.status).toBe(400);
    const done = await windAdmin.client.put(`/api/v1/alliances/${id}/projects/${projectId}`, { title: '风机叶片沙尘磨损防护涂层联合攻关', status: 'completed', startedOn: '2026-02-01', endedOn: '2026-05-01', budgetFen: 300000000 });
    expect(done.body.details.projects[0]).toMatchObject({ status: 'completed', budgetFen: 300000000 });
    expect((await sandMember.client.post(`/api/v1/alliances/${id}/projects`, { title: 'x' })).status).toBe(404);
    expect((await anon.get(`/api/v1/alliances/${id}`)).body.details.members).toHaveLength(2);
    const extra = await windAdmin.client.post(`/api/v1/alliances/${id}/projects`, { title: '误录入的项目' });
    const extraId = extra.body.details.projects.find((x: { title: string }) => x.title === '误录入的项目').id as string;
    expect((await sandMember.client.delete(`/api/v1/alliances/${id}/projects/${extraId}`)).status).toBe(404);
    const removed = await windAdmin.client.delete(`/api/v1/alliances/${id}/projects/${extraId}`);
    expect(removed.body.details.projects.map((x: { id: string }) => x.id)).toEqual([projectId]);
    const audits = await env.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits[0]!.n).toBeGreaterThanOrEqual(9);
  });

  it('a zone’s stage needs its dates in order; a built municipal zone counts in the computed zone indicator', async () => {
    const bad = await reporter.client.post('/api/v1/demo-zones', { content: { name: '黄羊镇科技成果转化示范区', level: 'municipal', stage: 'built' } });
    expect(bad.body.error.fields[0].path).toBe('content.builtOn');
    const order = await reporter.client.post('/api/v1/demo-zones', { content: { name: 'x', level: 'municipal', stage: 'recognised', builtOn: '2026-05-01', recognisedOn: '2026-01-01' } });
    expect(order.status).toBe(400);
    await publish(reporter.client, 'demo-zones', {
      content: { name: '黄羊镇科技成果转化示范区', level: 'municipal', stage: 'built', cultivatingSince: '2025-03-01', builtOn: '2026-04-01', field: '现代农业' },
    });
    expect(await indicator('demo-zones-municipal', 2026)).toBe(1);
    expect((await anon.get('/api/v1/demo-zones?stage=built')).body.total).toBe(1);
    expect((await anon.get(`/api/v1/demo-zones?q=${encodeURIComponent('黄羊镇')}`)).body.total).toBe(1);
  });
});
