import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { facilities } from '../../server/modules/facilities/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { availableSource, sumRecords } from '../../server/modules/plans/indicators/index.js';
import { platforms, registryRevisions } from '../../server/modules/registries/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

/**
 * Innovation platforms (创新平台), the sixth registry kind (plan tasks 3 and
 * 10): the review workflow as for the other kinds, the checks of its own
 * content, the directory's filters (open to enterprises), the link to the
 * host's shared facilities, the plan's computed sources and the XLSX round
 * trip. The generic search and paging are covered in registries-directory.
 */
const env = await setupTestEnv();
const login = async (roles: Role[], organisationId?: string | null) => {
  const u = await createUser(env.db, { roles, organisationId });
  return { user: u, client: await signIn(env.app, u.username, PASSWORD) };
};
const anon = new TestClient(env.app);

const grapeOrg = await createOrg(env.db, { name: '武威葡萄酒产业发展有限公司' });
const pharmaOrg = await createOrg(env.db, { name: '凉州生物制药股份有限公司' });
const pendingOrg = await createOrg(env.db, { status: 'pending' });
const grape = await login(['enterprise_member'], grapeOrg.id);
const grapeAdmin = await login(['org_admin'], grapeOrg.id);
const pharma = await login(['org_admin'], pharmaOrg.id);
const pending = await login(['enterprise_member'], pendingOrg.id);
const researcher = await login(['researcher'], grapeOrg.id);
const reviewer = (await login(['reviewer'])).client;
const reviewer2 = (await login(['reviewer'])).client;
const admin = await login(['bureau_admin']);

const content = {
  name: '武威市酿酒葡萄工程技术研究中心',
  platformType: 'engineering_centre',
  level: 'municipal',
  partners: ['甘肃农业大学', '武威职业学院'],
  techField: 'F09',
  pillarIndustry: 'specialty-forestry-fruit',
  recognisedOn: '2026-04-15',
  recognisedBy: '武威市科学技术局',
  summary: '围绕酿酒葡萄抗寒品种选育、沙地节水栽培和干红酿造工艺开展联合攻关。',
  openToOthers: true,
  sharedResources: '葡萄酒理化分析实验室和小型发酵中试线向区内企业开放。',
};

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
const platformCount = async (orgId: string) => (await env.db.select({ n: count() }).from(platforms).where(eq(platforms.organisationId, orgId)))[0]!.n;
const year = (y: number) => [new Date(`${y - 1}-12-31T16:00:00Z`), new Date(`${y}-12-31T16:00:00Z`)] as const;
async function indicator(name: string, y: number): Promise<number> {
  const s = await availableSource(env.db, name);
  expect(s, name).not.toBeNull();
  const [from, to] = year(y);
  return sumRecords(env.db, s!, from, to);
}
async function publish(client: TestClient, body: unknown): Promise<string> {
  const created = await client.post('/api/v1/platforms', body);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  await client.post(`/api/v1/platforms/${created.body.id}/submit`);
  const ok = await reviewer.post(`/api/v1/platforms/${created.body.id}/approve`);
  expect(ok.body.status).toBe('published');
  return created.body.id;
}

