import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { seedDefaultPlan } from '../../server/modules/plans/seed.js';
import { planTasks } from '../../server/modules/plans/schema.js';
import { runSupervision } from '../../server/modules/plans/supervise.js';
import { pdfPageCount, pdfPageTexts, pdfTitle } from '../../server/pdf/inspect.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

const env = await setupTestEnv();
// The default plan loads only into an empty plan table: before the test plan is imported.
const [liangzhouId] = await seedDefaultPlan(env.db);
// 17:30 UTC on 11 April is 01:30 on 12 April in Wuwei: the report is dated the 12th.
env.clock.set('2026-04-11T17:30:00Z');

async function as(roles: Role[], organisationId?: string) {
  const user = await createUser(env.db, { roles, organisationId });
  return { user, client: await signIn(env.app, user.username, PASSWORD) };
}
const orgByCode = async (code: string) => (await env.db.select().from(organisations).where(eq(organisations.code, code)))[0]!;
const kejiju = await orgByCode('kejiju');
const admin = await as(['bureau_admin']);
const reviewer = await as(['reviewer']);
const reporter = await as(['dept_reporter'], kejiju.id);
const enterprise = await as(['enterprise_member', 'org_admin']);

/** GET the report as raw bytes (the JSON client would parse it). */
async function download(client: TestClient | null, url: string) {
  const res = await env.app.inject({ method: 'GET', url, headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload, json: () => res.json() as { error: { code: string; fields?: { path: string }[] } } };
}
const exportsOf = async (planId: string) => env.db.select().from(auditLog).where(and(eq(auditLog.action, 'plan.export_pdf'), eq(auditLog.entityId, planId)));
const flat = (s: string) => s.replace(/\s+/g, '');

const testPlan = {
  format: 'chengguo-plan/1',
  code: 'pdf-test-2026',
  title: '测试区促进科技成果转移转化实施方案',
  issuingBody: '测试区人民政府办公室',
  documentNumber: '测政办发〔2026〕1号',
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
    { code: 'achievements', task: 1, name: '平台发布的科技成果', unit: 'count', aggregation: 'yearly', source: { kind: 'computed', query: 'achievements-published' }, targets: [{ year: 2026, value: 10 }] },
    { code: 'turnover', task: 1, name: '省技术市场交易额', unit: 'cny', aggregation: 'yearly', source: { kind: 'computed', query: 'provincial-market-turnover' }, targets: [{ year: 2026, value: 50_000_000_000 }] },
    { code: 'institutions', task: 1, name: '技术转移示范机构', unit: 'count', aggregation: 'cumulative', source: { kind: 'reported' }, targets: [{ year: 2026, value: 3 }, { year: 2027, value: 5 }] },
    { code: 'rule', task: 2, name: '挂钩制度', unit: 'yesno', aggregation: 'cumulative', source: { kind: 'reported' }, targets: [{ year: 2026, value: 1 }] },
  ],
};

