import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { seedDefaultPlan } from '../../server/modules/plans/seed.js';
import { planMilestones, planReports, plans, planSupervisionItems, planTasks } from '../../server/modules/plans/schema.js';
import { runSupervision } from '../../server/modules/plans/supervise.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement, createDemand } from '../support/listing-factory.js';

const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;

async function orgByCode(code: string) {
  return (await env.db.select().from(organisations).where(eq(organisations.code, code)))[0]!;
}
async function as(roles: Role[], organisationId?: string): Promise<{ user: User; client: TestClient }> {
  const user = await createUser(env.db, { roles, organisationId });
  return { user, client: await signIn(env.app, user.username, PASSWORD) };
}
const again = (u: User) => signIn(env.app, u.username, PASSWORD);

const kejiju = await orgByCode('kejiju');
const nongmuju = await orgByCode('nongmuju');
const admin = await as(['bureau_admin']);
const reviewer = await as(['reviewer']);
const reporter = await as(['dept_reporter'], kejiju.id);
const farmReporter = await as(['dept_reporter'], nongmuju.id);
const enterprise = await createOrg(env.db);
const outsider = await as(['org_admin'], enterprise.id);

let seq = 0;
/** A small plan for 2026–2027 in the plan file format. */
function testPlan(over: Record<string, unknown> = {}) {
  return {
    format: 'chengguo-plan/1',
    code: `test-${Date.now()}-${++seq}`,
    title: '测试区促进科技成果转移转化实施方案',
    issuingBody: '测试区人民政府办公室',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    settings: { atRiskMarginPercent: 10, reportDueDays: 10, reportingFrom: '2026-01-01' },
    tasks: [
      { number: 1, title: '加强科技成果信息汇集', measures: '建立成果信息汇集机制。', schedule: { kind: 'continuous' }, leadUnit: 'kejiju', coUnits: ['nongmuju'] },
      {
        number: 2,
        title: '制定职称评定挂钩制度',
        measures: '制定科技成果转化与职称评定相挂钩制度。',
        schedule: { kind: 'milestones', milestones: [{ title: '制定挂钩制度', dueDate: '2026-03-31', indicator: 'rule', target: 1 }] },
        leadUnit: 'kejiju',
      },
    ],
    indicators: [
      { code: 'achievements', task: 1, name: '平台发布的科技成果', unit: 'count', aggregation: 'yearly', source: { kind: 'computed', query: 'achievements-published' }, public: true, targets: [{ year: 2026, value: 10 }] },
      { code: 'demands', task: 1, name: '平台发布的技术需求', unit: 'count', aggregation: 'cumulative', source: { kind: 'computed', query: 'demands-published' }, targets: [] },
      // A source the platform does not have (a provincial market's figure): shown as reported until it exists.
      { code: 'turnover', task: 1, name: '省技术市场交易额', unit: 'cny', aggregation: 'yearly', source: { kind: 'computed', query: 'provincial-market-turnover' }, targets: [{ year: 2026, value: 50_000_000_000 }] },
      { code: 'institutions', task: 1, name: '技术转移示范机构', unit: 'count', aggregation: 'cumulative', source: { kind: 'reported' }, targets: [{ year: 2026, value: 3 }] },
      { code: 'rule', task: 2, name: '挂钩制度', unit: 'yesno', aggregation: 'cumulative', source: { kind: 'reported' }, targets: [{ year: 2026, value: 1 }] },
    ],
    ...over,
  };
}

async function importTestPlan(over: Record<string, unknown> = {}) {
  const res = await admin.client.post('/api/v1/plans/import', { plan: testPlan(over) });
  expect(res.status).toBe(200);
  return res.body;
}
const planCount = async () => (await env.db.select().from(plans)).length;
const ind = (plan: { indicators: { id: string; code: string }[] }, code: string) => plan.indicators.find((i) => i.code === code)!.id;
const paths = (res: { body: { error: { fields: { path: string }[] } } }) => res.body.error.fields.map((f) => f.path);