describe('innovation platforms: registration and review', () => {
  let id = '';

  it('an enterprise registers its platform as a draft that is not public, with revision 1 and an audit entry', async () => {
    const res = await grape.client.post('/api/v1/platforms', { content });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    id = res.body.id;
    expect(res.body).toMatchObject({ kind: 'platform', status: 'draft', organisation: { id: grapeOrg.id }, actions: expect.arrayContaining(['edit', 'submit']) });
    expect(res.body.pending).toMatchObject({ number: 1, status: 'draft', content: { partners: ['甘肃农业大学', '武威职业学院'], openToOthers: true } });
    expect((await anon.get(`/api/v1/platforms/${id}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/platforms?q=${encodeURIComponent('酿酒葡萄')}`)).body.total).toBe(0);
    const audits = await env.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'platform.create')));
    expect(audits[0]!.n).toBe(1);
  });

  it('refuses bad content with field errors and creates nothing', async () => {
    const before = await platformCount(pharmaOrg.id);
    const missing = await pharma.client.post('/api/v1/platforms', { content: { name: '', platformType: 'lab', level: 'county' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['content.name', 'content.platformType', 'content.level']));
    const codes = await pharma.client.post('/api/v1/platforms', { content: { ...content, techField: 'F42', pillarIndustry: 'space-mining' } });
    expect(codes.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['content.techField', 'content.pillarIndustry']));
    const shared = await pharma.client.post('/api/v1/platforms', { content: { ...content, sharedResources: null } });
    expect(shared.body.error.fields[0].path).toBe('content.sharedResources');
    const body = await pharma.client.post('/api/v1/platforms', { content: { ...content, recognisedBy: '' } });
    expect(body.body.error.fields[0].path).toBe('content.recognisedBy');
    const partners = await pharma.client.post('/api/v1/platforms', { content: { ...content, partners: Array.from({ length: 31 }, (_, i) => `大学${i}`) } });
    expect(partners.body.error.fields[0].path).toMatch(/^content\.partners/);
    expect(await platformCount(pharmaOrg.id)).toBe(before);
  });

  it('refuses an unverified organisation, another organisation, a role that may not register, and a visitor', async () => {
    expect((await pending.client.post('/api/v1/platforms', { content })).body.error.code).toBe('ORG_NOT_VERIFIED');
    expect((await pharma.client.post('/api/v1/platforms', { organisationId: grapeOrg.id, content })).body.error.code).toBe('FORBIDDEN');
    expect((await researcher.client.post('/api/v1/platforms', { content })).status).toBe(403);
    expect((await anon.post('/api/v1/platforms', { content })).status).toBe(401);
    expect((await pharma.client.put(`/api/v1/platforms/${id}`, { content })).status).toBe(404);
    expect(await platformCount(pendingOrg.id)).toBe(0);
  });

  it('submits; locked while under review; the reviewers are told and see it in their queue', async () => {
    const before = (await env.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'registry.submitted')))[0]!.n;
    const res = await grape.client.post(`/api/v1/platforms/${id}/submit`);
    expect(res.body).toMatchObject({ status: 'submitted', pending: { status: 'submitted' } });
    expect((await grape.client.put(`/api/v1/platforms/${id}`, { content })).body.error.code).toBe('INVALID_STATE');
    expect((await grape.client.post(`/api/v1/platforms/${id}/submit`)).body.error.code).toBe('INVALID_STATE');
    const after = (await env.db.select({ n: count() }).from(notifications).where(eq(notifications.kind, 'registry.submitted')))[0]!.n;
    expect(after).toBeGreaterThan(before);
    expect(ids(await reviewer.get('/api/v1/platforms/console?scope=review'))).toContain(id);
    expect((await grape.client.get('/api/v1/platforms/console?scope=review')).body.error.code).toBe('FORBIDDEN');
    expect(ids(await grapeAdmin.client.get('/api/v1/platforms/console'))).toEqual([id]);
  });

  it('the owner cannot review; returning needs a reason; a returned platform stays private', async () => {
    expect((await grapeAdmin.client.post(`/api/v1/platforms/${id}/approve`)).status).toBe(403);
    expect((await reviewer.post(`/api/v1/platforms/${id}/return`, { reason: '' })).status).toBe(400);
    const res = await reviewer.post(`/api/v1/platforms/${id}/return`, { reason: '请补充认定文件文号' });
    expect(res.body).toMatchObject({ status: 'returned', pending: { status: 'returned', reviewNote: '请补充认定文件文号' } });
    expect((await reviewer.post(`/api/v1/platforms/${id}/approve`)).body.error.code).toBe('INVALID_STATE');
    expect((await anon.get(`/api/v1/platforms/${id}`)).status).toBe(404);
  });

  it('resubmitted and approved, it is public and found by a Chinese word of its summary, its partners or what it shares', async () => {
    await grape.client.put(`/api/v1/platforms/${id}`, { content: { ...content, recognisedBy: '武威市科学技术局（武科发〔2026〕8号）' } });
    await grape.client.post(`/api/v1/platforms/${id}/submit`);
    const ok = await reviewer.post(`/api/v1/platforms/${id}/approve`);
    expect(ok.body).toMatchObject({ status: 'published', pending: null });
    const pub = await anon.get(`/api/v1/platforms/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.history).toEqual([]);
    expect(pub.body.content).toMatchObject({ platformType: 'engineering_centre', level: 'municipal', techField: 'F09', openToOthers: true });
    for (const word of ['抗寒品种', '甘肃农业大学', '发酵中试', '工程技术研究中心']) {
      expect(ids(await anon.get(`/api/v1/platforms?q=${encodeURIComponent(word)}`)), word).toEqual([id]);
    }
    const found = await anon.get(`/api/v1/platforms?q=${encodeURIComponent('节水栽培')}`);
    expect(found.body.items[0].snippet.highlights.length).toBeGreaterThan(0);
    expect(found.body.items[0].facets).toMatchObject({ platformType: 'engineering_centre', level: 'municipal', openToOthers: true });
  });

  it('a change stays private until approved; a returned change leaves the public version', async () => {
    const changed = await grape.client.put(`/api/v1/platforms/${id}`, { content: { ...content, level: 'provincial', name: '甘肃省酿酒葡萄工程技术研究中心' } });
    expect(changed.body).toMatchObject({ status: 'published', pending: { status: 'draft', number: 2 } });
    expect((await anon.get(`/api/v1/platforms/${id}`)).body.content.name).toBe(content.name);
    await grape.client.post(`/api/v1/platforms/${id}/submit`);
    await reviewer.post(`/api/v1/platforms/${id}/return`, { reason: '省级认定须附省科技厅文件' });
    expect((await anon.get(`/api/v1/platforms/${id}`)).body.content.level).toBe('municipal');
    await grape.client.post(`/api/v1/platforms/${id}/submit`);
    await reviewer2.post(`/api/v1/platforms/${id}/approve`);
    expect((await anon.get(`/api/v1/platforms/${id}`)).body.content).toMatchObject({ name: '甘肃省酿酒葡萄工程技术研究中心', level: 'provincial' });
    const revs = await env.db.select().from(registryRevisions).where(and(eq(registryRevisions.kind, 'platform'), eq(registryRevisions.entryId, id)));
    expect(revs.map((r) => r.status).sort()).toEqual(['approved', 'superseded']);
  });

  it('a reviewer cannot approve their own submission', async () => {
    const created = await admin.client.post('/api/v1/platforms', { organisationId: pharmaOrg.id, content: { ...content, name: '凉州中药材院士专家工作站', platformType: 'academician_workstation' } });
    expect(created.status).toBe(200);
    await admin.client.post(`/api/v1/platforms/${created.body.id}/submit`);
    expect((await admin.client.post(`/api/v1/platforms/${created.body.id}/approve`)).body.error.code).toBe('FORBIDDEN');
    expect((await reviewer.post(`/api/v1/platforms/${created.body.id}/approve`)).body.status).toBe('published');
    await reviewer.post(`/api/v1/platforms/${created.body.id}/withdraw`, { reason: '测试数据' });
  });

  it('withdrawal hides it from the directory; the bureau must give a reason; republished after review', async () => {
    expect((await reviewer.post(`/api/v1/platforms/${id}/withdraw`, {})).status).toBe(400);
    expect((await grape.client.post(`/api/v1/platforms/${id}/withdraw`, {})).body.status).toBe('withdrawn');
    expect((await anon.get(`/api/v1/platforms/${id}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/platforms?q=${encodeURIComponent('抗寒品种')}`)).body.total).toBe(0);
    expect((await grape.client.post(`/api/v1/platforms/${id}/withdraw`, {})).body.error.code).toBe('INVALID_STATE');
    await grape.client.put(`/api/v1/platforms/${id}`, { content: { ...content, level: 'provincial', name: '甘肃省酿酒葡萄工程技术研究中心' } });
    await grape.client.post(`/api/v1/platforms/${id}/submit`);
    await reviewer.post(`/api/v1/platforms/${id}/approve`);
    expect((await anon.get(`/api/v1/platforms/${id}`)).status).toBe(200);
  });
});

describe('innovation platforms: directory filters, shared facilities, plan sources', () => {
  let lab = '';
  let closed = '';
  let undated = '';

  it('filters by type, level and "open to enterprises"; drafts never show', async () => {
    lab = await publish(pharma.client, {
      content: {
        name: '甘肃省胃肠道疾病重点实验室', platformType: 'key_lab', level: 'provincial', partners: ['兰州大学第二医院'], techField: 'F02.01', pillarIndustry: 'biopharmaceuticals',
        recognisedOn: '2025-11-20', recognisedBy: '甘肃省科学技术厅', summary: '开展胃肠道肿瘤早诊和重离子治疗协同研究。', openToOthers: true, sharedResources: '病理切片扫描仪、流式细胞仪对外预约。',
      },
    });
    closed = await publish(pharma.client, {
      content: { name: '凉州生物制药企业技术中心', platformType: 'enterprise_tech_centre', level: 'national', recognisedOn: '2026-02-01', recognisedBy: '国家发展和改革委员会', summary: '制剂工艺研究。' },
    });
    undated = await publish(grapeAdmin.client, { content: { name: '凉州区葡萄酒新型研发机构', platformType: 'new_rd_institution', level: 'provincial', summary: '筹建中的研发机构。' } });
    await pharma.client.post('/api/v1/platforms', { content: { name: '凉州生物制药冻干基地（草稿）', platformType: 'industrial_base', level: 'provincial', openToOthers: true, sharedResources: '冻干粉针车间' } });

    const open = await anon.get('/api/v1/platforms?open=true&pageSize=50');
    expect(open.body.items.every((i: { facets: { openToOthers: boolean } }) => i.facets.openToOthers)).toBe(true);
    expect(ids(open)).toEqual(expect.arrayContaining([lab]));
    expect(ids(open)).not.toContain(closed);
    expect(ids(open)).not.toContain(undated);
    expect(ids(await anon.get('/api/v1/platforms?open=false&pageSize=50'))).toEqual(expect.arrayContaining([closed, undated]));
    expect(ids(await anon.get('/api/v1/platforms?type=key_lab'))).toEqual([lab]);
    expect(ids(await anon.get('/api/v1/platforms?level=national'))).toEqual([closed]);
    expect(ids(await anon.get('/api/v1/platforms?type=key_lab&level=national'))).toEqual([]);
    expect(ids(await anon.get(`/api/v1/platforms?open=true&q=${encodeURIComponent('流式细胞仪')}`))).toEqual([lab]);
    expect((await anon.get(`/api/v1/platforms?q=${encodeURIComponent('冻干粉针')}`)).body.total).toBe(0);
    expect((await anon.get('/api/v1/platforms?open=yes')).status).toBe(400);
  });

  it('an open platform links to the host’s published shared facilities; a closed one and unpublished facilities do not show', async () => {
    const hours = { days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' };
    await env.db.insert(facilities).values([
      { organisationId: pharmaOrg.id, kind: 'instrument', name: '流式细胞仪', location: '凉州区工业园 3 号楼', openingHours: hours, status: 'published' },
      { organisationId: pharmaOrg.id, kind: 'lab', name: '病理实验室（审核中）', location: '凉州区工业园 3 号楼', openingHours: hours, status: 'submitted' },
    ]);
    const page = await anon.get(`/api/v1/platforms/${lab}`);
    expect(page.body.details.facilities).toEqual([expect.objectContaining({ name: '流式细胞仪', kind: 'instrument' })]);
    expect((await anon.get(`/api/v1/platforms/${closed}`)).body.details.facilities).toEqual([]);
  });

  it('counts published platforms recognised at each level by recognition year (undated, drafts and withdrawn ones are not counted)', async () => {
    // Provincial: the key lab (2025) and the grape centre (2026-04-15, provincial since its approved change); the undated R&D institution is not counted.
    expect(await indicator('innovation-platforms-provincial', 2025)).toBe(1);
    expect(await indicator('innovation-platforms-provincial', 2026)).toBe(1);
    expect(await indicator('innovation-platforms-national', 2026)).toBe(1);
    expect(await indicator('innovation-platforms-national', 2025)).toBe(0);
    await pharma.client.post(`/api/v1/platforms/${closed}/withdraw`, {});
    expect(await indicator('innovation-platforms-national', 2026)).toBe(0);
  });

  it('exports XLSX in Chinese for the bureau only, and the export imports back as drafts with the same content', async () => {
    const token = (c: TestClient) => ({ cookie: c.cookie! });
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/platforms/export?status=published', headers: token(admin.client) });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect((await grape.client.get('/api/v1/platforms/export')).status).toBe(403);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['平台名称', '平台类型', '级别', '合作高校院所', '技术领域', '主导产业', '对外开放', '开放共享内容']));
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((r, n) => { if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, r.getCell(i + 1).value]))); });
    const labRow = rows.find((r) => r['平台名称'] === '甘肃省胃肠道疾病重点实验室')!;
    expect(labRow).toMatchObject({ 平台类型: '重点实验室', 级别: '省级', 技术领域: '医药生物技术', 主导产业: '生物制药', 对外开放: '是', 合作高校院所: '兰州大学第二医院' });

    // Import it back: the organisation column is read by its credit code.
    const out = new ExcelJS.Workbook();
    const sheet = out.addWorksheet('创新平台');
    const importHeaders = [...headers.slice(0, headers.indexOf('所属单位')), '所属单位（统一社会信用代码或全称）'];
    sheet.addRow(importHeaders);
    sheet.addRow([...importHeaders.slice(0, -1).map((h) => (h === '平台名称' ? '甘肃省胃肠道疾病重点实验室（凉州分中心）' : (labRow[h as string] ?? ''))), pharmaOrg.creditCode]);
    const data = Buffer.from(await out.xlsx.writeBuffer());
    const [file] = await env.db
      .insert(files)
      .values({ uploadedBy: admin.user.id, purpose: 'import', filename: 'platforms.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
      .returning();
    const before = await platformCount(pharmaOrg.id);
    const imported = await admin.client.post('/api/v1/platforms/import', { fileId: file!.id });
    expect(imported.body).toEqual({ created: 1, errors: [] });
    expect(await platformCount(pharmaOrg.id)).toBe(before + 1);
    const [row] = await env.db.select().from(platforms).where(eq(platforms.name, '甘肃省胃肠道疾病重点实验室（凉州分中心）'));
    expect(row).toMatchObject({
      status: 'draft', platformType: 'key_lab', level: 'provincial', partners: ['兰州大学第二医院'], techField: 'F02.01', pillarIndustry: 'biopharmaceuticals',
      recognisedOn: '2025-11-20', recognisedBy: '甘肃省科学技术厅', openToOthers: true, sharedResources: '病理切片扫描仪、流式细胞仪对外预约。',
    });
  });

  it('an import with a bad row names the row and field and creates nothing', async () => {
    const out = new ExcelJS.Workbook();
    const sheet = out.addWorksheet('创新平台');
    sheet.addRow(['平台名称', '平台类型', '级别', '对外开放', '开放共享内容', '所属单位（统一社会信用代码或全称）']);
    sheet.addRow(['凉州区沙产业院士专家工作站', '院士专家工作站', '区级', '否', '', grapeOrg.creditCode]);
    sheet.addRow(['凉州区农机装备工程中心', '工程中心', '县级', '否', '', grapeOrg.creditCode]);
    sheet.addRow(['凉州区日光温室重点实验室', '重点实验室', '市级', '是', '', grapeOrg.creditCode]);
    const data = Buffer.from(await out.xlsx.writeBuffer());
    const [file] = await env.db
      .insert(files)
      .values({ uploadedBy: admin.user.id, purpose: 'import', filename: 'bad.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
      .returning();
    const before = await platformCount(grapeOrg.id);
    const res = await admin.client.post('/api/v1/platforms/import', { fileId: file!.id });
    expect(res.body.created).toBe(0);
    expect(res.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:平台类型', '3:级别', '4:开放共享内容']);
    expect(await platformCount(grapeOrg.id)).toBe(before);
  });
});