describe('the plan status report (PDF)', () => {
  it('renders the whole status in Chinese with page numbers, dated in district time, and is audited', async () => {
    const imported = await admin.client.post('/api/v1/plans/import', { plan: testPlan });
    expect(imported.status).toBe(200);
    const plan = imported.body as { id: string; indicators: { id: string; code: string }[] };
    const enterprise = await createOrg(env.db);
    for (const d of ['2026-01-15T02:00:00Z', '2026-03-03T02:00:00Z', '2026-03-20T02:00:00Z']) {
      await createAchievement(env.db, { title: `甜高粱青贮技术 ${d}`, summary: '针对河西走廊干旱少雨条件选育的饲用甜高粱节水栽培技术，亩产鲜草八吨以上。' }, { organisationId: enterprise.id, publishedAt: new Date(d) });
    }
    const [task1] = await env.db.select().from(planTasks).where(and(eq(planTasks.planId, plan.id), eq(planTasks.number, 1)));
    const institutions = plan.indicators.find((i) => i.code === 'institutions')!.id;
    const sub = await reporter.client.post(`/api/v1/plans/${plan.id}/tasks/${task1!.id}/reports`, {
      period: '2026-Q1',
      narrative: '一季度组织成果对接会两场，新建技术转移示范机构两家。',
      figures: [{ indicatorId: institutions, value: 2 }],
    });
    expect(sub.status).toBe(200);
    expect((await reviewer.client.post(`/api/v1/plan-reports/${sub.body.id}/acceptance`, {})).status).toBe(200);
    // Task 2's milestone (31 March) is overdue and nobody reported on it.
    await runSupervision(env.db, env.clock.now());

    const res = await download(reviewer.client, `/api/v1/plans/${plan.id}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('规划执行情况-20260412.pdf')}`);
    const pdf = res.body;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdfTitle(pdf)).toBe(testPlan.title);

    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBe(pdfPageCount(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(10);
    pages.forEach((p, i) => expect(p).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
    const cover = flat(pages[0]!);
    expect(cover).toContain(testPlan.title);
    expect(cover).toContain(testPlan.issuingBody);
    expect(cover).toContain('测政办发〔2026〕1号');
    expect(cover).toContain('2026年4月12日');
    const all = flat(pages.join(''));
    for (const name of ['平台发布的科技成果', '省技术市场交易额', '技术转移示范机构', '挂钩制度', '加强科技成果信息汇集', '制定职称评定挂钩制度']) expect(all).toContain(name);
    // A province's market figure has no data source here: shown as reported, marked so.
    expect(all).toContain('责任单位填报※');
    expect(all).toContain('平台暂无该指标的数据来源');
    // Three achievements this year against a target of 10; the accepted report's 2 institutions.
    expect(all).toMatch(/平台发布的科技成果.*当前值3本年目标10.*完成率30%/);
    expect(all).toMatch(/技术转移示范机构.*当前值2本年目标3规划期末目标5/);
    // The monthly trend chart's labels are text in the PDF (1 in January, 2 in March).
    expect(all).toContain('1月2月3月4月5月');
    // Supervision list and the latest accepted report.
    expect(all).toContain('里程碑逾期');
    expect(all).toContain('制定挂钩制度');
    expect(all).toMatch(/最近通过审核的进度报告.*区科技局2026-Q1/);

    const audit = await exportsOf(plan.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: reviewer.user.id, entityType: 'plan', changes: { year: 2026, pages: pages.length, bytes: pdf.length } });
  });

  it('reports the Liangzhou plan: sixteen tasks with their lead units and every indicator', async () => {
    const id = liangzhouId;
    const res = await download(reviewer.client, `/api/v1/plans/${id}/report.pdf?year=2019`);
    expect(res.status).toBe(200);
    const texts = pdfPageTexts(res.body);
    expect(texts.length).toBeGreaterThanOrEqual(8);
    expect(texts.length).toBeLessThanOrEqual(40);
    const all = flat(texts.join(''));
    expect(flat(texts[0]!)).toContain('凉州区促进科技成果转移转化实施方案');
    const tasks = await env.db.select().from(planTasks).where(eq(planTasks.planId, id!));
    expect(tasks).toHaveLength(16);
    for (const t of tasks) expect(all).toContain(flat(t.title));
    expect(all).toContain('本报告统计2019年度');
    expect(all).toContain(flat((await orgByCode('rensheju')).name));
    expect((await exportsOf(id!))[0]!.changes).toMatchObject({ year: 2019 });
  });

  it('is for the bureau and the departments only, refuses bad input with the field named, and audits nothing it did not send', async () => {
    const [plan] = await env.db.select().from(planTasks).limit(1);
    const planId = plan!.planId;
    const before = (await exportsOf(planId)).length;
    expect((await download(null, `/api/v1/plans/${planId}/report.pdf`)).status).toBe(401);
    expect((await download(enterprise.client, `/api/v1/plans/${planId}/report.pdf`)).status).toBe(403);
    expect((await download(reviewer.client, '/api/v1/plans/00000000-0000-4000-8000-000000000000/report.pdf')).status).toBe(404);
    const badId = await download(reviewer.client, '/api/v1/plans/not-a-uuid/report.pdf');
    expect(badId.status).toBe(400);
    expect(badId.json().error.fields?.map((f) => f.path)).toContain('id');
    const badYear = await download(reviewer.client, `/api/v1/plans/${planId}/report.pdf?year=1999`);
    expect(badYear.status).toBe(400);
    expect(badYear.json().error.fields?.map((f) => f.path)).toContain('year');
    expect((await exportsOf(planId)).length).toBe(before);
    // Departments, as responsible units, may take the report too.
    expect((await download(reporter.client, `/api/v1/plans/${planId}/report.pdf`)).status).toBe(200);
  });
});
