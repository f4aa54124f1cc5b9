import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { files } from '../../server/modules/files/schema.js';
import { fundingSweep } from '../../server/modules/funding/sweep.js';
import { fundingApplications, fundingAssignments, experts as expertsTable } from '../../server/modules/funding/schema.js';
import '../../server/modules/funding/notification-texts.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { renderNotification } from '../../server/modules/notifications/templates.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { multipart } from '../support/multipart.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv, TestClock } from '../support/harness.js';

/**
 * Funding programmes beyond the basic review (funding-review.test.ts): the
 * notifications of every step, per-expert deadlines with reminders, overdue
 * notices and extensions, the conflict table and the expert registry's
 * edits, objections with evidence (upheld → award withdrawn → next-ranked
 * awarded within the remaining budget), the final list only with no open
 * objection, the public award list, the ranking export and the applicant's
 * timeline. Every refusal is checked to change nothing.
 */
const START = Date.parse('2026-05-04T02:00:00Z');
const DAY = 86_400_000;
const clock = new TestClock(START);
const env = await setupTestEnv({ clock });
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);
const iso = (ms: number) => new Date(ms).toISOString();

const orgA = await createOrg(env.db, { name: '凉州区天马风电装备有限公司' });
const orgB = await createOrg(env.db, { name: '武威甜高粱生物科技有限公司' });
const orgC = await createOrg(env.db, { name: '凉州区沙产业机械有限公司' });
const orgD = await createOrg(env.db, { name: '凉州区葡萄酒庄有限公司' });
for (const o of [orgA, orgB, orgC, orgD]) await env.db.update(organisations).set({ regionCode: '620602' }).where(eq(organisations.id, o.id));

const admin = await person(['bureau_admin']);
const reviewer = await person(['reviewer']);
const [memberA, memberB, memberC, memberD] = await Promise.all([orgA, orgB, orgC, orgD].map((o) => person(['enterprise_member'], o.id)));
const expertUsers = await Promise.all(Array.from({ length: 4 }, () => person(['expert'])));

let A: TestClient, R: TestClient, MA: TestClient, MB: TestClient, MC: TestClient, MD: TestClient;
let E: TestClient[] = [];
async function relogin() {
  [A, R, MA, MB, MC, MD] = (await Promise.all([admin, reviewer, memberA!, memberB!, memberC!, memberD!].map(login))) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  E = await Promise.all(expertUsers.map(login));
}
function at(ms: number) {
  clock.set(iso(ms));
  return relogin();
}

async function pdf(orgId: string | null, userId: string, name: string) {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db.insert(files).values({ organisationId: orgId, uploadedBy: userId, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data }).returning();
  return f!.id;
}
async function inbox(userId: string, kind: string) {
  const rows = await env.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return rows.map((r) => ({ ...r, zh: renderNotification(kind, r.params as Record<string, unknown>, 'zh-CN'), en: renderNotification(kind, r.params as Record<string, unknown>, 'en') }));
}
const assignment = async (applicationId: string, expertId: string) => (await env.db.select().from(fundingAssignments).where(and(eq(fundingAssignments.applicationId, applicationId), eq(fundingAssignments.expertId, expertId))))[0];

const form = [
  { key: 'result', label: '成果转化成效', max: 60 },
  { key: 'benefit', label: '经济效益', max: 40 },
];
let callId = '';
const expertIds: string[] = [];
const apps: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

