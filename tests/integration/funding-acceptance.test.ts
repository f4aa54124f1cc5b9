import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { fundingApplications, fundingCalls, fundingEvents } from '../../server/modules/funding/schema.js';
import '../../server/modules/funding/notification-texts.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { renderNotification } from '../../server/modules/notifications/templates.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { setupTestEnv, TestClock } from '../support/harness.js';

/**
 * Acceptance (验收) of an awarded project: the awardee's organisation applies
 * with a report and documents, the bureau returns it with reasons or passes
 * it; every refusal changes nothing. The call and its awarded applications
 * are written directly (the way there is funding-review/-workflow's).
 */
const clock = new TestClock(Date.parse('2026-06-01T02:00:00Z'));
const env = await setupTestEnv({ clock });
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const windFarm = await createOrg(env.db, { name: '凉州区天马风电装备有限公司' });
const other = await createOrg(env.db, { name: '武威甜高粱生物科技有限公司' });
const admin = await person(['bureau_admin']);
const reviewer = await person(['reviewer']);
const member = await person(['enterprise_member'], windFarm.id);
const colleague = await person(['researcher'], windFarm.id);
const otherMember = await person(['enterprise_member'], other.id);
const expert = await person(['expert']);
const [A, R, M, C, O, X] = await Promise.all([admin, reviewer, member, colleague, otherMember, expert].map(login)) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];

