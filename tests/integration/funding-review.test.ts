import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { files } from '../../server/modules/files/schema.js';
import { fundingApplications, fundingDisbursements } from '../../server/modules/funding/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv, TestClock } from '../support/harness.js';

const clock = new TestClock(Date.parse('2026-03-01T02:00:00Z'));
const env = await setupTestEnv({ clock });
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
const farm = await createOrg(env.db, { name: '凉州区绿源种植合作社有限公司' });
const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
const university = await createOrg(env.db, { type: 'university', name: '甘肃农业大学' });
const outsider = await createOrg(env.db, { name: '兰州某科技有限公司' });
for (const o of [dairy, farm, institute]) await env.db.update(organisations).set({ regionCode: '620602' }).where(eq(organisations.id, o.id));
await env.db.update(organisations).set({ regionCode: '620102' }).where(eq(organisations.id, outsider.id));

const admin = await person(['bureau_admin']);
const reviewer = await person(['reviewer']);
const dairyMember = await person(['enterprise_member'], dairy.id);
const farmMember = await person(['enterprise_member'], farm.id);
const outsiderMember = await person(['enterprise_member'], outsider.id);
const expertUsers = await Promise.all(Array.from({ length: 7 }, () => person(['expert'])));

let A: TestClient, R: TestClient, D: TestClient, F: TestClient, O: TestClient;
const E: TestClient[] = [];
const expertIds: string[] = [];
let callId = '';
let dairyApp = '';
let farmApp = '';

async function pdf(orgId: string, userId: string, name: string) {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db.insert(files).values({ organisationId: orgId, uploadedBy: userId, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data }).returning();
  return f!.id;
}

const form = [
  { key: 'innovation', label: '技术创新性', max: 40 },
  { key: 'benefit', label: '经济社会效益', max: 40 },
  { key: 'team', label: '团队与条件', max: 20 },
];

