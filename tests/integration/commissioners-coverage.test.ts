import { createHash, randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serviceLogs } from '../../server/modules/commissioners/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
env.clock.set('2026-03-01T02:00:00Z');
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);
const town = async (name: string) => (await env.db.select().from(organisations).where(eq(organisations.name, name)))[0]!;

const huangyang = await town('黄羊镇');
const wunan = await town('武南镇');
const bureau = await person(['bureau_admin']);
const reviewer = await person(['reviewer']);
const station = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广中心' });
const userA = await person(['commissioner'], station.id);
const userB = await person(['commissioner'], station.id);
const unlinked = await person(['commissioner'], station.id);
const outsider = await person(['enterprise_member'], (await createOrg(env.db)).id);

const b0 = await login(bureau);
const village = async (townshipId: string, name: string, flagged: number | null) => (await b0.post('/api/v1/villages', { townshipId, name, povertyFlaggedYear: flagged })).body;
const v1 = await village(huangyang.id, '红柳湾村', 2014);
const v2 = await village(huangyang.id, '杏花沟村', 2014);
const v3 = await village(wunan.id, '柳荫村', 2015);
const v4 = await village(wunan.id, '丰乐村', 2015);
await village(wunan.id, '青禾村', null);
const commissioner = async (name: string, userId: string) =>
  (await b0.post('/api/v1/commissioners', { kind: 'individual', name, expertise: ['日光温室'], homeUnit: station.name, homeOrgId: station.id, legalType: 'individual', userId })).body;
const cA = await commissioner('马建农', userA.id);
const cB = await commissioner('李果树', userB.id);
const assign = async (c: { id: string }, v: { id: string }, startsOn: string, endsOn: string | null = null) =>
  (await b0.post(`/api/v1/commissioners/${c.id}/assignments`, { targetKind: 'village', villageId: v.id, startsOn, endsOn })).body;
const aA1 = await assign(cA, v1, '2026-03-10', '2026-06-30');
await assign(cB, v1, '2026-05-01');
await assign(cA, v2, '2026-04-01', '2026-04-30');
await assign(cB, v3, '2026-08-01');
const wrong = await assign(cA, v4, '2026-03-01');
await b0.post(`/api/v1/commissioner-assignments/${wrong.id}/cancel`, { reason: '选派对象录入错误' });

const PLAN = {
  format: 'chengguo-plan/1',
  code: 'test-coverage-plan',
  title: '测试区科技特派员工作方案',
  issuingBody: '测试区人民政府办公室',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  settings: { atRiskMarginPercent: 10, reportDueDays: 10, reportingFrom: '2026-01-01' },
  tasks: [{ number: 16, title: '实现科技特派员贫困村全覆盖', measures: '向贫困村选派科技特派员。', schedule: { kind: 'continuous' }, leadUnit: 'kejiju' }],
  indicators: [
    { code: 'coverage', task: 16, name: '科技特派员贫困村选派覆盖率', unit: 'percent', aggregation: 'cumulative', source: { kind: 'computed', query: 'commissioner-village-coverage' }, public: true, targets: [{ year: 2027, value: 10000 }] },
  ],
};
const imported = await b0.post('/api/v1/plans/import', { plan: PLAN });
expect(imported.status).toBe(200);
const planId: string = imported.body.id;
const indicatorId: string = imported.body.indicators[0].id;

const coverageOn = async (asOf: string) => (await (await login(reviewer)).get(`/api/v1/commissioners/coverage?asOf=${asOf}`)).body;
/** The plan's coverage figure with the clock at 12:00 Liangzhou time on `day`, and its drill-down. */
async function indicatorOn(day: string, year = Number(day.slice(0, 4))) {
  env.clock.set(`${day}T04:00:00Z`);
  const r = await login(reviewer);
  const dash = await r.get(`/api/v1/plans/${planId}/dashboard?year=${year}`);
  const value = dash.body.indicators.find((i: { code: string }) => i.code === 'coverage');
  const drill = await r.get(`/api/v1/plans/${planId}/indicators/${indicatorId}/records?year=${year}&pageSize=200`);
  return { value, drill: drill.body };
}