describe('the Liangzhou plan file', () => {
  it('loads at start-up when no plan exists, once, with the sixteen tasks and the targets read as in NOTES.md', async () => {
    const ids = await seedDefaultPlan(env.db);
    expect(ids).toHaveLength(1);
    expect(await seedDefaultPlan(env.db)).toEqual([]);
    const res = await admin.client.get(`/api/v1/plans/${ids[0]}`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ code: 'liangzhou-2017', issuedOn: '2017-02-23', startDate: '2017-01-01', endDate: '2020-12-31', issuingBody: '凉州区人民政府办公室' });
    expect(p.tasks.map((t: { number: number }) => t.number)).toEqual([...Array(16)].map((_, i) => i + 1));
    const t = (n: number) => p.tasks.find((x: { number: number }) => x.number === n);
    expect(t(2).units[0]).toMatchObject({ code: 'rensheju', role: 'lead' });
    expect(t(1).coUnitTypes).toEqual(['township', 'subdistrict', 'park_committee']);
    expect(t(5).milestones[0]).toMatchObject({ dueDate: '2019-12-31', indicatorCode: 'demo-zone-municipal', target: 1 });
    const targets = (code: string) => p.indicators.find((i: { code: string }) => i.code === code).targets.map((x: { year: number; value: number }) => [x.year, x.value]);
    expect(targets('contract-turnover')).toEqual([[2017, 50_000_000_000], [2020, 75_000_000_000]]);
    expect(targets('major-achievements')).toEqual([[2017, 3], [2020, 20]]);
    expect(targets('transfer-talents-municipal')).toEqual([[2017, 2], [2020, 10]]);
    expect(targets('maker-spaces-municipal')).toEqual([[2017, 2], [2020, 6]]);
    expect(targets('transfer-institutions-provincial')).toEqual([[2017, 1], [2020, 3]]);
    expect(p.indicators.find((i: { code: string }) => i.code === 'transfer-talents-municipal').note).toMatch(/不确定/);

    const dash = await admin.client.get(`/api/v1/plans/${ids[0]}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.body.year).toBe(2020);
    const source = (code: string) => dash.body.indicators.find((i: { code: string }) => i.code === code).source;
    // Every source the Liangzhou plan names exists now (contracts, registries, commissioners).
    expect(source('contract-turnover')).toBe('computed');
    expect(source('major-achievements')).toBe('computed');
    expect(source('transfer-institutions-provincial')).toBe('computed');
    expect(source('commissioner-village-coverage')).toBe('computed');
    expect(source('achievements-registered')).toBe('computed');
    expect(source('title-evaluation-rule')).toBe('reported');
  });
});

describe('importing a plan file', () => {
  it('imports a valid plan with warnings for queries that have no source yet', async () => {
    const res = await admin.client.post('/api/v1/plans/import', { plan: testPlan() });
    expect(res.status).toBe(200);
    expect(res.body.tasks).toHaveLength(2);
    expect(res.body.warnings.map((w: { path: string }) => w.path)).toEqual(['plan.indicators.2.source.query']);
    const audit = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'plan.import'), eq(auditLog.entityId, res.body.id)));
    expect(audit).toHaveLength(1);
  });

  it('refuses bad files with every error at its JSON path, in Chinese and English, and imports nothing', async () => {
    const before = await planCount();
    const good = testPlan();
    const withIndicator = (i: number, patch: Record<string, unknown>) => ({ ...good, indicators: good.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    const withTask = (i: number, patch: Record<string, unknown>) => ({ ...good, tasks: good.tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    const cases: [unknown, string[]][] = [
      [{ ...good, format: 'other' }, ['plan.format']],
      [{ ...good, startDate: '2026-02-30' }, ['plan.startDate']],
      [withTask(0, { leadUnit: 'no-such-unit', coUnits: ['nongmuju', 'nope-2'] }), ['plan.tasks.0.leadUnit', 'plan.tasks.0.coUnits.1']],
      [withIndicator(0, { task: 9 }), ['plan.indicators.0.task']],
      [withIndicator(0, { targets: [{ year: 2030, value: 1 }] }), ['plan.indicators.0.targets.0.year']],
      [withIndicator(4, { targets: [{ year: 2026, value: 2 }] }), ['plan.indicators.4.targets.0.value']],
      [withIndicator(4, { code: 'achievements' }), ['plan.indicators.4.code', 'plan.tasks.1.schedule.milestones.0.indicator']],
      [withTask(1, { number: 1 }), ['plan.tasks.1.number', 'plan.indicators.4.task']],
      [{ ...withTask(0, { cadence: 'weekly' }), extra: 1 }, ['plan', 'plan.tasks.0.cadence']],
    ];
    for (const [plan, expected] of cases) {
      const res = await admin.client.post('/api/v1/plans/import', { plan });
      expect(res.status, JSON.stringify(expected)).toBe(400);
      expect(paths(res).sort()).toEqual(expected.sort());
    }
    const zh = await admin.client.post('/api/v1/plans/import', { plan: withTask(0, { leadUnit: 'nope' }) });
    expect(zh.body.error.fields[0].message).toMatch(/组织机构中没有代码为 nope 的单位/);
    const shape = await admin.client.post('/api/v1/plans/import', { plan: { ...good, title: 'x' } });
    expect(shape.body.error.fields[0]).toMatchObject({ path: 'plan.title', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await planCount()).toBe(before);
  });

  it('refuses a code already used (409), a non-admin (403), and an upload that is not JSON', async () => {
    const p = testPlan();
    expect((await admin.client.post('/api/v1/plans/import', { plan: p })).status).toBe(200);
    const dup = await admin.client.post('/api/v1/plans/import', { plan: p });
    expect(dup.status).toBe(409);
    expect(paths(dup)).toEqual(['plan.code']);
    expect((await reviewer.client.post('/api/v1/plans/import', { plan: testPlan() })).status).toBe(403);
    expect((await admin.client.post('/api/v1/plans/import', { fileId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
  });
});

describe('computed indicators and drill-down', () => {
  it('counts published achievements by year of publication and the drill-down sums to the figure', async () => {
    const plan = await importTestPlan();
    const org = await createOrg(env.db);
    for (const d of ['2026-01-15T02:00:00Z', '2026-03-03T02:00:00Z', '2026-03-20T02:00:00Z', '2025-12-31T15:59:00Z']) {
      await createAchievement(env.db, { title: `甜高粱青贮技术 ${d}`, summary: '针对河西走廊干旱少雨条件选育的饲用甜高粱节水栽培技术，亩产鲜草八吨以上。' }, { organisationId: org.id, publishedAt: new Date(d) });
    }
    await createAchievement(env.db, { title: '草稿成果', summary: '尚未发布的草稿成果，不应计入已发布成果的统计数字之中。' }, { organisationId: org.id, status: 'draft' });
    await createDemand(env.db, { title: '青贮保鲜工艺需求', problem: '合作社自产甜高粱青贮后二次发酵严重，需要低成本保鲜方案。' }, { organisationId: org.id, publishedAt: new Date('2026-02-01T02:00:00Z') });

    const dash = await reviewer.client.get(`/api/v1/plans/${plan.id}/dashboard`);
    expect(dash.status).toBe(200);
    const a = dash.body.indicators.find((i: { code: string }) => i.code === 'achievements');
    // Other test files' listings do not exist here: each file has its own database.
    const base = (await reviewer.client.get(`/api/v1/plans/${plan.id}/indicators/${a.id}/records?year=2026&pageSize=200`)).body;
    expect(a).toMatchObject({ source: 'computed', targetThisYear: 10, status: expect.any(String) });
    expect(a.value).toBe(base.value);
    expect(base.items.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(a.value);
    // 15:59Z on 31 December is 23:59 that day in Wuwei: it counts for 2025, not 2026.
    expect(base.items.some((r: { title: string }) => r.title.includes('2025-12-31'))).toBe(false);
    expect(base.items.filter((r: { title: string }) => r.title.startsWith('甜高粱青贮技术'))).toHaveLength(3);
    expect(a.monthly).toHaveLength(12);
    expect(a.monthly.reduce((s: number, m: number) => s + m, 0)).toBe(a.value);
    expect(a.monthly[2]).toBeGreaterThanOrEqual(2);
    const y2025 = await reviewer.client.get(`/api/v1/plans/${plan.id}/indicators/${a.id}/records?year=2025`);
    expect(y2025.body.value).toBe(y2025.body.items.reduce((s: number, r: { amount: number }) => s + r.amount, 0));
    expect(y2025.body.items.some((r: { title: string }) => r.title.includes('2025-12-31'))).toBe(true);

    const turnover = dash.body.indicators.find((i: { code: string }) => i.code === 'turnover');
    expect(turnover).toMatchObject({ source: 'reported_no_source', value: 0, targetThisYear: 50_000_000_000, monthly: null });
    // 1 June 02:00Z: 151 days and 10 hours of 2026 have passed in Wuwei.
    const elapsed = Date.parse('2026-06-01T02:00:00Z') - Date.parse('2025-12-31T16:00:00Z');
    expect(turnover.expected).toBe(Number((50_000_000_000n * BigInt(elapsed)) / BigInt(365 * 86_400_000)));
    expect(turnover.status).toBe('at_risk');
  });

  it('shows only public indicators on the public statistics page', async () => {
    const res = await new TestClient(env.app).get('/api/v1/public/plans/current/statistics');
    expect(res.status).toBe(200);
    expect(res.body.indicators.every((i: { code: string }) => i.code !== 'demands' && i.code !== 'obligations-accepted')).toBe(true);
  });
});

describe('progress reports', () => {
  it('runs submit → returned → submit → accepted, audited, and the accepted figure reaches the dashboard and its drill-down', async () => {
    const plan = await importTestPlan();
    const task1 = plan.tasks.find((t: { number: number }) => t.number === 1);
    const url = `/api/v1/plans/${plan.id}/tasks/${task1.id}/reports`;
    const body = { period: '2026-Q1', narrative: '一季度组织成果对接会两场，新建技术转移示范机构两家。', figures: [{ indicatorId: ind(plan, 'institutions'), value: 2 }] };
    const sub = await reporter.client.post(url, body);
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', period: '2026-Q1', organisation: { id: kejiju.id }, figures: [{ code: 'institutions', value: 2 }], actions: [] });
    expect((await reporter.client.post(url, body)).status).toBe(409);

    const ret = await reviewer.client.post(`/api/v1/plan-reports/${sub.body.id}/return`, { note: '请附机构认定文件。' });
    expect(ret.body).toMatchObject({ status: 'returned', reviewNote: '请附机构认定文件。' });
    expect((await reporter.client.get(`/api/v1/plan-reports/${sub.body.id}`)).body.actions).toEqual(['submit']);
    const re = await reporter.client.post(url, { ...body, figures: [{ indicatorId: ind(plan, 'institutions'), value: 3 }] });
    expect(re.body).toMatchObject({ id: sub.body.id, status: 'submitted' });
    const acc = await reviewer.client.post(`/api/v1/plan-reports/${sub.body.id}/acceptance`, {});
    expect(acc.body.status).toBe('accepted');
    expect((await reviewer.client.post(`/api/v1/plan-reports/${sub.body.id}/acceptance`, {})).status).toBe(409);
    expect((await reporter.client.post(url, body)).status).toBe(409);

    const actions = (await env.db.select().from(auditLog).where(eq(auditLog.entityId, sub.body.id))).map((a) => a.action);
    expect(actions).toEqual(['plan_report.submit', 'plan_report.return', 'plan_report.resubmit', 'plan_report.accept']);
    const told = await env.db.select().from(notifications).where(and(eq(notifications.userId, reporter.user.id), inArray(notifications.kind, ['plan_report.returned', 'plan_report.accepted'])));
    expect(told).toHaveLength(2);

    const dash = await reviewer.client.get(`/api/v1/plans/${plan.id}/dashboard`);
    const inst = dash.body.indicators.find((i: { code: string }) => i.code === 'institutions');
    expect(inst).toMatchObject({ source: 'reported', value: 3, status: 'reached', lastReport: { id: sub.body.id, status: 'accepted' } });
    const drill = await reviewer.client.get(`/api/v1/plans/${plan.id}/indicators/${inst.id}/records`);
    expect(drill.body).toMatchObject({ source: 'reported', value: 3, total: 1, items: [{ kind: 'report', id: sub.body.id, amount: 3 }] });

    // A co-responsible unit's figures add up; the drill-down still sums to the figure.
    const co = await farmReporter.client.post(url, { ...body, figures: [{ indicatorId: ind(plan, 'institutions'), value: 1 }] });
    await reviewer.client.post(`/api/v1/plan-reports/${co.body.id}/acceptance`, {});
    const drill2 = await reviewer.client.get(`/api/v1/plans/${plan.id}/indicators/${inst.id}/records`);
    expect(drill2.body.value).toBe(4);
    expect(drill2.body.items.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(4);
  });

  it('refuses bad reports, naming the field and saving nothing', async () => {
    const plan = await importTestPlan();
    const task1 = plan.tasks.find((t: { number: number }) => t.number === 1);
    const url = `/api/v1/plans/${plan.id}/tasks/${task1.id}/reports`;
    const ok = { period: '2026-Q1', narrative: '一季度组织成果对接会两场，推进成果登记。' };
    const foreignFile = await env.db.execute<{ id: string }>(
      (await import('drizzle-orm')).sql`INSERT INTO files (organisation_id, purpose, filename, content_type, size_bytes, sha256, data) VALUES (${enterprise.id}, 'attachment', 'x.pdf', 'application/pdf', 4, 'x', '\\x25504446'::bytea) RETURNING id`,
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, period: '2026-03' }, 'period'],
      [{ ...ok, period: '2026-Q4' }, 'period'],
      [{ ...ok, period: '2025-Q4' }, 'period'],
      [{ ...ok, figures: [{ indicatorId: ind(plan, 'achievements'), value: 1 }] }, 'figures.0.indicatorId'],
      [{ ...ok, figures: [{ indicatorId: ind(plan, 'rule'), value: 1 }] }, 'figures.0.indicatorId'],
      [{ ...ok, evidenceFileIds: [foreignFile.rows[0]!.id] }, 'evidenceFileIds.0'],
      [{ ...ok, narrative: '太短' }, 'narrative'],
    ];
    for (const [body, field] of cases) {
      const res = await reporter.client.post(url, body);
      expect(res.status, field).toBe(400);
      expect(paths(res)).toContain(field);
    }
    const task2 = plan.tasks.find((t: { number: number }) => t.number === 2);
    const yesno = await reporter.client.post(`/api/v1/plans/${plan.id}/tasks/${task2.id}/reports`, { ...ok, figures: [{ indicatorId: ind(plan, 'rule'), value: 2 }] });
    expect(paths(yesno)).toEqual(['figures.0.value']);
    // nongmuju is not responsible for task 2; an enterprise is responsible for nothing; the bureau does not report.
    expect((await farmReporter.client.post(`/api/v1/plans/${plan.id}/tasks/${task2.id}/reports`, ok)).status).toBe(403);
    expect((await outsider.client.post(url, ok)).status).toBe(403);
    expect((await reviewer.client.post(url, ok)).status).toBe(403);
    expect(await env.db.select().from(planReports).where(eq(planReports.planId, plan.id))).toHaveLength(0);
    // Units read only their own reports.
    const mine = await reporter.client.post(url, ok);
    expect((await farmReporter.client.get(`/api/v1/plan-reports/${mine.body.id}`)).status).toBe(403);
    expect((await farmReporter.client.get(`/api/v1/plans/${plan.id}/reports`)).body.total).toBe(0);
    expect((await reviewer.client.post(`/api/v1/plan-reports/${mine.body.id}/return`, { note: ' ' })).status).toBe(400);
  });
});

describe('supervision (督办)', () => {
  it('raises missing reports and overdue milestones, escalates 1 → 2 → 3 with reminders, and resolves on submission', async () => {
    env.clock.set('2026-04-11T01:00:00Z'); // Q1 reports were due on 10 April (district time)
    const adminAgain = await again(admin.user);
    const res = await adminAgain.post('/api/v1/plans/import', { plan: testPlan() });
    expect(res.status).toBe(200);
    const planId = res.body.id;
    // Only this plan is active for the round.
    await env.db.update(plans).set({ status: 'archived' }).where(and(eq(plans.status, 'active'), inArray(plans.id, (await env.db.select({ id: plans.id }).from(plans)).map((p) => p.id).filter((id) => id !== planId))));
    const items = async () => env.db.select().from(planSupervisionItems).where(eq(planSupervisionItems.planId, planId));

    expect(await runSupervision(env.db, env.clock.now())).toBeGreaterThan(0);
    let open = (await items()).filter((i) => !i.resolvedAt);
    // Task 1: kejiju and nongmuju owe 2026-Q1; task 2: kejiju owes 2026-Q1 and its milestone (due 31 March) is overdue.
    expect(open.map((i) => `${i.kind}:${i.period ?? 'milestone'}:${i.level}`).sort()).toEqual([
      'missing_report:2026-Q1:1',
      'missing_report:2026-Q1:1',
      'missing_report:2026-Q1:1',
      'overdue_milestone:milestone:2',
    ]);
    const reminded = await env.db.select().from(notifications).where(and(eq(notifications.userId, reporter.user.id), eq(notifications.kind, 'plan.supervision_1')));
    expect(reminded.length).toBe(2);
    // Running again the same day sends nothing new.
    expect(await runSupervision(env.db, env.clock.now())).toBe(0);

    env.clock.advance(7 * 86_400);
    await runSupervision(env.db, env.clock.now());
    open = (await items()).filter((i) => !i.resolvedAt);
    expect(open.filter((i) => i.kind === 'missing_report').every((i) => i.level === 2)).toBe(true);
    const bureauTold = await env.db.select().from(notifications).where(and(eq(notifications.userId, reviewer.user.id), eq(notifications.kind, 'plan.supervision_2')));
    expect(bureauTold.length).toBeGreaterThan(0);

    env.clock.advance(7 * 86_400);
    await runSupervision(env.db, env.clock.now());
    open = (await items()).filter((i) => !i.resolvedAt);
    expect(open.every((i) => i.level === 3)).toBe(true);

    const sup = await (await again(reviewer.user)).get(`/api/v1/plans/${planId}/supervision`);
    expect(sup.status).toBe(200);
    expect(sup.body.total).toBe(4);
    expect(sup.body.items[0]).toMatchObject({ kind: 'overdue_milestone', level: 3, daysOverdue: 25, milestone: '制定挂钩制度' });
    expect(sup.body.items[1]).toMatchObject({ kind: 'missing_report', level: 3, daysOverdue: 15, period: '2026-Q1' });
    const rc = await again(reviewer.user);
    const xlsx = await env.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/supervision/export.xlsx`, headers: { cookie: rc.cookie! } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('督办事项')!.rowCount).toBe(5);

    // Submitting closes the unit's item at once; the dashboard shows the units' status.
    const [task1] = await env.db.select().from(planTasks).where(and(eq(planTasks.planId, planId), eq(planTasks.number, 1)));
    const rep = await again(reporter.user);
    const s = await rep.post(`/api/v1/plans/${planId}/tasks/${task1!.id}/reports`, { period: '2026-Q1', narrative: '一季度组织成果对接会两场，推进成果登记。' });
    expect(s.status).toBe(200);
    expect((await items()).filter((i) => !i.resolvedAt)).toHaveLength(3);
    const dash = await (await again(reviewer.user)).get(`/api/v1/plans/${planId}/dashboard`);
    const t1 = dash.body.tasks.find((t: { number: number }) => t.number === 1);
    expect(t1.units.find((u: { organisation: { id: string } }) => u.organisation.id === kejiju.id)).toMatchObject({ status: 'on_track', missingPeriods: [] });
    expect(t1.units.find((u: { organisation: { id: string } }) => u.organisation.id === nongmuju.id)).toMatchObject({ status: 'overdue', missingPeriods: ['2026-Q1'], level: 3 });
    expect(dash.body.supervision).toEqual({ open: 3, byLevel: [0, 0, 3] });

    const full = await (await again(reviewer.user)).get(`/api/v1/plans/${planId}/export.xlsx`);
    expect(full.status).toBe(200);
  });
});

