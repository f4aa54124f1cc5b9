import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { institutionOfOrganisation, listedServicePrice } from '../../server/modules/registries/lookups.js';
import { warnExpiringCertificates } from '../../server/modules/registries/warn-expiring.js';
import { institutions, institutionServices, registryRevisions } from '../../server/modules/registries/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = async (roles: Role[], organisationId?: string | null) => {
  const u = await person(roles, organisationId);
  return signIn(env.app, u.username, PASSWORD);
};

const centreOrg = await createOrg(env.db, { type: 'service_institution', name: '凉州区技术转移服务中心' });
const lawOrg = await createOrg(env.db, { type: 'service_institution', name: '武威知识产权代理事务所' });
const pendingOrg = await createOrg(env.db, { type: 'service_institution', status: 'pending' });
const centre = await login(['service_member'], centreOrg.id);
const centreAdmin = await login(['org_admin'], centreOrg.id);
const law = await login(['service_member'], lawOrg.id);
const pending = await login(['service_member'], pendingOrg.id);
const reviewer = await login(['reviewer']);
const reviewer2 = await login(['reviewer']);
const admin = await login(['bureau_admin']);
const visitor = (await import('../support/client.js')).TestClient;
const anon = new visitor(env.app);

const content = {
  name: '凉州区技术转移服务中心',
  types: ['trading', 'evaluation'],
  summary: '面向凉州区企业提供技术交易撮合、科技成果评估评价服务，重点服务甜高粱深加工和风光电装备企业。',
  address: '凉州区东大街 12 号',
  contactName: '王主任',
  contactPhone: '0935-2211234',
  recognitionLevel: 'municipal',
  certificateNo: 'WW-JSZY-2026-003',
  recognisedOn: '2026-03-01',
  validUntil: '2026-08-01',
};

async function rowOf(id: string) {
  const [r] = await env.db.select().from(institutions).where(eq(institutions.id, id));
  return r!;
}
const audits = async (id: string) => (await env.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, id)))[0]!.n;