describe('funding calls, applications and eligibility', () => {
  it('sets up: the bureau creates and opens a pre-guidance call and registers experts', async () => {
    [A, R, D, F, O] = await Promise.all([admin, reviewer, dairyMember, farmMember, outsiderMember].map(login)) as [TestClient, TestClient, TestClient, TestClient, TestClient];
    for (const u of expertUsers) E.push(await login(u));
    const bad = await A.post('/api/v1/funding/calls', { kind: 'pre_guidance', title: 'x', eligibility: {}, opensAt: '2026-03-10T00:00:00+08:00', closesAt: '2026-03-01T00:00:00+08:00', reviewDeadline: '2026-04-01T00:00:00+08:00', budgetFen: 100, scoreForm: form });
    expect(bad.status).toBe(400);
    // Instants compare as instants whatever their offsets: closes 2026-03-01 07:00 +08:00 is before opens 2026-03-01T00:00:00Z (08:00 +08:00).
    const mixed = await A.post('/api/v1/funding/calls', { kind: 'pre_guidance', title: 'x', eligibility: {}, opensAt: '2026-03-01T00:00:00Z', closesAt: '2026-03-01T07:00:00+08:00', reviewDeadline: '2026-04-01T00:00:00+08:00', budgetFen: 100, scoreForm: form });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields.map((f: { path: string }) => f.path)).toContain('closesAt');
    expect((await R.post('/api/v1/funding/calls', {})).status).toBe(403);
    const res = await A.post('/api/v1/funding/calls', {
      kind: 'pre_guidance',
      title: '2026 年科技成果转化事前引导项目',
      eligibility: { orgTypes: ['enterprise'], regionPrefixes: ['620602'], verifiedOnly: true, maxRequestFen: 50_000_000 },
      requiredDocuments: ['项目申报书', '营业执照'],
      opensAt: '2026-03-01T00:00:00+08:00',
      closesAt: '2026-03-31T00:00:00+08:00',
      reviewDeadline: '2026-04-20T00:00:00+08:00',
      budgetFen: 60_000_000,
      scoreForm: form,
      noticeDays: 7,
    });
    expect(res.status).toBe(200);
    callId = res.body.id;
    expect((await D.get(`/api/v1/funding/calls/${callId}`)).status).toBe(404); // draft
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'open' })).body.status).toBe('open');
    const units = [['甘肃农业大学', university.id], ['凉州区农业技术推广研究所', institute.id], ['武威祁连乳业有限公司', dairy.id], ['西北师范大学', null], ['兰州大学', null], ['甘肃省农科院', null], ['武威职业学院', null]] as const;
    for (const [i, u] of expertUsers.entries()) {
      const r = await A.post('/api/v1/funding/experts', { userId: u.id, name: `专家${i}`, field: '畜牧兽医', title: '研究员', unit: units[i]![0], ...(units[i]![1] ? { unitOrgId: units[i]![1] } : {}) });
      expect(r.status).toBe(200);
      expertIds.push(r.body.id);
    }
    const notExpert = await A.post('/api/v1/funding/experts', { userId: dairyMember.id, name: '赵经理', field: 'x', title: 'x', unit: 'x' });
    expect(notExpert.status).toBe(400);
  });

  it('checks eligibility automatically, with reasons; applicants see only their own applications', async () => {
    const docs = [{ name: '项目申报书', fileId: await pdf(dairy.id, dairyMember.id, '申报书.pdf') }, { name: '营业执照', fileId: await pdf(dairy.id, dairyMember.id, '营业执照.pdf') }];
    const ok = await D.post('/api/v1/funding/applications', { callId, title: '青贮饲料二次发酵防控技术转化', summary: '与研究所合作转化复合菌剂。', requestedFen: 40_000_000, documents: docs, collaboratorOrgIds: [institute.id], collaboratorNames: ['西北师范大学'] });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('submitted');
    dairyApp = ok.body.id;
    const farmDocs = [{ name: '项目申报书', fileId: await pdf(farm.id, farmMember.id, '申报书.pdf') }];
    const missing = await F.post('/api/v1/funding/applications', { callId, title: '设施蔬菜水肥一体化', summary: '推广。', requestedFen: 30_000_000, documents: farmDocs });
    expect(missing.body.status).toBe('ineligible');
    expect(missing.body.checks.find((c: { code: string }) => c.code === 'documents').message).toContain('营业执照');
    const farmOk = await F.post('/api/v1/funding/applications', { callId, title: '设施蔬菜水肥一体化（补充材料）', summary: '推广。', requestedFen: 30_000_000, documents: [...farmDocs, { name: '营业执照', fileId: await pdf(farm.id, farmMember.id, '执照.pdf') }] });
    expect(farmOk.body.status).toBe('submitted');
    farmApp = farmOk.body.id;
    const far = await O.post('/api/v1/funding/applications', { callId, title: '外地项目', summary: 'x', requestedFen: 60_000_000, documents: [] });
    const codes = far.body.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { code: string }) => c.code).sort();
    expect(codes).toEqual(['amount', 'documents', 'region']);
    expect((await D.get(`/api/v1/funding/applications/${farmApp}`)).status).toBe(404);
    expect((await D.get('/api/v1/funding/applications')).body.items.map((a: { id: string }) => a.id)).toEqual([dairyApp]);
    expect((await E[0]!.get(`/api/v1/funding/applications/${dairyApp}`)).status).toBe(404); // not assigned
  });

  it('formal review passes or rejects with a reason; refused twice', async () => {
    expect((await A.post(`/api/v1/funding/applications/${farmApp}/formal`, { decision: 'reject' })).status).toBe(400);
    expect((await D.post(`/api/v1/funding/applications/${dairyApp}/formal`, { decision: 'pass' })).status).toBe(403);
    expect((await R.post(`/api/v1/funding/applications/${dairyApp}/formal`, { decision: 'pass' })).body.status).toBe('in_review');
    expect((await R.post(`/api/v1/funding/applications/${farmApp}/formal`, { decision: 'pass' })).body.status).toBe('in_review');
    expect((await R.post(`/api/v1/funding/applications/${farmApp}/formal`, { decision: 'pass' })).status).toBe(409);
  });
});