describe('coverage as assignments start and end', () => {
  it('counts a poor village covered exactly while an assignment is in force, merging overlaps and ignoring cancelled ones', async () => {
    const before = await coverageOn('2026-03-09');
    expect(before).toMatchObject({ poorVillages: 4, covered: 0, coverageBasisPoints: 0 });
    const first = await coverageOn('2026-03-10');
    expect(first.covered).toBe(1);
    expect(first.coverageBasisPoints).toBe(2500);
    const hy = first.townships.find((t: { id: string }) => t.id === huangyang.id);
    expect(hy).toMatchObject({ poorVillages: 2, covered: 1 });
    expect(hy.villages.find((v: { id: string }) => v.id === v1.id)).toMatchObject({ covered: true, commissioners: [{ id: cA.id, name: '马建农' }] });
    // The non-poor village is not in the coverage at all; the cancelled assignment never counted.
    expect(first.townships.flatMap((t: { villages: { name: string }[] }) => t.villages.map((v) => v.name))).not.toContain('青禾村');
    expect(first.townships.find((t: { id: string }) => t.id === wunan.id).villages.find((v: { id: string }) => v.id === v4.id).covered).toBe(false);

    expect((await coverageOn('2026-04-15')).coverageBasisPoints).toBe(5000);
    const may = await coverageOn('2026-05-01');
    expect(may.covered).toBe(1);
    expect(may.townships.find((t: { id: string }) => t.id === huangyang.id).villages.find((v: { id: string }) => v.id === v1.id).commissioners.map((c: { name: string }) => c.name)).toEqual(['李果树', '马建农']);
    expect((await coverageOn('2026-04-30')).covered).toBe(2);
    expect((await coverageOn('2026-07-01')).covered).toBe(1);
    expect((await coverageOn('2026-08-01')).covered).toBe(2);
    // Without a date: today by the injected clock.
    env.clock.set('2026-04-10T02:00:00Z');
    expect((await (await login(reviewer)).get('/api/v1/commissioners/coverage')).body).toMatchObject({ asOf: '2026-04-10', covered: 2 });
    const xlsx = await (await login(reviewer)).request('GET', '/api/v1/commissioners/coverage/export.xlsx?asOf=2026-04-10');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe('4');
  });

  it('feeds the plan indicator: the figure equals the coverage on the day, and the drill-down lists the villages behind it', async () => {
    const march = await indicatorOn('2026-03-20');
    expect(march.value).toMatchObject({ source: 'computed', value: 2500 });
    expect(march.drill.value).toBe(2500);
    expect(march.drill.items.map((i: { title: string; amount: number }) => [i.title, i.amount])).toEqual([['科技特派员覆盖：黄羊镇红柳湾村', 2500]]);

    const april = await indicatorOn('2026-04-15');
    expect(april.value.value).toBe(5000);
    expect(april.drill.items.map((i: { title: string }) => i.title).sort()).toEqual(['科技特派员覆盖：黄羊镇杏花沟村', '科技特派员覆盖：黄羊镇红柳湾村']);

    // After 杏花沟村's assignment ended: its start and end both listed, netting to zero.
    const june = await indicatorOn('2026-06-15');
    expect(june.value.value).toBe(2500);
    expect(june.drill.items.reduce((s: number, i: { amount: number }) => s + i.amount, 0)).toBe(2500);
    expect(june.drill.items.map((i: { title: string }) => i.title)).toContain('覆盖结束：黄羊镇杏花沟村');
    // A second commissioner in the same village does not count twice, nor does the end of the first one's period.
    expect((await indicatorOn('2026-07-15')).value.value).toBe(2500);
    expect((await indicatorOn('2026-08-15')).value.value).toBe(5000);
    // Month by month: the running figure at each month's end (cumulative), the same coverage levels.
    expect((await indicatorOn('2026-08-15')).value.monthly).toEqual([0, 0, 2500, 5000, 2500, 2500, 2500, 5000, 5000, 5000, 5000, 5000]);
    // The following year the cumulative figure is still the coverage on the day.
    expect((await indicatorOn('2027-02-01')).value.value).toBe(5000);
    env.clock.set('2026-03-01T02:00:00Z');
  });
});