const [call] = await env.db.insert(fundingCalls).values({ kind: 'post_subsidy', title: '2026 年科技成果转化后补助', opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-03-31T00:00:00Z'), reviewDeadline: new Date('2026-04-15T00:00:00Z'), budgetFen: 30_000_000, scoreForm: [{ key: 'result', label: '转化成效', max: 100 }], status: 'awarded', reviewClosedAt: new Date('2026-04-16T00:00:00Z'), noticeEndsAt: new Date('2026-04-25T00:00:00Z') }).returning();
const application = async (status: string, organisationId = windFarm.id) =>
  (await env.db.insert(fundingApplications).values({ callId: call!.id, organisationId, applicantUserId: organisationId === windFarm.id ? member.id : otherMember.id, title: `2MW 风机变桨系统国产化 ${status}`, summary: '变桨控制系统国产化。', requestedFen: 20_000_000, status, score: 80, rank: 1, awardFen: status === 'not_awarded' ? null : 18_000_000 }).returning())[0]!.id;
const awarded = await application('awarded');
const notAwarded = await application('not_awarded');

async function upload(c: TestClient, name: string) {
  const m = multipart('attachment', { name, data: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });
  const res = await c.request('POST', '/api/v1/files', m.body, m.headers);
  expect(res.status).toBe(200);
  return res.body.id as string;
}
const row = async (id: string) => (await env.db.select().from(fundingApplications).where(eq(fundingApplications.id, id)))[0]!;
const events = async (id: string) => (await env.db.select().from(fundingEvents).where(eq(fundingEvents.applicationId, id))).map((e) => e.event);
async function inbox(userId: string, kind: string) {
  const rows = await env.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return rows.map((r) => renderNotification(kind, r.params as Record<string, unknown>, 'zh-CN').body);
}
const path = (id: string) => `/api/v1/funding/applications/${id}/acceptance-application`;

describe('acceptance of an awarded project', () => {
  let report = '';
  it('refuses to pass or return before the awardee applies, and every bad application, changing nothing', async () => {
    report = await upload(M, '项目验收报告.pdf');
    const before = await row(awarded);
    const early = await A.post(`/api/v1/funding/applications/${awarded}/acceptance`, { note: '通过' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未提交验收申请');
    expect((await A.post(`${path(awarded)}/return`, { note: '补充材料' })).status).toBe(409);

    const body = { report: '变桨系统已批量装机 120 台，国产化率 95%。', documents: [{ name: '项目验收报告', fileId: report }] };
    expect((await M.post(path(awarded), { ...body, documents: [] })).status).toBe(400);
    const foreignFile = await M.post(path(awarded), { ...body, documents: [{ name: '别人的', fileId: await upload(O, 'x.pdf') }] });
    expect(foreignFile.status).toBe(400);
    expect(foreignFile.body.error.fields[0].path).toBe('documents.0.fileId');
    const expertsFile = await M.post(path(awarded), { ...body, documents: [{ name: '专家的', fileId: await upload(X, 'y.pdf') }] });
    expect(expertsFile.body.error.fields[0].path).toBe('documents.0.fileId');
    expect((await O.post(path(awarded), body)).status).toBe(404); // another organisation's project
    expect((await X.post(path(awarded), body)).status).toBe(403);
    expect((await A.post(path(awarded), body)).status).toBe(403);
    expect((await new TestClient(env.app).post(path(awarded), body)).status).toBe(401);
    const late = await M.post(path(notAwarded), body);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('只有已获资助');
    expect(await row(awarded)).toEqual(before);
    expect(await events(awarded)).toEqual([]);
    expect(await inbox(reviewer.id, 'funding.acceptance_submitted')).toEqual([]);
  });

  it('the awardee applies with a report and documents; the bureau is told and sees them; a second application waits', async () => {
    const res = await M.post(path(awarded), { report: '变桨系统已批量装机 120 台，国产化率 95%。', documents: [{ name: '项目验收报告', fileId: report }] });
    expect(res.status).toBe(200);
    expect(res.body.acceptance).toMatchObject({ report: '变桨系统已批量装机 120 台，国产化率 95%。', documents: [{ name: '项目验收报告', fileId: report }], submittedAt: clock.now().toISOString(), returnNote: null });
    expect(res.body.status).toBe('awarded');
    expect(await inbox(reviewer.id, 'funding.acceptance_submitted')).toEqual(['资助项目“2MW 风机变桨系统国产化 awarded”提交了验收申请，请审核。']);
    expect(await inbox(admin.id, 'funding.acceptance_submitted')).toHaveLength(1);
    const seen = await R.get(`/api/v1/funding/applications/${awarded}`);
    expect(seen.body.acceptance.documents).toEqual([{ name: '项目验收报告', fileId: report }]);
    for (const c of [A, R, C]) expect((await c.get(`/api/v1/funding/applications/${awarded}/files/${report}`)).status).toBe(200);
    expect((await O.get(`/api/v1/funding/applications/${awarded}/files/${report}`)).status).toBe(404);
    const again = await C.post(path(awarded), { report: '再次', documents: [{ name: '项目验收报告', fileId: report }] });
    expect(again.status).toBe(409);
    expect((await row(awarded)).acceptanceReport).toBe('变桨系统已批量装机 120 台，国产化率 95%。');
  });

  it('the bureau returns it with the reasons; the awardee is told, corrects it and applies again', async () => {
    expect((await M.post(`${path(awarded)}/return`, { note: 'x' })).status).toBe(403);
    expect((await A.post(`${path(awarded)}/return`, { note: '  ' })).status).toBe(400);
    clock.advance(60);
    const back = await A.post(`${path(awarded)}/return`, { note: '请补充第三方检测报告。' });
    expect(back.status).toBe(200);
    expect(back.body.acceptance).toMatchObject({ submittedAt: null, returnNote: '请补充第三方检测报告。', report: '变桨系统已批量装机 120 台，国产化率 95%。' });
    expect(await inbox(member.id, 'funding.acceptance_returned')).toEqual(['您的资助项目“2MW 风机变桨系统国产化 awarded”的验收申请被退回，请修改后重新提交：请补充第三方检测报告。']);
    expect((await A.post(`/api/v1/funding/applications/${awarded}/acceptance`, { note: '通过' })).status).toBe(409);
    clock.advance(60);
    const test = await upload(C, '第三方检测报告.pdf'); // a colleague's upload is the organisation's
    const re = await C.post(path(awarded), { report: '变桨系统已批量装机 120 台，国产化率 95%，附第三方检测报告。', documents: [{ name: '项目验收报告', fileId: report }, { name: '第三方检测报告', fileId: test }] });
    expect(re.status).toBe(200);
    expect(re.body.acceptance).toMatchObject({ returnNote: null, submittedAt: clock.now().toISOString() });
    expect(await inbox(reviewer.id, 'funding.acceptance_submitted')).toContain('资助项目“2MW 风机变桨系统国产化 awarded”重新提交了验收申请，请审核。');
  });

  it('the bureau passes it: the project is accepted, the awardee told; nothing more may happen to it', async () => {
    const [pass, ret] = await Promise.all([
      A.post(`/api/v1/funding/applications/${awarded}/acceptance`, { note: '项目通过验收，国产变桨系统运行稳定。' }),
      A.post(`${path(awarded)}/return`, { note: '同时退回' }),
    ]);
    // The row lock orders the two: whichever comes second finds it no longer waiting.
    expect([pass.status, ret.status].sort()).toEqual([200, 409]);
    if (ret.status === 200) {
      await C.post(path(awarded), { report: '再次提交。', documents: [{ name: '项目验收报告', fileId: report }] });
      expect((await A.post(`/api/v1/funding/applications/${awarded}/acceptance`, { note: '项目通过验收，国产变桨系统运行稳定。' })).status).toBe(200);
    }
    const done = await M.get(`/api/v1/funding/applications/${awarded}`);
    expect(done.body).toMatchObject({ status: 'accepted', acceptanceNote: '项目通过验收，国产变桨系统运行稳定。' });
    expect(done.body.timeline.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['acceptance_submitted', 'acceptance_returned', 'accepted']));
    expect(await inbox(member.id, 'funding.accepted')).toEqual(['您的资助项目“2MW 风机变桨系统国产化 awarded”已通过验收：项目通过验收，国产变桨系统运行稳定。']);
    const before = await row(awarded);
    expect((await A.post(`/api/v1/funding/applications/${awarded}/acceptance`, { note: '再次' })).status).toBe(409);
    expect((await A.post(`${path(awarded)}/return`, { note: '再次' })).status).toBe(409);
    expect((await M.post(path(awarded), { report: '再次', documents: [{ name: '项目验收报告', fileId: report }] })).status).toBe(409);
    expect(await row(awarded)).toEqual(before);
    const audit = await env.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, awarded));
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['funding_application.apply_acceptance', 'funding_application.return_acceptance', 'funding_application.accept']));
  });
});
