import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { matchImpressions } from '../../server/modules/matchmaking/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement, createDemand } from '../support/listing-factory.js';

const env = await setupTestEnv();

const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区畜牧兽医研究所' });
const dairy = await createOrg(env.db, { name: '凉州区金牧奶业有限公司' });
const sheep = await createOrg(env.db, { name: '凉州区滩羊养殖专业合作社' });
const person = (roles: Role[], organisationId?: string) => createUser(env.db, { roles, organisationId });
const farmUser = await person(['org_admin', 'researcher'], farm.id);
const dairyUser = await person(['org_admin', 'enterprise_member'], dairy.id);
const sheepUser = await person(['enterprise_member'], sheep.id);
const reviewer = await person(['reviewer']);
const broker = await person(['broker']);
const login = async (u: { username: string }) => signIn(env.app, u.username, PASSWORD);

const silage = await createAchievement(
  env.db,
  { title: '全混合日粮青贮调制技术', summary: '适合规模奶牛场与肉羊场的全混合日粮青贮调制技术，提高饲料利用率，降低精料消耗和饲喂成本。', industrySection: 'A' },
  { organisationId: farm.id },
);
const vaccine = await createAchievement(
  env.db,
  { title: '羊传染性脓疱病弱毒疫苗', summary: '羊口疮弱毒疫苗的生产工艺与免疫程序，保护率达到百分之九十以上，适合基层规模羊场推广。', industrySection: 'A' },
  { organisationId: farm.id },
);
const demand = await createDemand(
  env.db,
  { title: '乳品加工废水处理与回用', problem: '乳品加工厂清洗废水有机物浓度高，需要低能耗的处理与回用工艺，满足排放标准并节约用水。', industrySection: 'C' },
  { organisationId: dairy.id },
);

async function at(iso: string) {
  env.clock.set(iso);
}
const open = async (u: { username: string }, body: Record<string, unknown>) =>
  (await (await login(u)).post('/api/v1/matchmaking/cases', { origin: 'match', message: '希望进一步了解技术细节与合作方式。', ...body })).body.id as string;
const move = async (u: { username: string }, id: string, step: string, body: Record<string, unknown> = {}) => {
  const res = await (await login(u)).post(`/api/v1/matchmaking/cases/${id}/${step}`, body);
  expect(res.status).toBe(200);
};

// May 2026: one case all the way to agreement (industry A, from the achievement).
await at('2026-05-10T02:00:00Z');
const agreed = await open(dairyUser, { achievementId: silage.id });
await move(farmUser, agreed, 'accept');
await move(dairyUser, agreed, 'negotiation');
await move(farmUser, agreed, 'agreement', { note: '签订技术服务合同，在两个牧场示范。' });
// 1 June 01:00 in the district (still 31 May in UTC): a June case.
await at('2026-05-31T17:00:00Z');
await open(dairyUser, { achievementId: vaccine.id });
// June: the farm asks about the dairy's demand (industry C), gets in touch, gives up on price.
await at('2026-06-12T02:00:00Z');
const closed = await open(farmUser, { achievementId: silage.id, demandId: demand.id });
await move(dairyUser, closed, 'accept');
await move(farmUser, closed, 'close', { reason: 'price' });
const brokered = await open(sheepUser, { achievementId: silage.id });
await (await login(reviewer)).post(`/api/v1/matchmaking/cases/${brokered}/broker`, { brokerUserId: broker.id });
// Outside the period.
await at('2026-07-02T02:00:00Z');
await open(sheepUser, { achievementId: vaccine.id });

// Suggestions shown (written by the matching API in production).
const shown = (iso: string, industrySection: string | null) => ({ direction: 'demand_to_achievement', resultIds: [], industrySection, createdAt: new Date(iso) });
await env.db
  .insert(matchImpressions)
  .values([
    shown('2026-05-03T02:00:00Z', 'A'),
    shown('2026-05-20T02:00:00Z', 'A'),
    shown('2026-05-31T15:59:59Z', 'A'),
    shown('2026-06-05T02:00:00Z', 'C'),
    shown('2026-06-30T15:00:00Z', 'C'),
    shown('2026-06-30T16:00:00Z', 'C'), // 1 July in the district
  ]);