describe('service institutions: registration and review', () => {
  let id = '';

  it('registers a draft that is not public and has revision 1', async () => {
    const res = await centre.post('/api/v1/institutions', { content });
    expect(res.status).toBe(200);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', organisation: { id: centreOrg.id }, actions: expect.arrayContaining(['edit', 'submit']) });
    expect(res.body.pending).toMatchObject({ number: 1, status: 'draft' });
    expect((await anon.get(`/api/v1/institutions/${id}`)).status).toBe(404);
    expect((await anon.get('/api/v1/institutions?q=技术转移')).body.total).toBe(0);
    expect(await audits(id)).toBe(1);
  });

  it('refuses a second institution for the same organisation, even at once (CONFLICT, nothing created)', async () => {
    const [a, b] = await Promise.all([centreAdmin.post('/api/v1/institutions', { content }), centre.post('/api/v1/institutions', { content })]);
    expect([a.status, b.status]).toEqual([409, 409]);
    const n = await env.db.select({ n: count() }).from(institutions).where(eq(institutions.organisationId, centreOrg.id));
    expect(n[0]!.n).toBe(1);
  });

  it('refuses bad content with field errors and changes nothing', async () => {
    const bad = await law.post('/api/v1/institutions', { content: { ...content, name: '', types: [], recognitionLevel: 'provincial', certificateNo: null } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['content.name', 'content.types', 'content.certificateNo']));
    const dates = await law.post('/api/v1/institutions', { content: { ...content, validUntil: '2025-01-01' } });
    expect(dates.body.error.fields[0].path).toBe('content.validUntil');
    expect((await env.db.select({ n: count() }).from(institutions).where(eq(institutions.organisationId, lawOrg.id)))[0]!.n).toBe(0);
  });

  it('refuses an unverified organisation, another organisation, and a visitor', async () => {
    expect((await pending.post('/api/v1/institutions', { content })).body.error.code).toBe('ORG_NOT_VERIFIED');
    expect((await law.post('/api/v1/institutions', { organisationId: centreOrg.id, content })).body.error.code).toBe('FORBIDDEN');
    expect((await anon.post('/api/v1/institutions', { content })).status).toBe(401);
    expect((await law.put(`/api/v1/institutions/${id}`, { content })).status).toBe(404);
  });

  it('submits; the entry is locked while under review and the reviewers are told', async () => {
    const res = await centre.post(`/api/v1/institutions/${id}/submit`);
    expect(res.body).toMatchObject({ status: 'submitted', pending: { status: 'submitted' } });
    const locked = await centre.put(`/api/v1/institutions/${id}`, { content });
    expect(locked.body.error.code).toBe('INVALID_STATE');
    expect((await centre.post(`/api/v1/institutions/${id}/submit`)).body.error.code).toBe('INVALID_STATE');
    const n = await env.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'registry.submitted'));
    expect(n[0]!.n).toBeGreaterThanOrEqual(2);
    const queue = await reviewer.get('/api/v1/institutions/console?scope=review');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('the owner cannot review; returning needs a reason; a return keeps it unpublished', async () => {
    expect((await centre.post(`/api/v1/institutions/${id}/approve`)).status).toBe(403);
    expect((await reviewer.post(`/api/v1/institutions/${id}/return`, { reason: '' })).status).toBe(400);
    const res = await reviewer.post(`/api/v1/institutions/${id}/return`, { reason: '请补充认定证书扫描件' });
    expect(res.body).toMatchObject({ status: 'returned', pending: { status: 'returned', reviewNote: '请补充认定证书扫描件' } });
    expect((await reviewer.post(`/api/v1/institutions/${id}/approve`)).body.error.code).toBe('INVALID_STATE');
    expect((await anon.get(`/api/v1/institutions/${id}`)).status).toBe(404);
  });

  it('resubmitted and approved, it is public and found by Chinese search with a snippet', async () => {
    await centre.put(`/api/v1/institutions/${id}`, { content: { ...content, summary: `${content.summary}已上传证书。` } });
    await centre.post(`/api/v1/institutions/${id}/submit`);
    const ok = await reviewer.post(`/api/v1/institutions/${id}/approve`);
    expect(ok.body).toMatchObject({ status: 'published', pending: null });
    const pub = await anon.get(`/api/v1/institutions/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.history).toEqual([]);
    expect(pub.body.details.certificate).toMatchObject({ state: 'expiring' });
    const found = await anon.get(`/api/v1/institutions?q=${encodeURIComponent('甜高粱 评估')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(found.body.items[0].snippet.highlights.length).toBeGreaterThan(0);
    expect((await anon.get('/api/v1/institutions?type=legal')).body.total).toBe(0);
    expect((await anon.get('/api/v1/institutions?type=trading&level=municipal')).body.total).toBe(1);
    const approved = await env.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'registry.approved'));
    expect(approved[0]!.n).toBe(1);
  });

  it('a change to the published entry stays private until approved, and a returned change leaves the public version', async () => {
    const changed = await centre.put(`/api/v1/institutions/${id}`, { content: { ...content, name: '凉州区科技成果转化服务中心' } });
    expect(changed.body).toMatchObject({ status: 'published', pending: { status: 'draft', number: 2 } });
    expect((await anon.get(`/api/v1/institutions/${id}`)).body.content.name).toBe('凉州区技术转移服务中心');
    expect((await rowOf(id)).name).toBe('凉州区技术转移服务中心');
    await centre.post(`/api/v1/institutions/${id}/submit`);
    expect((await anon.get(`/api/v1/institutions/${id}`)).body.content.name).toBe('凉州区技术转移服务中心');
    await reviewer.post(`/api/v1/institutions/${id}/return`, { reason: '更名需提供登记证明' });
    expect((await rowOf(id)).status).toBe('published');
    await centre.post(`/api/v1/institutions/${id}/submit`);
    await reviewer2.post(`/api/v1/institutions/${id}/approve`);
    expect((await anon.get(`/api/v1/institutions/${id}`)).body.content.name).toBe('凉州区科技成果转化服务中心');
    const revs = await env.db.select().from(registryRevisions).where(eq(registryRevisions.entryId, id));
    expect(revs.map((r) => r.status).sort()).toEqual(['approved', 'superseded']);
    expect((await anon.get(`/api/v1/institutions?q=${encodeURIComponent('成果转化服务中心')}`)).body.total).toBe(1);
  });

  it('a reviewer cannot approve their own submission', async () => {
    const org = await createOrg(env.db, { type: 'service_institution' });
    const created = await admin.post('/api/v1/institutions', { organisationId: org.id, content: { ...content, name: '武威市检验检测中心', types: ['testing'] } });
    expect(created.status).toBe(200);
    await admin.post(`/api/v1/institutions/${created.body.id}/submit`);
    const self = await admin.post(`/api/v1/institutions/${created.body.id}/approve`);
    expect(self.body.error.code).toBe('FORBIDDEN');
    expect((await reviewer.post(`/api/v1/institutions/${created.body.id}/approve`)).body.status).toBe('published');
  });

  it('withdrawal hides it from the directory; the bureau must give a reason', async () => {
    expect((await reviewer.post(`/api/v1/institutions/${id}/withdraw`, {})).status).toBe(400);
    const w = await centre.post(`/api/v1/institutions/${id}/withdraw`, {});
    expect(w.body.status).toBe('withdrawn');
    expect((await anon.get(`/api/v1/institutions/${id}`)).status).toBe(404);
    expect((await centre.post(`/api/v1/institutions/${id}/withdraw`, {})).body.error.code).toBe('INVALID_STATE');
    await centre.put(`/api/v1/institutions/${id}`, { content: { ...content, name: '凉州区科技成果转化服务中心' } });
    await centre.post(`/api/v1/institutions/${id}/submit`);
    await reviewer.post(`/api/v1/institutions/${id}/approve`);
    expect((await anon.get(`/api/v1/institutions/${id}`)).status).toBe(200);
  });
});