describe('post-subsidy call: applications, formal review and the notifications', () => {
  it('sets up the call and the expert registry', async () => {
    await relogin();
    const call = await A.post('/api/v1/funding/calls', {
      kind: 'post_subsidy',
      title: '2026 年科技成果转化后补助',
      eligibility: { orgTypes: ['enterprise'], regionPrefixes: ['6206'], verifiedOnly: true, maxRequestFen: null },
      requiredDocuments: ['项目验收报告'],
      opensAt: iso(START - DAY),
      closesAt: iso(START + 10 * DAY),
      reviewDeadline: iso(START + 20 * DAY),
      budgetFen: 30_000_000,
      scoreForm: form,
      noticeDays: 7,
    });
    expect(call.status).toBe(200);
    callId = call.body.id;
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'open' })).body).toMatchObject({ status: 'open', remainingFen: 30_000_000 });
    const units: [string, string | undefined][] = [['兰州大学', undefined], ['凉州区天马风电装备有限公司', orgA.id], ['甘肃农业大学', undefined], ['西北师范大学', undefined]];
    for (const [i, u] of expertUsers.entries()) {
      const r = await A.post('/api/v1/funding/experts', { userId: u.id, name: `评审专家${i}`, field: '机械工程', title: '教授', unit: units[i]![0], ...(units[i]![1] ? { unitOrgId: units[i]![1] } : {}) });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ active: true, username: u.username });
      expertIds.push(r.body.id);
    }
    expect((await A.post('/api/v1/funding/experts', { userId: expertUsers[0]!.id, name: '重复', field: 'x', title: 'x', unit: 'x' })).status).toBe(409);
  });

  it('tells the applicant and the reviewers that an application was received; the timeline starts', async () => {
    const apply = async (c: TestClient, orgId: string, userId: string, title: string, requestedFen: number) =>
      c.post('/api/v1/funding/applications', { callId, title, summary: '已完成并通过验收的转化项目。', requestedFen, documents: [{ name: '项目验收报告', fileId: await pdf(orgId, userId, '验收报告.pdf') }] });
    const a = await apply(MA, orgA.id, memberA!.id, '2MW 风机变桨系统国产化', 20_000_000);
    const b = await apply(MB, orgB.id, memberB!.id, '甜高粱秸秆饲料化', 15_000_000);
    const c = await apply(MC, orgC.id, memberC!.id, '机械化草方格铺设机', 12_000_000);
    const d = await apply(MD, orgD.id, memberD!.id, '葡萄酒低温发酵工艺', 5_000_000);
    for (const r of [a, b, c, d]) expect(r.body.status).toBe('submitted');
    [apps.A, apps.B, apps.C, apps.D] = [a.body.id, b.body.id, c.body.id, d.body.id];
    expect(a.body.callTitle).toBe('2026 年科技成果转化后补助');
    expect(a.body.timeline.map((e: { event: string }) => e.event)).toEqual(['submitted']);
    const mine = await inbox(memberA!.id, 'funding.application_received');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.zh.body).toContain('2MW 风机变桨系统国产化');
    expect(mine[0]!.link).toBe(`/console/funding/applications/${apps.A}`);
    expect(await inbox(reviewer.id, 'funding.application_received')).toHaveLength(4);
    expect(await inbox(admin.id, 'funding.application_received')).toHaveLength(4);
  });

  it('formal review: passed and returned (with the reasons) are both told to the applicant', async () => {
    for (const id of [apps.A, apps.B, apps.C]) expect((await R.post(`/api/v1/funding/applications/${id}/formal`, { decision: 'pass' })).body.status).toBe('in_review');
    const back = await R.post(`/api/v1/funding/applications/${apps.D}/formal`, { decision: 'reject', note: '验收报告缺少财务审计意见。' });
    expect(back.body.status).toBe('formal_rejected');
    expect((await inbox(memberA!.id, 'funding.formal_passed'))[0]!.zh.body).toContain('通过形式审查');
    const returned = await inbox(memberD!.id, 'funding.formal_returned');
    expect(returned[0]!.zh.body).toContain('验收报告缺少财务审计意见。');
    expect(returned[0]!.en.body).toContain('did not pass');
    const timeline = (await MD.get(`/api/v1/funding/applications/${apps.D}`)).body.timeline;
    expect(timeline.map((e: { event: string; note: string | null }) => [e.event, e.note])).toEqual([['submitted', null], ['formal_reject', '验收报告缺少财务审计意见。']]);
  });
});

