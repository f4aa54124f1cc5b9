import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { researcherRewards, transformationIncomes } from '../../server/modules/contracts/schema.js';
import { signIn } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

const env = await setupTestEnv();
const login = (u: { username: string }) => signIn(env.app, u.username, PASSWORD);

const institute = await createOrg(env.db, { type: 'research_institute', name: '武威市农业科学研究院' });
const other = await createOrg(env.db);
const researcher = await createUser(env.db, { roles: ['researcher'], organisationId: institute.id });
const outsider = await createUser(env.db, { roles: ['org_admin'], organisationId: other.id });
const reviewer = await createUser(env.db, { roles: ['reviewer'] });
const member = await createUser(env.db, { roles: ['enterprise_member'], organisationId: institute.id });

const achievement = await createAchievement(
  env.db,
  {
    title: '酿酒葡萄抗寒栽培技术',
    summary: '适用于河西走廊的酿酒葡萄抗寒栽培与越冬管理技术体系，减少埋土用工并提高成活率，已在凉州区葡萄园示范。',
    completers: [
      { name: '李研究员', share: 50 },
      { name: '王工程师', share: 30 },
      { name: '赵博士', share: 20 },
    ],
  },
  { organisationId: institute.id },
);

const me = await login(researcher);

async function income(body: Record<string, unknown>) {
  const res = await me.post('/api/v1/rewards/incomes', { achievementId: achievement.id, receivedOn: '2026-05-10', ...body });
  expect(res.status).toBe(200);
  return res.body;
}

describe('transformation income', () => {
  it('records income with the achievement’s people and their shares', async () => {
    const i = await income({ kind: 'transfer', grossFen: 100_000_000, costsFen: 4_000_000 });
    expect(i).toMatchObject({ kind: 'transfer', netFen: 96_000_000, reward: null });
    expect(i.people.map((p: { share: number }) => p.share)).toEqual([50, 30, 20]);
  });

  it.each([
    ['costs above the income', { kind: 'transfer', grossFen: 100, costsFen: 200 }, 'costsFen'],
    ['equity without shares', { kind: 'equity', grossFen: 100 }, 'shares'],
    ['operating profit without its year', { kind: 'operating_profit', grossFen: 100 }, 'profitYear'],
    ['a contract that is not registered', { kind: 'licence', grossFen: 100, contractId: '00000000-0000-4000-8000-000000000000' }, 'contractId'],
  ])('refuses %s and stores nothing', async (_n, body, field) => {
    const [before] = await env.db.select({ n: count() }).from(transformationIncomes);
    const res = await me.post('/api/v1/rewards/incomes', { achievementId: achievement.id, receivedOn: '2026-05-10', ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    const [after] = await env.db.select({ n: count() }).from(transformationIncomes);
    expect(after!.n).toBe(before!.n);
  });

  it('keeps another organisation’s achievement and income out of reach', async () => {
    const out = await login(outsider);
    expect((await out.post('/api/v1/rewards/incomes', { achievementId: achievement.id, kind: 'transfer', receivedOn: '2026-05-10', grossFen: 1 })).status).toBe(400);
    const i = await income({ kind: 'licence', grossFen: 1000 });
    expect((await out.get(`/api/v1/rewards/incomes/${i.id}`)).status).toBe(404);
    expect((await (await login(member)).post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 5000 })).status).toBe(403);
    expect((await (await login(reviewer)).get(`/api/v1/rewards/incomes/${i.id}`)).status).toBe(200);
  });
});