describe('service logs from the field', () => {
  async function photo(user: User, name = '温室番茄整枝现场.jpg') {
    const data = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(name)]);
    const [f] = await env.db
      .insert(files)
      .values({ organisationId: user.organisationId, uploadedBy: user.id, purpose: 'attachment', filename: name, contentType: 'image/jpeg', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
      .returning();
    return f!;
  }
  const body = (over: Record<string, unknown> = {}) => ({
    idempotencyKey: randomUUID(),
    assignmentId: aA1.id,
    category: 'technical_guidance',
    what: '日光温室番茄整枝打杈与水肥一体化现场指导',
    place: '红柳湾村三组温室区',
    beneficiaries: '种植户 12 户',
    beneficiaryCount: 12,
    minutes: 150,
    servedAt: '2026-03-20T09:00:00+08:00',
    ...over,
  });

  it('stores a log with photos once per idempotency key, even under simultaneous retries', async () => {
    env.clock.set('2026-03-21T02:00:00Z');
    const k = await login(userA);
    const pic = await photo(userA);
    const first = body({ photoFileIds: [pic.id] });
    const res = await k.post('/api/v1/commissioner-service-logs', first);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ replayed: false, village: { id: v1.id }, photos: [{ id: pic.id }], commissioner: { id: cA.id } });
    const again = await k.post('/api/v1/commissioner-service-logs', first);
    expect(again.body).toMatchObject({ id: res.body.id, replayed: true });
    const burst = body();
    const answers = await Promise.all(Array.from({ length: 6 }, () => k.post('/api/v1/commissioner-service-logs', burst)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await env.db.select({ n: count() }).from(serviceLogs).where(eq(serviceLogs.idempotencyKey, burst.idempotencyKey)))[0]!.n).toBe(1);
    const img = await k.request('GET', `/api/v1/commissioner-service-logs/${res.body.id}/photos/${pic.id}`);
    expect([img.status, img.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect((await (await login(userB)).request('GET', `/api/v1/commissioner-service-logs/${res.body.id}/photos/${pic.id}`)).status).toBe(404);
    expect((await (await login(reviewer)).request('GET', `/api/v1/commissioner-service-logs/${res.body.id}/photos/${pic.id}`)).status).toBe(200);
    const mine = await k.get('/api/v1/commissioner-service-logs');
    expect(mine.body.total).toBe(2);
    expect((await (await login(userB)).get('/api/v1/commissioner-service-logs')).body.total).toBe(0);
  });

  it('refuses logs outside the assignment, in the future, on others’ assignments, with others’ photos, and from unlinked accounts', async () => {
    env.clock.set('2026-03-21T02:00:00Z');
    const k = await login(userA);
    const n = async () => (await env.db.select({ n: count() }).from(serviceLogs))[0]!.n;
    const before = await n();
    expect((await k.post('/api/v1/commissioner-service-logs', body({ servedAt: '2026-03-09T10:00:00+08:00' }))).body.error.fields[0].path).toBe('servedAt');
    expect((await k.post('/api/v1/commissioner-service-logs', body({ servedAt: '2026-03-22T10:00:00+08:00' }))).body.error.fields[0].path).toBe('servedAt');
    const bAssignment = (await (await login(userB)).get('/api/v1/commissioners/me')).body.assignments[0].id;
    expect((await k.post('/api/v1/commissioner-service-logs', body({ assignmentId: bAssignment }))).body.error.fields[0].path).toBe('assignmentId');
    const othersPhoto = await photo(outsider, '他单位的照片.jpg');
    expect((await k.post('/api/v1/commissioner-service-logs', body({ photoFileIds: [othersPhoto.id] }))).body.error.fields[0].path).toBe('photoFileIds.0');
    expect((await k.post('/api/v1/commissioner-service-logs', body({ minutes: 0 }))).body.error.fields[0].path).toBe('minutes');
    expect((await (await login(unlinked)).post('/api/v1/commissioner-service-logs', body())).status).toBe(403);
    expect((await (await login(reviewer)).post('/api/v1/commissioner-service-logs', body())).status).toBe(403);
    expect(await n()).toBe(before);
  });

  it('gives service statistics per commissioner, township and month', async () => {
    const r = await login(reviewer);
    const s = await r.get('/api/v1/commissioners/statistics?from=2026-03-01&to=2026-03-31');
    expect(s.body.byCommissioner).toEqual([{ commissioner: { id: cA.id, name: '马建农' }, logs: 2, minutes: 300, beneficiaries: 24, villages: 1 }]);
    expect(s.body.byTownship).toEqual([{ township: { id: huangyang.id, name: '黄羊镇' }, logs: 2, minutes: 300, beneficiaries: 24, villages: 1 }]);
    expect(s.body.byMonth).toEqual([{ month: '2026-03', logs: 2, minutes: 300 }]);
    expect((await r.get('/api/v1/commissioners/statistics?from=2026-04-01&to=2026-03-01')).status).toBe(400);
    expect((await (await login(userA)).get('/api/v1/commissioners/statistics?from=2026-03-01&to=2026-03-31')).status).toBe(403);
  });
});