describe('editing a task (bureau admin)', () => {
  const taskOf = (plan: { tasks: { id: string; number: number }[] }, n: number) => plan.tasks.find((t) => t.number === n)!;

  it('changes wording, cadence, responsible units and milestones, audited, and keeps a reached milestone', async () => {
    const plan = await importTestPlan();
    const t2 = taskOf(plan, 2) as unknown as { id: string; milestones: { id: string }[] };
    await env.db.update(planMilestones).set({ reachedAt: new Date('2026-03-20T00:00:00Z') }).where(eq(planMilestones.id, t2.milestones[0]!.id));
    const res = await admin.client.patch(`/api/v1/plans/${plan.id}/tasks/${t2.id}`, {
      title: '制定科技成果转化与职称评定挂钩制度',
      cadence: 'monthly',
      units: { leadId: nongmuju.id, coIds: [kejiju.id] },
      milestones: [
        { id: t2.milestones[0]!.id, title: '出台挂钩制度', dueDate: '2026-03-31', indicatorCode: 'rule', target: 1 },
        { title: '开展首轮评定', dueDate: '2027-06-30' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '制定科技成果转化与职称评定挂钩制度', cadence: 'monthly', scheduleKind: 'milestones' });
    expect(res.body.units.map((u: { id: string; role: string }) => `${u.role}:${u.id}`)).toEqual([`lead:${nongmuju.id}`, `co:${kejiju.id}`]);
    expect(res.body.milestones.map((m: { title: string; reachedAt: string | null }) => [m.title, m.reachedAt !== null])).toEqual([['出台挂钩制度', true], ['开展首轮评定', false]]);
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'plan_task.update'), eq(auditLog.entityId, t2.id)));
    expect(audit!.changes).toMatchObject({ cadence: { before: 'quarterly', after: 'monthly' } });

    // The new lead unit now sees the task among its own.
    const mine = await farmReporter.client.get(`/api/v1/plans/${plan.id}`);
    expect(mine.body.tasks.find((t: { id: string }) => t.id === t2.id).units[0].id).toBe(nongmuju.id);

    // Removing every milestone makes the task continuous.
    const cont = await admin.client.patch(`/api/v1/plans/${plan.id}/tasks/${t2.id}`, { milestones: [] });
    expect(cont.body).toMatchObject({ scheduleKind: 'continuous', milestones: [] });
  });

  it('refuses bad edits with every field named, changes nothing, and lets only the bureau admin edit', async () => {
    const plan = await importTestPlan();
    const t1 = taskOf(plan, 1);
    const before = await admin.client.get(`/api/v1/plans/${plan.id}`);
    const bad = await admin.client.patch(`/api/v1/plans/${plan.id}/tasks/${t1.id}`, {
      title: '改名',
      units: { leadId: kejiju.id, coIds: [kejiju.id, '00000000-0000-4000-8000-000000000000'] },
      milestones: [
        { title: '超出规划期', dueDate: '2030-01-01' },
        { title: '未知指标', dueDate: '2026-06-30', indicatorCode: 'nope' },
        { title: '目标无指标', dueDate: '2026-06-30', target: 3 },
        { id: '00000000-0000-4000-8000-000000000001', title: '别人的里程碑', dueDate: '2026-06-30' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['milestones.0.dueDate', 'milestones.1.indicatorCode', 'milestones.2.target', 'milestones.3.id', 'units.coIds', 'units.coIds.1'].sort());
    const after = await admin.client.get(`/api/v1/plans/${plan.id}`);
    expect(after.body.tasks).toEqual(before.body.tasks);

    expect((await reviewer.client.patch(`/api/v1/plans/${plan.id}/tasks/${t1.id}`, { title: '改名' })).status).toBe(403);
    expect((await admin.client.patch(`/api/v1/plans/${plan.id}/tasks/00000000-0000-4000-8000-000000000000`, { title: '改名' })).status).toBe(404);
    expect((await admin.client.patch(`/api/v1/plans/${plan.id}/tasks/${t1.id}`, { cadence: 'yearly' })).status).toBe(400);
  });
});