describe('expert review', () => {
  it('excludes experts with a conflict of interest (same unit, collaborating unit or person), with reasons', async () => {
    const res = await R.post(`/api/v1/funding/applications/${dairyApp}/assignments`, { expertIds });
    expect(res.status).toBe(200);
    // 专家1 works at the collaborating institute, 专家2 at the applicant, 专家3 at a collaborator named in the application.
    expect(res.body.excluded.map((x: { expertId: string }) => x.expertId).sort()).toEqual([expertIds[1], expertIds[2], expertIds[3]].sort());
    expect(res.body.excluded.find((x: { expertId: string }) => x.expertId === expertIds[2]).reason).toContain('同单位');
    expect(res.body.assigned.sort()).toEqual([expertIds[0], expertIds[4], expertIds[5], expertIds[6]].sort());
    const farmRes = await R.post(`/api/v1/funding/applications/${farmApp}/assignments`, { expertIds: expertIds.slice(0, 7) });
    expect(farmRes.body.assigned).toHaveLength(7);
  });

  it('experts score on the form before the deadline, never see the others’ scores while the review is open', async () => {
    const bad = await E[0]!.put(`/api/v1/funding/applications/${dairyApp}/score`, { scores: { innovation: 45, benefit: 30, team: 10 }, comment: '好' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('scores.innovation');
    expect((await E[1]!.put(`/api/v1/funding/applications/${dairyApp}/score`, { scores: { innovation: 30, benefit: 30, team: 10 }, comment: '好' })).status).toBe(404); // excluded
    const dairyScores = [[35, 35, 15], [30, 30, 10], [25, 25, 10], [20, 20, 10]];
    const dairyExperts = [0, 4, 5, 6];
    for (const [i, s] of dairyScores.entries()) {
      const r = await E[dairyExperts[i]!]!.put(`/api/v1/funding/applications/${dairyApp}/score`, { scores: { innovation: s[0], benefit: s[1], team: s[2] }, comment: '技术路线清晰。' });
      expect(r.status).toBe(200);
      expect(r.body.reviews).toEqual([]);
      expect(r.body.score).toBeNull();
      expect(r.body.myReview.scores).toEqual({ innovation: s[0], benefit: s[1], team: s[2] });
    }
    // Farm: seven experts, 20..80 → the highest and lowest are dropped.
    const totals = [20, 50, 60, 60, 60, 70, 95];
    for (const [i, t] of totals.entries()) {
      const r = await E[i]!.put(`/api/v1/funding/applications/${farmApp}/score`, { scores: { innovation: Math.min(40, t), benefit: Math.max(0, Math.min(40, t - 40)), team: Math.max(0, t - 80) }, comment: '可行。' });
      expect(r.status).toBe(200);
    }
    expect((await D.get(`/api/v1/funding/applications/${dairyApp}`)).body.reviews).toEqual([]);
    expect((await R.get(`/api/v1/funding/applications/${dairyApp}`)).body.reviews).toHaveLength(4);
  });

  it('closes the review only after the window, aggregates (dropping highest and lowest with five or more) and ranks', async () => {
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'review' })).status).toBe(409); // window still open
    clock.set('2026-04-01T02:00:00Z');
    [A, R, D, F, E[0]] = await Promise.all([admin, reviewer, dairyMember, farmMember, expertUsers[0]!].map(login)) as [TestClient, TestClient, TestClient, TestClient, TestClient];
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'review' })).body.status).toBe('review');
    const ranking = await R.get(`/api/v1/funding/calls/${callId}/ranking`);
    const dairyRow = ranking.body.items.find((i: { applicationId: string }) => i.applicationId === dairyApp);
    const farmRow = ranking.body.items.find((i: { applicationId: string }) => i.applicationId === farmApp);
    expect(dairyRow).toMatchObject({ score: 66.25, rank: 1, scoresCount: 4 }); // (85 + 70 + 60 + 50) / 4
    expect(farmRow).toMatchObject({ score: 60, rank: 2, scoresCount: 7 }); // 20 and 95 dropped: (50 + 60 + 60 + 60 + 70) / 5
    // Once closed, experts and applicants see the scores (applicants without names); scoring is over.
    const asApplicant = await D.get(`/api/v1/funding/applications/${dairyApp}`);
    expect(asApplicant.body.reviews.map((r: { expert: string | null }) => r.expert)).toEqual([null, null, null, null]);
    expect(asApplicant.body.score).toBe(66.25);
    expect((await E[0]!.get(`/api/v1/funding/applications/${dairyApp}`)).body.reviews).toHaveLength(4);
    expect((await E[0]!.put(`/api/v1/funding/applications/${dairyApp}/score`, { scores: { innovation: 40, benefit: 40, team: 20 }, comment: '改分' })).status).toBe(409);
  });
});