const period = 'from=2026-05-01&to=2026-06-30';
const counts = (g: Record<string, unknown>) => [g.shown, g.interest, g.contact, g.negotiation, g.agreement, g.closed];

describe('the matchmaking funnel', () => {
  it('counts by district month: suggestions shown, then cases opened in the period by how far they got', async () => {
    const r = await (await login(reviewer)).get(`/api/v1/matchmaking/funnel?${period}&groupBy=month`);
    expect(r.status).toBe(200);
    expect(r.body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-05', '2026-06']);
    expect(counts(r.body.groups[0])).toEqual([3, 1, 1, 1, 1, 0]);
    expect(counts(r.body.groups[1])).toEqual([2, 3, 1, 0, 0, 1]);
    expect(counts(r.body.total)).toEqual([5, 4, 2, 1, 1, 1]);
  });

  it('counts by industry section and by broker', async () => {
    const rev = await login(reviewer);
    const byIndustry = (await rev.get(`/api/v1/matchmaking/funnel?${period}&groupBy=industry`)).body;
    expect(byIndustry.groups.map((g: { key: string; label: string }) => [g.key, g.label, ...counts(g)])).toEqual([
      ['A', expect.stringContaining('农'), 3, 3, 1, 1, 1, 0],
      ['C', expect.stringContaining('制造'), 2, 1, 1, 0, 0, 1],
    ]);
    const byBroker = (await rev.get(`/api/v1/matchmaking/funnel?${period}&groupBy=broker`)).body;
    expect(byBroker.groups.map((g: { key: string | null; label: string }) => [g.key, g.label, ...counts(g)])).toEqual([
      [broker.id, broker.displayName, null, 1, 0, 0, 0, 0],
      [null, '未分配经纪人', null, 3, 2, 1, 1, 1],
    ]);
    expect(byBroker.total.shown).toBeNull();
  });

  it('defaults to the last twelve months by month, and refuses a reversed period', async () => {
    const rev = await login(reviewer);
    const r = (await rev.get('/api/v1/matchmaking/funnel')).body;
    expect([r.from, r.to, r.groupBy, r.groups.length]).toEqual(['2025-08-01', '2026-07-02', 'month', 12]);
    expect(r.total.interest).toBe(5);
    const bad = await rev.get('/api/v1/matchmaking/funnel?from=2026-07-01&to=2026-06-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('to');
    expect((await rev.get('/api/v1/matchmaking/funnel?groupBy=region')).status).toBe(400);
  });

  it('is the bureau’s only', async () => {
    for (const u of [dairyUser, broker]) {
      expect((await (await login(u)).get(`/api/v1/matchmaking/funnel?${period}`)).status).toBe(403);
      expect((await (await login(u)).get(`/api/v1/matchmaking/funnel/export?${period}`)).status).toBe(403);
    }
  });

  it('exports the same figures as XLSX with Chinese headers', async () => {
    const res = await (await login(reviewer)).get(`/api/v1/matchmaking/funnel/export?${period}&groupBy=industry`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const res2 = await env.app.inject({ method: 'GET', url: `/api/v1/matchmaking/funnel/export?${period}&groupBy=industry`, headers: { cookie: (await login(reviewer)).cookie! } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res2.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('对接漏斗')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(String(rows[0]![0])).toContain('2026-05-01 至 2026-06-30');
    expect(rows[1]).toEqual(['行业门类', '推荐展示次数', '表达意向', '建立联系', '进入洽谈', '达成协议', '未达成关闭', '意向→协议转化率']);
    expect(rows[2]!.slice(1)).toEqual([3, 3, 1, 1, 1, 0, '33.3%']);
    expect(String(rows[2]![0])).toMatch(/^A /);
    expect(rows[3]!.slice(1)).toEqual([2, 1, 1, 0, 0, 1, '0.0%']);
    expect(rows[4]).toEqual(['合计', 5, 4, 2, 1, 1, 1, '25.0%']);
  });
});