describe('rewards', () => {
  it('shows the working, records the reward allocated to the fen, and refuses a second one', async () => {
    const i = await income({ kind: 'transfer', grossFen: 100_000_001, costsFen: 0 });
    const calc = await me.post(`/api/v1/rewards/incomes/${i.id}/calculation`, { rateBp: 6000 });
    expect(calc.body).toMatchObject({ baseFen: 100_000_001, totalFen: 60_000_001, belowMinimum: false, minimumBp: 5000 });
    expect(calc.body.allocation.map((a: { amountFen: number }) => a.amountFen)).toEqual([30_000_001, 18_000_000, 12_000_000]);
    expect(calc.body.working.length).toBeGreaterThan(3);
    const saved = await me.post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 6000 });
    expect(saved.body.reward).toMatchObject({ rateBp: 6000, totalFen: 60_000_001 });
    expect(saved.body.reward.allocation.reduce((s: number, a: { amountFen: number }) => s + a.amountFen, 0)).toBe(60_000_001);
    expect((await me.post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 6000 })).body.error.code).toBe('CONFLICT');
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'reward.record'));
    expect(audit).toBeDefined();
  });

  it('refuses a rate below the minimum unless a reason is recorded', async () => {
    const i = await income({ kind: 'licence', grossFen: 10_000_000 });
    const refused = await me.post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 3000 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].path).toBe('belowMinimumReason');
    expect(await env.db.select().from(researcherRewards).where(eq(researcherRewards.incomeId, i.id))).toHaveLength(0);
    const unitRule = await me.post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 6000, unitRuleBp: 7000 });
    expect(unitRule.body.error.fields[0].path).toBe('belowMinimumReason');
    const ok = await me.post(`/api/v1/rewards/incomes/${i.id}/reward`, { rateBp: 3000, belowMinimumReason: '经职工代表大会通过，其余部分用于成果后续研发' });
    expect(ok.body.reward).toMatchObject({ rateBp: 3000, minimumBp: 5000, totalFen: 3_000_000 });
  });

  it('rewards operating profit at 5% or more within the 3–5 year period', async () => {
    const late = await income({ kind: 'operating_profit', grossFen: 50_000_000, costsFen: 0, profitYear: 6 });
    expect((await me.post(`/api/v1/rewards/incomes/${late.id}/reward`, { rateBp: 500, rewardYears: 5 })).body.error.fields[0].path).toBe('profitYear');
    const y2 = await income({ kind: 'operating_profit', grossFen: 50_000_000, costsFen: 10_000_000, profitYear: 2 });
    const r = await me.post(`/api/v1/rewards/incomes/${y2.id}/reward`, { rateBp: 500, rewardYears: 3 });
    expect(r.body.reward.totalFen).toBe(2_000_000);
  });

  it('records an equity award with its tax-deferral instalments and what is due when', async () => {
    const eq1 = await income({ kind: 'equity', grossFen: 20_000_000, shares: 1_000_001 });
    const tooLong = await me.post(`/api/v1/rewards/incomes/${eq1.id}/reward`, { rateBp: 5000, deferral: { taxFen: 1_000_000, awardedOn: '2026-05-10', years: 6 } });
    expect(tooLong.body.error.fields[0].path).toBe('deferral.years');
    const r = await me.post(`/api/v1/rewards/incomes/${eq1.id}/reward`, { rateBp: 5000, deferral: { taxFen: 1_000_000, awardedOn: '2025-05-10', years: 3 } });
    expect(r.body.reward.totalShares).toBe(500_001);
    expect(r.body.reward.allocation.map((a: { shares: number }) => a.shares)).toEqual([250_001, 150_000, 100_000]);
    expect(r.body.reward.deferral).toEqual([
      { dueOn: '2026-05-10', amountFen: 333_334, state: 'paid_period_over' },
      { dueOn: '2027-05-10', amountFen: 333_333, state: 'due' },
      { dueOn: '2028-05-10', amountFen: 333_333, state: 'upcoming' },
    ]);
    const t = await income({ kind: 'transfer', grossFen: 100 });
    expect((await me.post(`/api/v1/rewards/incomes/${t.id}/reward`, { rateBp: 5000, deferral: { taxFen: 1, awardedOn: '2026-05-10', years: 1 } })).body.error.fields[0].path).toBe('deferral');
  });
});