describe('awards, public notice and disbursement', () => {
  it('awards within the budget and never above the request; refusals change nothing', async () => {
    const over = await A.post(`/api/v1/funding/calls/${callId}/awards`, { awards: [{ applicationId: dairyApp, amountFen: 40_000_000 }, { applicationId: farmApp, amountFen: 30_000_000 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('BUDGET_EXCEEDED');
    const above = await A.post(`/api/v1/funding/calls/${callId}/awards`, { awards: [{ applicationId: dairyApp, amountFen: 45_000_000 }] });
    expect(above.status).toBe(400);
    expect((await R.post(`/api/v1/funding/calls/${callId}/awards`, { awards: [{ applicationId: dairyApp, amountFen: 1 }] })).status).toBe(403);
    const [{ n }] = (await env.db.select({ n: count() }).from(fundingApplications).where(eq(fundingApplications.awardFen, 40_000_000))) as [{ n: number }];
    expect(n).toBe(0);
    const ok = await A.post(`/api/v1/funding/calls/${callId}/awards`, { awards: [{ applicationId: dairyApp, amountFen: 40_000_000 }, { applicationId: farmApp, amountFen: 20_000_000 }] });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((i: { awardFen: number }) => i.awardFen)).toEqual([40_000_000, 20_000_000]);
  });

  it('publishes the list for public notice; objections only during it; awards become final after it', async () => {
    expect((await D.post(`/api/v1/funding/calls/${callId}/objections`, { text: '太早' })).status).toBe(409);
    const n = await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'notice' });
    expect(n.body.status).toBe('notice');
    const objection = await F.post(`/api/v1/funding/calls/${callId}/objections`, { applicationId: dairyApp, text: '该项目与已立项项目内容重复，请核实。' });
    expect(objection.status).toBe(200);
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'awarded' })).status).toBe(409); // notice not over
    clock.advance(7 * 86400);
    [A, D] = await Promise.all([admin, dairyMember].map(login)) as [TestClient, TestClient];
    const F2 = await login(farmMember);
    expect((await F2.post(`/api/v1/funding/calls/${callId}/objections`, { text: '过期' })).status).toBe(409);
    // The period is over, but an objection is open: the list waits for the bureau.
    const blocked = await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'awarded' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('OBJECTIONS_OPEN');
    expect((await A.post(`/api/v1/funding/objections/${objection.body.id}/resolve`, { decision: 'dismiss', resolution: '经核实，与已立项项目内容不重复。' })).body.status).toBe('dismissed');
    expect((await A.post(`/api/v1/funding/calls/${callId}/status`, { to: 'awarded' })).body.status).toBe('awarded');
    expect((await D.get(`/api/v1/funding/applications/${dairyApp}`)).body.status).toBe('awarded');
  });

  it('pays pre-guidance grants in instalments up to the award, then accepts the project on the awardee’s application', async () => {
    expect((await A.post(`/api/v1/funding/applications/${dairyApp}/disbursements`, { amountFen: 45_000_000, paidOn: '2026-04-10', reference: 'CZ-1' })).status).toBe(400);
    expect((await A.post(`/api/v1/funding/applications/${dairyApp}/disbursements`, { amountFen: 24_000_000, paidOn: '2026-04-10', reference: 'CZ-1' })).body.disbursedFen).toBe(24_000_000);
    expect((await A.post(`/api/v1/funding/applications/${dairyApp}/disbursements`, { amountFen: 16_000_001, paidOn: '2026-09-10', reference: 'CZ-2' })).status).toBe(400);
    const second = await A.post(`/api/v1/funding/applications/${dairyApp}/disbursements`, { amountFen: 16_000_000, paidOn: '2026-09-10', reference: 'CZ-2' });
    expect(second.body.disbursedFen).toBe(40_000_000);
    expect(await env.db.select().from(fundingDisbursements).where(eq(fundingDisbursements.applicationId, dairyApp))).toHaveLength(2);
    expect((await D.post(`/api/v1/funding/applications/${dairyApp}/acceptance`, { note: 'x' })).status).toBe(403);
    const report = await pdf(dairy.id, dairyMember.id, '项目验收报告.pdf');
    expect((await D.post(`/api/v1/funding/applications/${dairyApp}/acceptance-application`, { report: '菌剂已在三家牧场应用。', documents: [{ name: '项目验收报告', fileId: report }] })).status).toBe(200);
    const acc = await A.post(`/api/v1/funding/applications/${dairyApp}/acceptance`, { note: '项目通过验收，菌剂已在三家牧场应用。' });
    expect(acc.body.status).toBe('accepted');
    expect((await A.post(`/api/v1/funding/applications/${dairyApp}/acceptance`, { note: '再次' })).status).toBe(409);
  });
});