describe('the expert registry and the conflict table', () => {
  it('shows every expert with the conflict that excludes them, with the reason', async () => {
    const t = await R.get(`/api/v1/funding/applications/${apps.A}/conflicts`);
    expect(t.status).toBe(200);
    const byId = new Map(t.body.items.map((i: { expertId: string }) => [i.expertId, i]));
    expect((byId.get(expertIds[1]!) as { conflict: string }).conflict).toContain('同单位');
    expect([0, 2, 3].map((i) => (byId.get(expertIds[i]!) as { conflict: string | null }).conflict)).toEqual([null, null, null]);
    expect((await MA.get(`/api/v1/funding/applications/${apps.A}/conflicts`)).status).toBe(403);
    const en = await R.get(`/api/v1/funding/applications/${apps.A}/conflicts`, { 'accept-language': 'en' });
    expect(en.status).toBe(200);
  });

  it('edits an expert (field, title, unit, active); refusals change nothing', async () => {
    expect((await R.patch(`/api/v1/funding/experts/${expertIds[3]}`, { title: '研究员' })).status).toBe(403);
    expect((await A.patch('/api/v1/funding/experts/00000000-0000-4000-8000-000000000000', { title: '研究员' })).status).toBe(404);
    const bad = await A.patch(`/api/v1/funding/experts/${expertIds[3]}`, { title: '研究员', unitOrgId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('unitOrgId');
    expect((await env.db.select().from(expertsTable).where(eq(expertsTable.id, expertIds[3]!)))[0]!.title).toBe('教授');
    const off = await A.patch(`/api/v1/funding/experts/${expertIds[3]}`, { title: '研究员', field: '农业机械', active: false });
    expect(off.body).toMatchObject({ title: '研究员', field: '农业机械', active: false });
    const t = await R.get(`/api/v1/funding/applications/${apps.A}/conflicts`);
    expect(t.body.items.find((i: { expertId: string }) => i.expertId === expertIds[3]).conflict).toContain('停用');
    const assign = await R.post(`/api/v1/funding/applications/${apps.A}/assignments`, { expertIds: [expertIds[3]] });
    expect(assign.body.assigned).toEqual([]);
    expect(await assignment(apps.A, expertIds[3]!)).toBeUndefined();
    expect((await A.patch(`/api/v1/funding/experts/${expertIds[3]}`, { active: true })).body.active).toBe(true);
    expect((await R.get('/api/v1/funding/experts')).body.items).toHaveLength(4);
  });
});

describe('per-expert deadlines, reminders and overdue notices', () => {
  it('assigns with a deadline (default: the call’s), tells the experts by when, and refuses a past deadline', async () => {
    const past = await R.post(`/api/v1/funding/applications/${apps.A}/assignments`, { expertIds: [expertIds[0]], deadline: iso(START - DAY) });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].path).toBe('deadline');
    expect(await assignment(apps.A, expertIds[0]!)).toBeUndefined();
    const r = await R.post(`/api/v1/funding/applications/${apps.A}/assignments`, { expertIds: [expertIds[0], expertIds[1], expertIds[2]], deadline: iso(START + 5 * DAY) });
    expect(r.body.assigned.sort()).toEqual([expertIds[0], expertIds[2]].sort());
    expect(r.body.excluded).toHaveLength(1);
    expect(r.body.deadline).toBe(iso(START + 5 * DAY));
    const told = await inbox(expertUsers[0]!.id, 'funding.expert_assigned');
    expect(told).toHaveLength(1);
    expect(told[0]!.zh.body).toContain('2026-05-09 10:00'); // the deadline in district time
    expect(await inbox(expertUsers[1]!.id, 'funding.expert_assigned')).toHaveLength(0);
    for (const id of [apps.B, apps.C]) {
      const d = await R.post(`/api/v1/funding/applications/${id}/assignments`, { expertIds: [expertIds[0], expertIds[2]] });
      expect(d.body.deadline).toBe(iso(START + 20 * DAY));
    }
    // Assigning again changes nothing and tells nobody again.
    await R.post(`/api/v1/funding/applications/${apps.A}/assignments`, { expertIds: [expertIds[0]] });
    expect(await inbox(expertUsers[0]!.id, 'funding.expert_assigned')).toHaveLength(3);
  });

  it('reminds an expert two days before their deadline, once', async () => {
    expect((await fundingSweep(env.db, clock.now())).reminded).toBe(0);
    await at(START + 3.5 * DAY);
    expect(await fundingSweep(env.db, clock.now())).toMatchObject({ reminded: 2, overdue: 0 });
    expect(await fundingSweep(env.db, clock.now())).toMatchObject({ reminded: 0, overdue: 0 });
    const rem = await inbox(expertUsers[2]!.id, 'funding.review_reminder');
    expect(rem).toHaveLength(1);
    expect(rem[0]!.en.body).toContain('2MW');
  });

  it('refuses a score after the expert’s deadline (nothing stored), reports it overdue to the bureau once, and accepts it after an extension', async () => {
    const s = { scores: { result: 50, benefit: 35 }, comment: '成效显著。' };
    expect((await E[0]!.put(`/api/v1/funding/applications/${apps.A}/score`, s)).status).toBe(200);
    await at(START + 5 * DAY + 60_000);
    const late = await E[2]!.put(`/api/v1/funding/applications/${apps.A}/score`, { scores: { result: 45, benefit: 30 }, comment: '较好。' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REVIEW_DEADLINE_PASSED');
    expect((await assignment(apps.A, expertIds[2]!))!.total).toBeNull();
    expect(await fundingSweep(env.db, clock.now())).toMatchObject({ overdue: 1 });
    expect(await fundingSweep(env.db, clock.now())).toMatchObject({ overdue: 0 });
    const over = await inbox(reviewer.id, 'funding.review_overdue');
    expect(over).toHaveLength(1);
    expect(over[0]!.zh.body).toContain('评审专家2');
    expect(await inbox(admin.id, 'funding.review_overdue')).toHaveLength(1);
    const bureauView = await R.get(`/api/v1/funding/applications/${apps.A}`);
    const e2 = bureauView.body.reviews.find((r: { expert: string }) => r.expert === '评审专家2');
    expect(e2).toMatchObject({ overdue: true, submitted: false, deadline: iso(START + 5 * DAY) });
    const own = await E[2]!.get(`/api/v1/funding/applications/${apps.A}`);
    expect(own.body.myReview).toMatchObject({ overdue: true, deadline: iso(START + 5 * DAY) });
    expect(own.body.reviews).toEqual([]); // the other expert's score stays hidden

    const asg = e2.assignmentId as string;
    expect((await E[2]!.post(`/api/v1/funding/assignments/${asg}/deadline`, { deadline: iso(START + 8 * DAY) })).status).toBe(403);
    const earlier = await R.post(`/api/v1/funding/assignments/${asg}/deadline`, { deadline: iso(START + 4 * DAY) });
    expect(earlier.status).toBe(400);
    expect((await assignment(apps.A, expertIds[2]!))!.deadline!.toISOString()).toBe(iso(START + 5 * DAY));
    const ext = await R.post(`/api/v1/funding/assignments/${asg}/deadline`, { deadline: iso(START + 8 * DAY) });
    expect(ext.status).toBe(200);
    expect(ext.body.reviews.find((r: { assignmentId: string }) => r.assignmentId === asg)).toMatchObject({ overdue: false, deadline: iso(START + 8 * DAY) });
    expect((await inbox(expertUsers[2]!.id, 'funding.deadline_extended'))[0]!.zh.body).toContain('2026-05-12 10:00');
    expect((await E[2]!.put(`/api/v1/funding/applications/${apps.A}/score`, { scores: { result: 45, benefit: 30 }, comment: '较好。' })).status).toBe(200);
    expect((await R.post(`/api/v1/funding/assignments/${asg}/deadline`, { deadline: iso(START + 9 * DAY) })).status).toBe(409); // already scored
  });

  it('the other applications are scored before the call’s deadline', async () => {
    const put = (c: TestClient, id: string, result: number, benefit: number) => c.put(`/api/v1/funding/applications/${id}/score`, { scores: { result, benefit }, comment: '意见。' });
    for (const [c, id, r, b] of [[E[0]!, apps.B, 40, 30], [E[2]!, apps.B, 44, 30], [E[0]!, apps.C, 38, 30], [E[2]!, apps.C, 36, 30]] as const) expect((await put(c, id, r, b)).status).toBe(200);
  });
});

describe('ranking, awards, public notice and objections', () => {
  it('ranks after the window and exports the ranking to XLSX', async () => {
    await at(START + 11 * DAY);
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'review' })).body.status).toBe('review');
    const r = await R.get(`/api/v1/funding/calls/${callId}/ranking`);
    expect(r.body.items.map((i: { applicationId: string; rank: number }) => [i.applicationId, i.rank])).toEqual([[apps.A, 1], [apps.B, 2], [apps.C, 3]]);
    expect(r.body).toMatchObject({ budgetFen: 30_000_000, awardedFen: 0, remainingFen: 30_000_000 });
    const x = await env.app.inject({ method: 'GET', url: `/api/v1/funding/calls/${callId}/ranking.xlsx`, headers: { cookie: R.cookie! } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['x-export-rows']).toBe('3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('排名与资助')!;
    expect(ws.getRow(2).getCell(2).value).toBe('申报单位');
    expect(ws.getRow(3).getCell(3).value).toBe('2MW 风机变桨系统国产化');
    expect(ws.getRow(3).getCell(4).value).toBe(80); // (85 + 75) / 2
    expect((await MA.get(`/api/v1/funding/calls/${callId}/ranking.xlsx`)).status).toBe(403);
  });

  it('publishes the award list; the public sees it during the notice', async () => {
    expect((await A.post(`/api/v1/funding/calls/${callId}/awards`, { awards: [{ applicationId: apps.A, amountFen: 20_000_000 }, { applicationId: apps.B, amountFen: 10_000_000 }] })).body.remainingFen).toBe(0);
    const n = await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'notice' });
    expect(n.body.noticeEndsAt).toBe(iso(START + 18 * DAY));
    const pub = await new TestClient(env.app).get('/api/v1/funding/public/awards');
    expect(pub.status).toBe(200);
    const entry = pub.body.items.find((i: { callId: string }) => i.callId === callId);
    expect(entry).toMatchObject({ status: 'notice', final: false });
    expect(entry.awards.map((w: { organisation: string; awardFen: number }) => [w.organisation, w.awardFen])).toEqual([[orgA.name, 20_000_000], [orgB.name, 10_000_000]]);
  });

  let objectionB = '';
  let objectionGeneral = '';
  it('anyone signed in objects with reasons and evidence; the bureau is told; refusals change nothing', async () => {
    expect((await new TestClient(env.app).post(`/api/v1/funding/calls/${callId}/objections`, { text: '匿名' })).status).toBe(401);
    const notListed = await MC.post(`/api/v1/funding/calls/${callId}/objections`, { applicationId: apps.C, text: 'x' });
    expect(notListed.status).toBe(400);
    const foreign = await MC.post(`/api/v1/funding/calls/${callId}/objections`, { applicationId: apps.B, text: 'x', evidenceFileIds: [await pdf(orgD.id, memberD!.id, '别人的.pdf')] });
    expect(foreign.status).toBe(400);
    expect((await R.get(`/api/v1/funding/calls/${callId}/objections`)).body.items).toHaveLength(0);
    const evidence = await pdf(orgC.id, memberC!.id, '重复申报证明.pdf');
    const o = await MC.post(`/api/v1/funding/calls/${callId}/objections`, { applicationId: apps.B, text: '该项目已获市级同类补助，属重复申报。', evidenceFileIds: [evidence] });
    expect(o.status).toBe(200);
    objectionB = o.body.id;
    // An expert (no organisation) uploads evidence of their own and attaches it.
    const up = multipart('attachment', { name: '评分细则截图.pdf', data: Buffer.from('%PDF-1.4\n% rules\n%%EOF\n') });
    const expertEvidence = (await E[3]!.request('POST', '/api/v1/files', up.body, up.headers)).body.id as string;
    expect(expertEvidence).toBeTruthy();
    // Another orgless account can neither read nor attach it (field error, nothing stored, nobody told).
    expect((await E[2]!.get(`/api/v1/files/${expertEvidence}`)).status).toBe(404);
    expect((await MC.get(`/api/v1/files/${expertEvidence}`)).status).toBe(404);
    const toldBefore = (await inbox(reviewer.id, 'funding.objection')).length;
    const stolen = await E[2]!.post(`/api/v1/funding/calls/${callId}/objections`, { text: '借用他人证据。', evidenceFileIds: [expertEvidence] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.fields).toEqual([expect.objectContaining({ path: 'evidenceFileIds.0', message: '附件不存在，或不是您或本单位上传的' })]);
    expect((await R.get(`/api/v1/funding/calls/${callId}/objections`)).body.items).toHaveLength(1);
    expect(await inbox(reviewer.id, 'funding.objection')).toHaveLength(toldBefore);
    const g = await E[3]!.post(`/api/v1/funding/calls/${callId}/objections`, { text: '请公开评分细则。', evidenceFileIds: [expertEvidence] });
    expect(g.status).toBe(200);
    objectionGeneral = g.body.id;
    expect((await R.get(`/api/v1/funding/objections/${objectionGeneral}/files/${expertEvidence}`)).status).toBe(200);
    expect((await E[3]!.get(`/api/v1/funding/objections/${objectionGeneral}/files/${expertEvidence}`)).status).toBe(200);
    expect((await E[2]!.get(`/api/v1/funding/objections/${objectionGeneral}/files/${expertEvidence}`)).status).toBe(404);
    expect((await inbox(reviewer.id, 'funding.objection')).map((x) => x.zh.body).join()).toContain('甜高粱秸秆饲料化');
    const list = await R.get(`/api/v1/funding/calls/${callId}/objections`);
    expect(list.body.items.find((x: { id: string }) => x.id === objectionB)).toMatchObject({ status: 'open', evidence: [{ fileId: evidence, filename: '重复申报证明.pdf' }], application: { id: apps.B } });
    expect((await A.get(`/api/v1/funding/calls/${callId}`)).body.openObjections).toBe(2);
    expect((await MC.get(`/api/v1/funding/objections/${objectionB}/files/${evidence}`)).status).toBe(200);
    expect((await R.get(`/api/v1/funding/objections/${objectionB}/files/${evidence}`)).status).toBe(200);
    expect((await MB.get(`/api/v1/funding/objections/${objectionB}/files/${evidence}`)).status).toBe(404);
  });

  it('upholding withdraws the award (applicant and objector told); the next-ranked is awarded within the remaining budget and the notice restarts', async () => {
    expect((await MC.post(`/api/v1/funding/objections/${objectionB}/resolve`, { decision: 'uphold', resolution: 'x' })).status).toBe(403);
    const up = await R.post(`/api/v1/funding/objections/${objectionB}/resolve`, { decision: 'uphold', resolution: '经核实属重复申报，撤销拟资助。' });
    expect(up.body).toMatchObject({ status: 'upheld', resolution: '经核实属重复申报，撤销拟资助。' });
    expect((await R.post(`/api/v1/funding/objections/${objectionB}/resolve`, { decision: 'dismiss', resolution: '再次' })).status).toBe(409);
    const b = await MB.get(`/api/v1/funding/applications/${apps.B}`);
    expect(b.body).toMatchObject({ awardFen: null, withdrawnNote: '经核实属重复申报，撤销拟资助。' });
    expect((await inbox(memberB!.id, 'funding.award_withdrawn'))[0]!.zh.body).toContain('重复申报');
    expect((await inbox(memberC!.id, 'funding.objection_resolved'))[0]!.zh.body).toContain('成立');
    const ranking = await R.get(`/api/v1/funding/calls/${callId}/ranking`);
    expect(ranking.body).toMatchObject({ awardedFen: 20_000_000, remainingFen: 10_000_000 });
    expect(ranking.body.items.find((i: { applicationId: string }) => i.applicationId === apps.B).withdrawn).toBe(true);
    expect((await new TestClient(env.app).get('/api/v1/funding/public/awards')).body.items.find((i: { callId: string }) => i.callId === callId).awards).toHaveLength(1);

    expect((await A.post(`/api/v1/funding/calls/${callId}/awards/add`, { applicationId: apps.B, amountFen: 10_000_000 })).status).toBe(400); // withdrawn
    expect((await R.post(`/api/v1/funding/calls/${callId}/awards/add`, { applicationId: apps.C, amountFen: 10_000_000 })).status).toBe(403);
    const over = await A.post(`/api/v1/funding/calls/${callId}/awards/add`, { applicationId: apps.C, amountFen: 11_000_000 });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('BUDGET_EXCEEDED');
    expect((await env.db.select().from(fundingApplications).where(eq(fundingApplications.id, apps.C)))[0]!.awardFen).toBeNull();
    await at(START + 12 * DAY);
    const add = await A.post(`/api/v1/funding/calls/${callId}/awards/add`, { applicationId: apps.C, amountFen: 10_000_000 });
    expect(add.status).toBe(200);
    expect(add.body.remainingFen).toBe(0);
    expect((await A.get(`/api/v1/funding/calls/${callId}`)).body.noticeEndsAt).toBe(iso(START + 19 * DAY));
  });

  it('the list becomes final only after the (restarted) period with no open objection; each applicant is told', async () => {
    await at(START + 18 * DAY + 60_000);
    expect((await fundingSweep(env.db, clock.now())).finalised).toBe(0); // restarted period still running
    await at(START + 19 * DAY + 60_000);
    expect((await fundingSweep(env.db, clock.now())).finalised).toBe(0); // an objection is open
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'awarded' })).body.error.code).toBe('OBJECTIONS_OPEN');
    expect((await R.post(`/api/v1/funding/objections/${objectionGeneral}/resolve`, { decision: 'dismiss', resolution: '评分细则已随通知公布。' })).body.status).toBe('dismissed');
    expect((await inbox(expertUsers[3]!.id, 'funding.objection_resolved'))[0]!.en.body).toContain('dismissed');
    expect((await fundingSweep(env.db, clock.now())).finalised).toBe(1);
    expect((await A.get(`/api/v1/funding/calls/${callId}`)).body.status).toBe('awarded');
    const statuses = await Promise.all([apps.A, apps.B, apps.C].map(async (id) => (await R.get(`/api/v1/funding/applications/${id}`)).body.status));
    expect(statuses).toEqual(['awarded', 'not_awarded', 'awarded']);
    expect((await inbox(memberC!.id, 'funding.awarded'))[0]!.zh.body).toContain('100000.00');
    expect(await inbox(memberB!.id, 'funding.not_awarded')).toHaveLength(1);
    const pub = (await new TestClient(env.app).get('/api/v1/funding/public/awards')).body.items.find((i: { callId: string }) => i.callId === callId);
    expect(pub).toMatchObject({ status: 'awarded', final: true });
    expect(pub.awards.map((w: { organisation: string }) => w.organisation)).toEqual([orgA.name, orgC.name]);
  });
});

