import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { commissionerAssignments, commissioners, villages } from '../../server/modules/commissioners/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const townshipByName = async (name: string) => (await env.db.select().from(organisations).where(eq(organisations.name, name)))[0]!;
const huangyang = await townshipByName('黄羊镇');
const wunan = await townshipByName('武南镇');
const bureau = await person(['bureau_admin']);
const reviewer = await person(['reviewer']);
const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广中心' });
const commissionerUser = await person(['commissioner'], institute.id);
const plainUser = await person(['researcher'], institute.id);
const enterprise = await createOrg(env.db, { name: '凉州青禾农业科技有限公司' });
const villageCount = async () => (await env.db.select({ n: count() }).from(villages))[0]!.n;

describe('the village register', () => {
  it('adds and changes villages by township with poverty status, and refuses bad ones', async () => {
    const b = await login(bureau);
    const towns = await b.get('/api/v1/villages/townships');
    expect(towns.body.items.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['黄羊镇', '武南镇']));
    const made = await b.post('/api/v1/villages', { townshipId: huangyang.id, name: '红柳湾村', households: 412, povertyFlaggedYear: 2014 });
    expect(made.body).toMatchObject({ name: '红柳湾村', township: { id: huangyang.id, name: '黄羊镇' }, poor: true, povertyLiftedYear: null });
    const before = await villageCount();
    expect((await b.post('/api/v1/villages', { townshipId: huangyang.id, name: '红柳湾村' })).body.error.fields[0].path).toBe('name');
    expect((await b.post('/api/v1/villages', { townshipId: institute.id, name: '杏花沟村' })).body.error.fields[0].path).toBe('townshipId');
    expect((await b.post('/api/v1/villages', { townshipId: wunan.id, name: '杏花沟村', povertyLiftedYear: 2019 })).body.error.fields[0].path).toBe('povertyLiftedYear');
    expect((await b.post('/api/v1/villages', { townshipId: wunan.id, name: '杏花沟村', povertyFlaggedYear: 2016, povertyLiftedYear: 2015 })).body.error.fields[0].path).toBe('povertyLiftedYear');
    expect((await b.post('/api/v1/villages', { townshipId: wunan.id, name: '杏花沟村', code: '12345' })).body.error.fields[0].path).toBe('code');
    expect((await (await login(reviewer)).post('/api/v1/villages', { townshipId: wunan.id, name: '杏花沟村' })).status).toBe(403);
    expect(await villageCount()).toBe(before);

    const lifted = await b.patch(`/api/v1/villages/${made.body.id}`, { povertyLiftedYear: 2019 });
    expect(lifted.body).toMatchObject({ povertyFlaggedYear: 2014, povertyLiftedYear: 2019, poor: true });
    expect((await b.patch(`/api/v1/villages/${made.body.id}`, { povertyFlaggedYear: null })).body.error.fields[0].path).toBe('povertyLiftedYear');
    const list = await (await login(reviewer)).get(`/api/v1/villages?townshipId=${huangyang.id}&poor=true`);
    expect(list.body.items.map((v: { name: string }) => v.name)).toContain('红柳湾村');
    const audits = await env.db.select().from(auditLog).where(eq(auditLog.entityId, made.body.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['village.create', 'village.update']);
  });

  it('imports villages from CSV all or nothing, with every problem by row and column', async () => {
    const b = await login(bureau);
    const template = await b.request('GET', '/api/v1/villages/import-template.csv');
    expect(template.status).toBe(200);
    expect(String(template.headers['content-type'])).toContain('text/csv');
    const bad = ['乡镇,村名,统计代码,户数,贫困村认定年份,脱贫年份', '黄羊镇,白杨树村,,230,2014,', '不存在镇,青禾村,,120,,', '武南镇,柳荫村,,abc,2015,2013', '黄羊镇,白杨树村,,1,,'].join('\n');
    const before = await villageCount();
    const checked = await b.post('/api/v1/villages/import', { csv: bad, commit: true });
    expect(checked.body).toMatchObject({ rows: 4, valid: 1, committed: false, created: 0 });
    expect(checked.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['3:乡镇', '4:户数', '4:脱贫年份', '5:村名']);
    expect(await villageCount()).toBe(before);
    const noColumn = await b.post('/api/v1/villages/import', { csv: '乡镇,户数\n黄羊镇,1', commit: false });
    expect(noColumn.body.errors[0]).toMatchObject({ row: 1, column: '村名' });

    const good = ['\uFEFFtownship,name,households,povertyFlaggedYear,povertyLiftedYear', '黄羊镇,白杨树村,230,2014,', '武南镇,柳荫村,180,2015,2019', '武南镇,丰乐村,300,,', '黄羊镇,红柳湾村,415,2014,2019'].join('\r\n');
    const dry = await b.post('/api/v1/villages/import', { csv: good, commit: false });
    expect(dry.body).toMatchObject({ rows: 4, valid: 4, committed: false, errors: [] });
    expect(await villageCount()).toBe(before);
    const done = await b.post('/api/v1/villages/import', { csv: good, commit: true });
    expect(done.body).toMatchObject({ committed: true, created: 3, updated: 1 });
    expect(await villageCount()).toBe(before + 3);
    const hongliu = (await env.db.select().from(villages).where(eq(villages.name, '红柳湾村')))[0]!;
    expect(hongliu.households).toBe(415);
    expect((await (await login(reviewer)).post('/api/v1/villages/import', { csv: good, commit: true })).status).toBe(403);

    // Statistical codes: once in a file, and not another village's.
    await b.patch(`/api/v1/villages/${hongliu.id}`, { code: '620602101201' });
    const codes = ['乡镇,村名,统计代码', '武南镇,丰乐村,620602101201', '武南镇,柳荫村,620602101999', '黄羊镇,白杨树村,620602101999'].join('\n');
    const clash = await b.post('/api/v1/villages/import', { csv: codes, commit: true });
    expect(clash.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`).sort()).toEqual(['2:统计代码', '4:统计代码']);
    expect(clash.body.committed).toBe(false);
  });
});

describe('commissioners and assignments', () => {
  it('registers persons and teams linked to commissioner accounts, and refuses wrong links', async () => {
    const b = await login(bureau);
    const person = await b.post('/api/v1/commissioners', {
      kind: 'individual',
      name: '马建农',
      expertise: ['设施蔬菜', '节水灌溉'],
      homeUnit: '凉州区农业技术推广中心',
      homeOrgId: institute.id,
      legalType: 'individual',
      userId: commissionerUser.id,
    });
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ kind: 'individual', user: { id: commissionerUser.id }, status: 'active', assignments: [] });
    const n = (await env.db.select({ n: count() }).from(commissioners))[0]!.n;
    expect((await b.post('/api/v1/commissioners', { kind: 'individual', name: '重复关联', expertise: ['果树'], homeUnit: 'x', legalType: 'individual', userId: commissionerUser.id })).body.error.fields[0].path).toBe('userId');
    expect((await b.post('/api/v1/commissioners', { kind: 'individual', name: '无角色', expertise: ['果树'], homeUnit: 'x', legalType: 'individual', userId: plainUser.id })).body.error.fields[0].path).toBe('userId');
    expect((await b.post('/api/v1/commissioners', { kind: 'team', name: '空团队', expertise: ['果树'], homeUnit: 'x', legalType: 'legal_person' })).body.error.fields[0].path).toBe('members');
    expect((await b.post('/api/v1/commissioners', { kind: 'individual', name: '无专长', expertise: [], homeUnit: 'x', legalType: 'individual' })).body.error.fields[0].path).toBe('expertise');
    expect((await (await login(reviewer)).post('/api/v1/commissioners', { kind: 'individual', name: 'x', expertise: ['果树'], homeUnit: 'x', legalType: 'individual' })).status).toBe(403);
    expect((await env.db.select({ n: count() }).from(commissioners))[0]!.n).toBe(n);

    const team = await b.post('/api/v1/commissioners', { kind: 'team', name: '河西肉羊养殖服务团队', members: ['李牧', '王羊倌'], expertise: ['肉羊养殖'], homeUnit: '凉州区畜牧兽医站', legalType: 'legal_person' });
    expect(team.body).toMatchObject({ kind: 'team', members: ['李牧', '王羊倌'], user: null });
    const mine = await (await login(commissionerUser)).get('/api/v1/commissioners/me');
    expect(mine.body.id).toBe(person.body.id);
    expect((await (await login(commissionerUser)).get(`/api/v1/commissioners/${team.body.id}`)).status).toBe(404);
    expect((await (await login(commissionerUser)).get('/api/v1/commissioners')).body.items.map((c: { id: string }) => c.id)).toEqual([person.body.id]);
  });

  it('assigns to villages, enterprises and parks for a period, ends and cancels, and refuses bad assignments', async () => {
    const b = await login(bureau);
    const c = (await b.post('/api/v1/commissioners', { kind: 'individual', name: '赵农科', expertise: ['日光温室'], homeUnit: '凉州区农科所', legalType: 'individual' })).body;
    const v = (await b.post('/api/v1/villages', { townshipId: wunan.id, name: '青禾村', povertyFlaggedYear: 2015 })).body;
    const url = `/api/v1/commissioners/${c.id}/assignments`;
    const a = await b.post(url, { targetKind: 'village', villageId: v.id, startsOn: '2026-03-01', endsOn: '2026-12-31', note: '温室番茄技术服务' });
    expect(a.body).toMatchObject({ targetKind: 'village', village: { id: v.id, township: { id: wunan.id } }, current: true, status: 'active' });
    const before = (await env.db.select({ n: count() }).from(commissionerAssignments))[0]!.n;
    expect((await b.post(url, { targetKind: 'village', villageId: v.id, startsOn: '2026-06-01' })).status).toBe(409);
    expect((await b.post(url, { targetKind: 'village', organisationId: enterprise.id, startsOn: '2026-06-01' })).body.error.fields[0].path).toBe('villageId');
    expect((await b.post(url, { targetKind: 'park', organisationId: enterprise.id, startsOn: '2026-06-01' })).body.error.fields[0].path).toBe('organisationId');
    expect((await b.post(url, { targetKind: 'village', villageId: v.id, startsOn: '2026-06-01', endsOn: '2026-05-01' })).body.error.fields[0].path).toBe('endsOn');
    expect((await (await login(reviewer)).post(url, { targetKind: 'enterprise', organisationId: enterprise.id, startsOn: '2026-06-01' })).status).toBe(403);
    expect((await env.db.select({ n: count() }).from(commissionerAssignments))[0]!.n).toBe(before);

    const ent = await b.post(url, { targetKind: 'enterprise', organisationId: enterprise.id, startsOn: '2026-06-01' });
    expect(ent.body).toMatchObject({ organisation: { id: enterprise.id }, endsOn: null });
    const park = (await env.db.select().from(organisations).where(eq(organisations.type, 'park_committee')))[0]!;
    expect((await b.post(url, { targetKind: 'park', organisationId: park.id, startsOn: '2026-06-01' })).status).toBe(200);

    expect((await b.post(`/api/v1/commissioner-assignments/${a.body.id}/end`, { endsOn: '2026-02-01' })).body.error.fields[0].path).toBe('endsOn');
    expect((await b.post(`/api/v1/commissioner-assignments/${a.body.id}/end`, { endsOn: '2027-02-01' })).body.error.fields[0].path).toBe('endsOn');
    const ended = await b.post(`/api/v1/commissioner-assignments/${a.body.id}/end`, { endsOn: '2026-05-31' });
    expect(ended.body).toMatchObject({ endsOn: '2026-05-31', current: false });
    const cancelled = await b.post(`/api/v1/commissioner-assignments/${ent.body.id}/cancel`, { reason: '录入错误' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await b.post(`/api/v1/commissioner-assignments/${ent.body.id}/cancel`, { reason: '再次' })).status).toBe(409);
    // A retired commissioner is not assigned again.
    await b.patch(`/api/v1/commissioners/${c.id}`, { status: 'retired' });
    expect((await b.post(url, { targetKind: 'village', villageId: v.id, startsOn: '2027-01-01' })).status).toBe(409);
  });

  it('records fees, equity and dividends, by the bureau or the commissioner themself', async () => {
    const b = await login(bureau);
    const mine = (await (await login(commissionerUser)).get('/api/v1/commissioners/me')).body;
    const other = (await b.post('/api/v1/commissioners', { kind: 'individual', name: '钱果农', expertise: ['酿酒葡萄'], homeUnit: '凉州区林业站', legalType: 'individual' })).body;
    const k = await login(commissionerUser);
    const fee = await k.post(`/api/v1/commissioners/${mine.id}/benefits`, { kind: 'fee', organisationId: enterprise.id, enterpriseName: enterprise.name, amountFen: 1_200_000, receivedOn: '2026-05-20' });
    expect(fee.body).toMatchObject({ kind: 'fee', amountFen: 1_200_000 });
    const eq1 = await b.post(`/api/v1/commissioners/${mine.id}/benefits`, { kind: 'equity', enterpriseName: enterprise.name, amountFen: 5_000_000, equityBasisPoints: 500, receivedOn: '2026-04-01' });
    expect(eq1.body.equityBasisPoints).toBe(500);
    expect((await b.post(`/api/v1/commissioners/${mine.id}/benefits`, { kind: 'equity', enterpriseName: 'x', amountFen: 1, receivedOn: '2026-04-01' })).body.error.fields[0].path).toBe('equityBasisPoints');
    expect((await b.post(`/api/v1/commissioners/${mine.id}/benefits`, { kind: 'dividend', enterpriseName: 'x', amountFen: 1, receivedOn: '2026-07-01' })).body.error.fields[0].path).toBe('receivedOn');
    expect((await k.post(`/api/v1/commissioners/${other.id}/benefits`, { kind: 'fee', enterpriseName: 'x', amountFen: 1, receivedOn: '2026-04-01' })).status).toBe(403);
    const list = await k.get(`/api/v1/commissioners/${mine.id}/benefits`);
    expect(list.body.totals).toEqual({ fee: 1_200_000, equity: 5_000_000, dividend: 0 });
    expect((await k.get(`/api/v1/commissioners/${other.id}/benefits`)).status).toBe(404);
  });
});

describe('demo villages', () => {
  it('adds the invented demo set once, leaving villages already registered as they are', async () => {
    const { loadDemoVillages } = await import('../../server/modules/commissioners/demo.js');
    const before = await villageCount();
    const first = await env.db.transaction((tx) => loadDemoVillages(tx, env.clock.now()));
    expect(first).toBeGreaterThan(0);
    expect(await villageCount()).toBe(before + first);
    expect(await env.db.transaction((tx) => loadDemoVillages(tx, env.clock.now()))).toBe(0);
    // 红柳湾村 of 黄羊镇 was registered by the tests above with 415 households: the demo does not overwrite it.
    expect((await env.db.select().from(villages).where(eq(villages.name, '红柳湾村')))[0]!.households).toBe(415);
  });
});