describe('services, staff, performance, lookups and scoring', () => {
  let id = '';
  let serviceId = '';

  it('services with prices (and 面议) are listed; inactive ones only to the owner', async () => {
    const own = await centre.get('/api/v1/institutions/console');
    id = own.body.items[0].id;
    const a = await centre.post(`/api/v1/institutions/${id}/services`, { category: 'evaluation', name: '科技成果评估', priceFen: 500000, unit: '项' });
    expect(a.status).toBe(200);
    serviceId = a.body.details.services[0].id;
    await centre.post(`/api/v1/institutions/${id}/services`, { category: 'trading', name: '技术交易撮合', priceFen: null, unit: '次', active: false });
    expect((await anon.get(`/api/v1/institutions/${id}`)).body.details.services.map((s: { name: string }) => s.name)).toEqual(['科技成果评估']);
    expect((await centre.get(`/api/v1/institutions/${id}`)).body.details.services).toHaveLength(2);
    const bad = await centre.post(`/api/v1/institutions/${id}/services`, { category: 'cooking', name: 'x', priceFen: -1 });
    expect(bad.status).toBe(400);
    expect((await law.post(`/api/v1/institutions/${id}/services`, { category: 'legal', name: 'x', priceFen: 1 })).status).toBe(404);
    const n = await env.db.select({ n: count() }).from(institutionServices).where(eq(institutionServices.institutionId, id));
    expect(n[0]!.n).toBe(2);
  });

  it('lookups give the institution of an organisation and a listed price', async () => {
    const inst = await institutionOfOrganisation(env.db, centreOrg.id);
    expect(inst).toMatchObject({ id, approved: true, recognitionLevel: 'municipal', types: ['trading', 'evaluation'] });
    expect(await institutionOfOrganisation(env.db, lawOrg.id)).toBeNull();
    expect(await listedServicePrice(env.db, serviceId)).toMatchObject({ priceFen: 500000, listed: true, institutionId: id, organisationId: centreOrg.id });
    await centre.put(`/api/v1/institutions/${id}/services/${serviceId}`, { category: 'evaluation', name: '科技成果评估', priceFen: 600000, unit: '项', active: false });
    expect(await listedServicePrice(env.db, serviceId)).toMatchObject({ priceFen: 600000, listed: false });
    const changes = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'institution.service_update')));
    expect(changes[0]!.changes).toMatchObject({ priceFen: { before: 500000, after: 600000 } });
  });

  it('staff and yearly performance; no future years', async () => {
    const s = await centre.post(`/api/v1/institutions/${id}/staff`, { name: '李经纪', position: '技术经纪人' });
    expect(s.body.details.staff).toHaveLength(1);
    const p = await centre.put(`/api/v1/institutions/${id}/performance/2025`, { dealsCount: 12, contractAmountFen: 1234567800, servedClients: 30 });
    expect(p.body.details.performance[0]).toMatchObject({ year: 2025, dealsCount: 12, contractAmountFen: 1234567800 });
    const future = await centre.put(`/api/v1/institutions/${id}/performance/2030`, { dealsCount: 1, contractAmountFen: 1 });
    expect(future.body.error.fields[0].path).toBe('year');
  });

  it('scores with the default weights, shows who is below standard, and with the bureau’s own weights', async () => {
    expect((await centre.get('/api/v1/institution-scoring/2026')).status).toBe(403);
    const scores = { basics: 80, deals: 40, capacity: 50, management: 60, reputation: 70 };
    await reviewer.put(`/api/v1/institutions/${id}/assessments/2026`, { scores });
    const view = await reviewer.get('/api/v1/institution-scoring/2026');
    expect(view.body).toMatchObject({ isDefault: true, passMark: 60, weights: { basics: 10, deals: 30, capacity: 30, management: 20, reputation: 10 } });
    const row = view.body.rows.find((r: { institution: { id: string } }) => r.institution.id === id);
    // 8 + 12 + 15 + 12 + 7 = 54
    expect(row).toMatchObject({ total: 54, belowStandard: true });
    const badWeights = await reviewer.put('/api/v1/institution-scoring/2026', { weights: { basics: 10, deals: 10, capacity: 10, management: 10, reputation: 10 }, passMark: 50 });
    expect(badWeights.status).toBe(400);
    const mine = await reviewer.put('/api/v1/institution-scoring/2026', { weights: { basics: 20, deals: 20, capacity: 20, management: 20, reputation: 20 }, passMark: 50 });
    const r2 = mine.body.rows.find((r: { institution: { id: string } }) => r.institution.id === id);
    expect(r2).toMatchObject({ total: 60, belowStandard: false });
    expect(mine.body.isDefault).toBe(false);
  });

  it('the scoring XLSX ranks the year’s institutions with weights in the headers and marks those below standard (bureau only)', async () => {
    const res = await reviewer.app.inject({ method: 'GET', url: '/api/v1/institution-scoring/2026/export.xlsx', headers: { cookie: reviewer.cookie! }, remoteAddress: reviewer.remoteAddress });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('基础条件（权重 20）');
    const names = [] as string[];
    ws.eachRow((r, n) => { if (n > 1) names.push(String(r.getCell(2).value)); });
    const mine = names.indexOf('凉州区科技成果转化服务中心');
    expect(mine).toBeGreaterThanOrEqual(0);
    const row = ws.getRow(mine + 2);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(9).value).toBe(60);
    expect(row.getCell(10).value).toBe('否');
    expect((await centre.get('/api/v1/institution-scoring/2026/export.xlsx')).status).toBe(403);
    expect((await reviewer.get('/api/v1/institution-scoring/1999/export.xlsx')).status).toBe(400);
  });

  it('staff linked to a broker show the broker’s grade once the broker profile is published', async () => {
    const b = await login(['broker']);
    const profile = await b.post('/api/v1/brokers', { content: { name: '赵技经', grade: 'senior', expertise: ['技术评估'] } });
    const brokerId = profile.body.id as string;
    const linked = await centre.post(`/api/v1/institutions/${id}/staff`, { name: '赵技经', position: '评估部主任', brokerId });
    const staff = () => linked.body.details.staff.find((x: { name: string }) => x.name === '赵技经');
    expect(staff()).toMatchObject({ brokerId, brokerName: null, brokerGrade: null });
    await b.post(`/api/v1/brokers/${brokerId}/submit`);
    await reviewer.post(`/api/v1/brokers/${brokerId}/approve`);
    const pub = await anon.get(`/api/v1/institutions/${id}`);
    const row = pub.body.details.staff.find((x: { name: string }) => x.name === '赵技经');
    expect(row).toMatchObject({ brokerName: '赵技经', brokerGrade: 'senior' });
    expect(row.phone).toBeUndefined();
    const missing = await centre.post(`/api/v1/institutions/${id}/staff`, { name: '无档案', brokerId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.body.error.fields[0].path).toBe('brokerId');
  });

  it('exports XLSX for the bureau only', async () => {
    const res = await reviewer.get('/api/v1/institutions/export');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(Number(res.headers['x-export-rows'])).toBeGreaterThanOrEqual(2);
    expect((await centre.get('/api/v1/institutions/export')).status).toBe(403);
  });
});

describe('certificate expiry warnings', () => {
  it('warns once per certificate period when a published institution’s certificate expires within 90 days', async () => {
    // Both published institutions' certificates are valid until 2026-08-01: 61 days after the test clock's 2026-06-01.
    expect(await warnExpiringCertificates(env.db, env.clock.now())).toBe(2);
    expect(await warnExpiringCertificates(env.db, env.clock.now())).toBe(0);
    const n = await env.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'registry.certificate_expiring'));
    expect(n[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