describe('documents', () => {
  it('an application’s documents download for its applicant, its experts and the bureau only', async () => {
    const fileId = (await MA.get(`/api/v1/funding/applications/${apps.A}`)).body.documents[0].fileId as string;
    for (const c of [MA, E[0]!, R]) {
      const r = await c.get(`/api/v1/funding/applications/${apps.A}/files/${fileId}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
    }
    expect((await MB.get(`/api/v1/funding/applications/${apps.A}/files/${fileId}`)).status).toBe(404);
    expect((await E[1]!.get(`/api/v1/funding/applications/${apps.A}/files/${fileId}`)).status).toBe(404); // excluded, never assigned
    const otherFile = (await MB.get(`/api/v1/funding/applications/${apps.B}`)).body.documents[0].fileId as string;
    expect((await MA.get(`/api/v1/funding/applications/${apps.A}/files/${otherFile}`)).status).toBe(404);
  });
});

describe('disbursement and the applicant’s timeline', () => {
  it('pays a post-subsidy in one payment of the whole award; the applicant is told; the timeline tells the story', async () => {
    const part = await A.post(`/api/v1/funding/applications/${apps.A}/disbursements`, { amountFen: 10_000_000, paidOn: '2026-05-25', reference: 'CZ-2026-001' });
    expect(part.status).toBe(400);
    expect((await A.get(`/api/v1/funding/applications/${apps.A}`)).body.disbursements).toEqual([]);
    const paid = await A.post(`/api/v1/funding/applications/${apps.A}/disbursements`, { amountFen: 20_000_000, paidOn: '2026-05-25', reference: 'CZ-2026-001' });
    expect(paid.body).toMatchObject({ disbursedFen: 20_000_000, disbursements: [{ instalment: 1, amountFen: 20_000_000, paidOn: '2026-05-25', reference: 'CZ-2026-001' }] });
    expect((await A.post(`/api/v1/funding/applications/${apps.A}/disbursements`, { amountFen: 1, paidOn: '2026-05-26', reference: 'CZ-2026-002' })).status).toBe(409);
    expect((await inbox(memberA!.id, 'funding.disbursed'))[0]!.zh.body).toContain('200000.00');
    const t = (await MA.get(`/api/v1/funding/applications/${apps.A}`)).body.timeline.map((e: { event: string }) => e.event);
    expect(t).toEqual(['submitted', 'formal_pass', 'ranked', 'awarded', 'disbursed']);
    expect((await E[0]!.get(`/api/v1/funding/applications/${apps.A}`)).body.timeline).toEqual([]);
  });
});
