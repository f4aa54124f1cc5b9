import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { achievements } from '../../server/modules/catalog/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { addDays, districtToday } from '../../server/modules/projects/due-dates.js';
import { fundedProjects, projectObligations } from '../../server/modules/projects/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

type User = Awaited<ReturnType<typeof createUser>>;

async function as(roles: Role[], organisationId?: string): Promise<{ user: User; client: TestClient }> {
  const user = await createUser(env.db, { roles, organisationId });
  return { user, client: await signIn(env.app, user.username, PASSWORD) };
}

/** A fresh session: moving the test clock past the idle timeout ends the old ones. */
const again = (u: User) => signIn(env.app, u.username, PASSWORD);

let seq = 0;
const projectNo = () => `LZKJ-2026-${String(++seq).padStart(3, '0')}-${Date.now() % 100000}`;

function projectBody(orgId: string, over: Record<string, unknown> = {}) {
  return {
    programme: '凉州区科技计划',
    projectNo: projectNo(),
    title: '甜高粱秸秆青贮饲料加工关键技术集成与示范',
    undertakingOrgId: orgId,
    startDate: '2025-01-01',
    endDate: '2026-12-31',
    amountFen: 50_000_000,
    ...over,
  };
}

async function lastAudit(action: string, entityId: string) {
  const [row] = await env.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

async function obligationRow(id: string) {
  return (await env.db.select().from(projectObligations).where(eq(projectObligations.id, id)))[0]!;
}

async function insertAchievement(organisationId: string, status = 'draft') {
  const [a] = await env.db
    .insert(achievements)
    .values({ organisationId, title: '风光电互补提水灌溉智能控制系统', status })
    .returning();
  return a!;
}

async function insertFile(organisationId: string, contentType = 'application/pdf', filename = '科技报告.pdf') {
  const data = Buffer.from(`%PDF-1.7 ${filename} ${Math.random()}`);
  const [f] = await env.db
    .insert(files)
    .values({
      organisationId,
      purpose: 'attachment',
      filename,
      contentType,
      sizeBytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
    })
    .returning();
  return f!;
}

const bureau = await as(['reviewer']);
const unitOrg = await createOrg(env.db, { name: `凉州区绿洲农业科技有限公司${Date.now()}` });
const unitAdmin = await as(['org_admin', 'enterprise_member'], unitOrg.id);
const unitMember = await as(['enterprise_member'], unitOrg.id);
const otherOrg = await createOrg(env.db, { name: `武威其他企业${Date.now()}` });
const outsider = await as(['enterprise_member', 'org_admin'], otherOrg.id);

/** Register a project for `orgId` and add obligations; returns the detail. */
async function projectWith(orgId: string, obligations: { kind: 'achievement' | 'report'; title: string; dueDate: string }[], client = bureau.client) {
  const res = await client.post('/api/v1/projects', projectBody(orgId));
  expect(res.status).toBe(200);
  const obls = [];
  for (const o of obligations) {
    const r = await client.post(`/api/v1/projects/${res.body.id}/obligations`, o);
    expect(r.status).toBe(200);
    obls.push(r.body);
  }
  return { project: res.body, obligations: obls };
}

describe('the register of funded projects', () => {
  it('lets the bureau register a project for a verified unit, audited, and shows it with its actions', async () => {
    const body = projectBody(unitOrg.id);
    const res = await bureau.client.post('/api/v1/projects', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      programme: '凉州区科技计划',
      projectNo: body.projectNo,
      undertakingOrg: { id: unitOrg.id, name: unitOrg.name },
      amountFen: 50_000_000,
      startDate: '2025-01-01',
      obligations: [],
      obligationCounts: { total: 0, accepted: 0, overdue: 0 },
      actions: ['update', 'define_obligation'],
    });
    expect(await lastAudit('project.register', res.body.id)).toMatchObject({ changes: { projectNo: { before: null, after: body.projectNo } } });
  });

  it('keeps project numbers unique within a programme, not across programmes', async () => {
    const body = projectBody(unitOrg.id);
    expect((await bureau.client.post('/api/v1/projects', body)).status).toBe(200);
    const dup = await bureau.client.post('/api/v1/projects', { ...body, title: '另一个项目' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('projectNo');
    const other = await bureau.client.post('/api/v1/projects', { ...body, programme: '武威市科技计划' });
    expect(other.status).toBe(200);
  });

  it('refuses an unverified undertaking unit, a period running backwards and a negative amount, naming the field and saving nothing', async () => {
    const pending = await createOrg(env.db, { status: 'pending' });
    const cases: [Record<string, unknown>, string][] = [
      [projectBody(pending.id), 'undertakingOrgId'],
      [projectBody('00000000-0000-4000-8000-000000000000'), 'undertakingOrgId'],
      [projectBody(unitOrg.id, { startDate: '2026-05-01', endDate: '2026-04-30' }), 'endDate'],
      [projectBody(unitOrg.id, { amountFen: -1 }), 'amountFen'],
      [projectBody(unitOrg.id, { startDate: '2026-02-30' }), 'startDate'],
    ];
    for (const [body, field] of cases) {
      const res = await bureau.client.post('/api/v1/projects', body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(await env.db.select().from(fundedProjects).where(eq(fundedProjects.projectNo, body.projectNo as string))).toHaveLength(0);
    }
  });

  it('refuses registration and editing by the unit itself (403)', async () => {
    const res = await unitAdmin.client.post('/api/v1/projects', projectBody(unitOrg.id));
    expect(res.status).toBe(403);
    const { project } = await projectWith(unitOrg.id, []);
    expect((await unitAdmin.client.patch(`/api/v1/projects/${project.id}`, { amountFen: 1 })).status).toBe(403);
  });

  it('lets the bureau edit a project, auditing the change, and refuses a clashing number', async () => {
    const { project } = await projectWith(unitOrg.id, []);
    const { project: other } = await projectWith(unitOrg.id, []);
    const res = await bureau.client.patch(`/api/v1/projects/${project.id}`, { title: '医用重离子加速器配套冷却系统研制', amountFen: 30_000_000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '医用重离子加速器配套冷却系统研制', amountFen: 30_000_000 });
    expect(await lastAudit('project.update', project.id)).toMatchObject({
      changes: { amountFen: { before: 50_000_000, after: 30_000_000 } },
    });
    const clash = await bureau.client.patch(`/api/v1/projects/${project.id}`, { projectNo: other.projectNo });
    expect(clash.status).toBe(409);
  });

  it('shows the unit its own projects only, and filters by programme, unit, status and overdue', async () => {
    const today = districtToday(env.clock.now());
    const programme = `筛选计划${Date.now()}`;
    const res = await bureau.client.post('/api/v1/projects', projectBody(unitOrg.id, { programme }));
    const late = await bureau.client.post(`/api/v1/projects/${res.body.id}/obligations`, { kind: 'report', title: '年度科技报告', dueDate: addDays(today, -3) });
    expect(late.body).toMatchObject({ overdue: true, daysOverdue: 3, status: 'pending' });
    const theirs = await bureau.client.post('/api/v1/projects', projectBody(otherOrg.id, { programme }));

    const mine = await unitMember.client.get(`/api/v1/projects?programme=${encodeURIComponent(programme)}`);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    expect(mine.body.items[0].actions).toEqual([]);
    expect(mine.body.items[0].obligationCounts).toEqual({ total: 1, accepted: 0, overdue: 1 });
    expect((await outsider.client.get(`/api/v1/projects/${res.body.id}`)).status).toBe(403);
    expect((await unitMember.client.get(`/api/v1/projects/${res.body.id}`)).body.obligations[0].actions).toEqual(['submit']);

    const q = (s: string) => bureau.client.get(`/api/v1/projects?programme=${encodeURIComponent(programme)}&${s}`);
    expect((await q('')).body.total).toBe(2);
    expect((await q(`orgId=${otherOrg.id}`)).body.items.map((p: { id: string }) => p.id)).toEqual([theirs.body.id]);
    expect((await q('overdueOnly=true')).body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    expect((await q('status=pending')).body.total).toBe(1);
    expect((await q('status=accepted')).body.total).toBe(0);
  });
});

describe('achievement obligations', () => {
  it('runs pending → submitted → returned → submitted → accepted, each step audited, the unit told', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'achievement', title: '登记甜高粱青贮技术成果', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const achievement = await insertAchievement(unitOrg.id, 'draft');

    const submitted = await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: achievement.id });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', achievement: { id: achievement.id, status: 'draft' }, actions: [] });
    expect(await lastAudit('obligation.submit', id)).toMatchObject({ changes: { status: { before: 'pending', after: 'submitted' } } });

    const twice = await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: achievement.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');

    // The bureau cannot accept an achievement that has not been published.
    const early = await bureau.client.post(`/api/v1/obligations/${id}/acceptance`, {});
    expect(early.status).toBe(409);
    expect((await obligationRow(id)).status).toBe('submitted');

    const noNote = await bureau.client.post(`/api/v1/obligations/${id}/return`, { note: '  ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields[0].path).toBe('note');

    const returned = await bureau.client.post(`/api/v1/obligations/${id}/return`, { note: '成果尚未提交审核，请先在成果库提交' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewNote: '成果尚未提交审核，请先在成果库提交' });
    expect(await lastAudit('obligation.return', id)).toBeTruthy();
    const told = await env.db.select().from(notifications).where(and(eq(notifications.userId, unitAdmin.user.id), eq(notifications.kind, 'obligation.returned')));
    expect(told).toHaveLength(1);
    expect(told[0]!.params).toMatchObject({ obligationTitle: '登记甜高粱青贮技术成果', note: '成果尚未提交审核，请先在成果库提交' });

    expect((await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: achievement.id })).status).toBe(200);
    expect(await lastAudit('obligation.resubmit', id)).toBeTruthy();

    await env.db.update(achievements).set({ status: 'published' }).where(eq(achievements.id, achievement.id));
    const accepted = await bureau.client.post(`/api/v1/obligations/${id}/acceptance`, { note: '已核验' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', overdue: false, reviewNote: '已核验', actions: [] });
    expect(await lastAudit('obligation.accept', id)).toMatchObject({ changes: { status: { before: 'submitted', after: 'accepted' } } });

    // Accepted is final.
    expect((await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: achievement.id })).status).toBe(409);
    expect((await bureau.client.post(`/api/v1/obligations/${id}/return`, { note: '再看看' })).status).toBe(409);
    expect((await bureau.client.patch(`/api/v1/obligations/${id}`, { dueDate: '2027-01-31' })).status).toBe(409);
  });

  it('refuses someone else’s achievement, a missing one, another unit and an unverified unit, changing nothing', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'achievement', title: '登记机械治沙成果', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const foreign = await insertAchievement(otherOrg.id, 'published');
    const own = await insertAchievement(unitOrg.id, 'published');
    const url = `/api/v1/obligations/${id}/submission`;

    const theirs = await unitMember.client.post(url, { achievementId: foreign.id });
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.fields[0].path).toBe('achievementId');
    const none = await unitMember.client.post(url, {});
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].path).toBe('achievementId');

    const wrongOrg = await outsider.client.post(url, { achievementId: foreign.id });
    expect(wrongOrg.status).toBe(403);
    expect((await bureau.client.post(url, { achievementId: own.id })).status).toBe(403);

    await env.db.update(organisations).set({ verificationStatus: 'rejected' }).where(eq(organisations.id, unitOrg.id));
    try {
      const unverified = await unitMember.client.post(url, { achievementId: own.id });
      expect(unverified.status).toBe(403);
      expect(unverified.body.error.code).toBe('ORG_NOT_VERIFIED');
    } finally {
      await env.db.update(organisations).set({ verificationStatus: 'verified' }).where(eq(organisations.id, unitOrg.id));
    }
    expect(await obligationRow(id)).toMatchObject({ status: 'pending', achievementId: null, submittedAt: null });
  });

  it('takes one of two simultaneous submissions and refuses the other (row lock)', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'achievement', title: '登记成果', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const a = await insertAchievement(unitOrg.id);
    const b = await insertAchievement(unitOrg.id);
    const results = await Promise.all([
      unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: a.id }),
      unitAdmin.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: b.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.achievement.id;
    expect((await obligationRow(id)).achievementId).toBe(winner);
    const audits = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'obligation.submit'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(1);
  });

  it('lets only the bureau decide, and only on a submitted obligation', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'achievement', title: '登记成果', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    expect((await bureau.client.post(`/api/v1/obligations/${id}/acceptance`, {})).status).toBe(409);
    expect((await bureau.client.post(`/api/v1/obligations/${id}/return`, { note: '缺材料' })).status).toBe(409);
    const achievement = await insertAchievement(unitOrg.id, 'published');
    await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { achievementId: achievement.id });
    expect((await unitAdmin.client.post(`/api/v1/obligations/${id}/acceptance`, {})).status).toBe(403);
    expect((await unitAdmin.client.post(`/api/v1/obligations/${id}/return`, { note: 'x' })).status).toBe(403);
    expect((await obligationRow(id)).status).toBe('submitted');
  });

  it('lets the bureau move a due date and change the kind only before anything was submitted', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'achievement', title: '登记成果', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const moved = await bureau.client.patch(`/api/v1/obligations/${id}`, { dueDate: '2027-03-31', kind: 'report' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueDate: '2027-03-31', kind: 'report' });
    expect(await lastAudit('obligation.update', id)).toMatchObject({ changes: { dueDate: { before: '2026-12-31', after: '2027-03-31' } } });
    const file = await insertFile(unitOrg.id);
    expect((await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { reportNumber: `LZKJ--2027/${seq++}`, fileId: file.id })).status).toBe(200);
    const kind = await bureau.client.patch(`/api/v1/obligations/${id}`, { kind: 'achievement' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.fields[0].path).toBe('kind');
  });
});

describe('科技报告 obligations', () => {
  it('takes a valid report number (normalised) and the unit’s own PDF', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'report', title: '项目验收科技报告', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const pdf = await insertFile(unitOrg.id);
    const res = await unitMember.client.post(`/api/v1/obligations/${id}/submission`, { reportNumber: ' ｇｓ－２０２６—000123 ', fileId: pdf.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', reportNumber: 'GS-2026-000123', file: { id: pdf.id, filename: '科技报告.pdf' } });
    const reviewers = await env.db.select().from(notifications).where(and(eq(notifications.userId, bureau.user.id), eq(notifications.kind, 'obligation.submitted')));
    expect(reviewers.length).toBeGreaterThan(0);

    // The same report number cannot meet a second obligation.
    const { obligations: second } = await projectWith(unitOrg.id, [{ kind: 'report', title: '中期科技报告', dueDate: '2026-12-31' }]);
    const dup = await unitMember.client.post(`/api/v1/obligations/${second[0].id}/submission`, { reportNumber: 'GS-2026-000123', fileId: pdf.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('reportNumber');

    const accepted = await bureau.client.post(`/api/v1/obligations/${id}/acceptance`, {});
    expect(accepted.body.status).toBe('accepted');
  });

  it('refuses a bad report number, a non-PDF, another unit’s file and a missing file, naming each field and changing nothing', async () => {
    const { obligations } = await projectWith(unitOrg.id, [{ kind: 'report', title: '年度科技报告', dueDate: '2026-12-31' }]);
    const id = obligations[0].id;
    const pdf = await insertFile(unitOrg.id);
    const png = await insertFile(unitOrg.id, 'image/png', '报告.pdf');
    const theirs = await insertFile(otherOrg.id);
    const url = `/api/v1/obligations/${id}/submission`;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ reportNumber: '第2026号报告', fileId: pdf.id }, ['reportNumber']],
      [{ reportNumber: 'GS2026000123', fileId: pdf.id }, ['reportNumber']],
      [{ reportNumber: 'LZKJ--2026/015', fileId: png.id }, ['fileId']],
      [{ reportNumber: 'LZKJ--2026/015', fileId: theirs.id }, ['fileId']],
      [{ reportNumber: 'LZKJ--2026/015' }, ['fileId']],
      [{}, ['reportNumber', 'fileId']],
    ];
    for (const [body, fields] of cases) {
      const res = await unitMember.client.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(fields);
      expect(res.body.error.fields[0].message).toBeTruthy();
    }
    expect(await obligationRow(id)).toMatchObject({ status: 'pending', reportNumber: null, fileId: null });
  });
});

describe('overdue supervision', () => {
  it('turns overdue at the district’s midnight after the due date, counts the days, and exports the list to XLSX', async () => {
    const org = await createOrg(env.db, { name: `逾期测试单位${Date.now()}` });
    const today = districtToday(env.clock.now());
    const { project, obligations } = await projectWith(org.id, [
      { kind: 'report', title: '结题科技报告', dueDate: today },
      { kind: 'achievement', title: '登记成果', dueDate: addDays(today, 30) },
    ]);
    const overdue = async () => {
      const client = await again(bureau.user);
      return (await client.get(`/api/v1/obligations/overdue?orgId=${org.id}`)).body;
    };
    expect((await overdue()).total).toBe(0);

    // To one second before midnight in Beijing (16:00 UTC) on the due date: still on time.
    const now = env.clock.now();
    const midnight = Date.parse(`${today}T16:00:00Z`);
    env.clock.advance((midnight - now.getTime()) / 1000 - 1);
    expect((await overdue()).total).toBe(0);

    env.clock.advance(1);
    const list = await overdue();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: obligations[0].id,
      title: '结题科技报告',
      daysOverdue: 1,
      status: 'pending',
      project: { id: project.id, projectNo: project.projectNo },
      undertakingOrg: { id: org.id, name: org.name },
    });

    env.clock.advance(2 * 86400);
    expect((await overdue()).items[0].daysOverdue).toBe(3);
    const detail = await (await again(bureau.user)).get(`/api/v1/projects/${project.id}`);
    expect(detail.body.obligations.map((o: { daysOverdue: number }) => o.daysOverdue)).toEqual([3, 0]);

    // Submitted but not yet accepted stays on the list (the bureau sees what awaits its review).
    const member = await createUser(env.db, { roles: ['researcher'], organisationId: org.id });
    const pdf = await insertFile(org.id);
    const sub = await (await again(member)).post(`/api/v1/obligations/${obligations[0].id}/submission`, { reportNumber: 'MA01ABCD3-LZ2026KJ012/01', fileId: pdf.id });
    expect(sub.status).toBe(200);
    expect((await overdue()).items[0]).toMatchObject({ status: 'submitted', daysOverdue: 3 });

    const client = await again(bureau.user);
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/obligations/overdue/export?orgId=${org.id}`, headers: { cookie: client.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('逾期义务');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['计划类别', '项目编号', '项目名称', '承担单位', '义务类型', '义务名称', '截止日期', '逾期天数', '状态', '最近提醒时间']);
    expect((ws.getRow(2).values as unknown[]).slice(1, 10)).toEqual([
      '凉州区科技计划',
      project.projectNo,
      project.title,
      org.name,
      '科技报告',
      '结题科技报告',
      today,
      3,
      '已提交待审核',
    ]);
    expect(ws.rowCount).toBe(2);

    // Accepted leaves the list.
    expect((await client.post(`/api/v1/obligations/${obligations[0].id}/acceptance`, {})).status).toBe(200);
    expect((await overdue()).total).toBe(0);
  });

  it('keeps the overdue list and its export from the units (403)', async () => {
    const client = await again(unitAdmin.user);
    expect((await client.get('/api/v1/obligations/overdue')).status).toBe(403);
    expect((await client.get('/api/v1/obligations/overdue/export')).status).toBe(403);
  });
});

describe('reminders', () => {
  it('reminds the unit’s administrators 7 days before and after the due date, at most once a week, in-app and by e-mail', async () => {
    const org = await createOrg(env.db, { name: `提醒测试单位${Date.now()}` });
    const admin = await createUser(env.db, { roles: ['org_admin', 'researcher'], organisationId: org.id });
    const member = await createUser(env.db, { roles: ['researcher'], organisationId: org.id });
    const today = districtToday(env.clock.now());
    const { project, obligations } = await projectWith(org.id, [
      { kind: 'report', title: '结题科技报告', dueDate: addDays(today, 10) },
      { kind: 'report', title: '已提交的报告', dueDate: addDays(today, -20) },
      { kind: 'achievement', title: '已验收的成果', dueDate: addDays(today, -20) },
    ], await again(bureau.user));
    const [watched, submitted, accepted] = obligations.map((o: { id: string }) => o.id) as [string, string, string];
    await env.db.update(projectObligations).set({ status: 'submitted' }).where(eq(projectObligations.id, submitted));
    await env.db.update(projectObligations).set({ status: 'accepted' }).where(eq(projectObligations.id, accepted));

    const reminders = async () =>
      (await env.db.select().from(notifications).where(inArray(notifications.userId, [admin.id, member.id]))).filter((n) =>
        n.kind.startsWith('obligation.'),
      );
    const mails = async () => env.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, admin.email!));
    const day = async (days: number) => {
      env.clock.advance(days * 86400);
      await env.drainJobs();
    };

    await day(1); // 9 days left: too early
    expect(await reminders()).toHaveLength(0);

    await day(2); // 7 days left
    let got = await reminders();
    expect(got.map((n) => [n.userId, n.kind])).toEqual([[admin.id, 'obligation.due_soon']]);
    expect(got[0]!.params).toEqual({ projectTitle: project.title, obligationTitle: '结题科技报告', dueDate: addDays(today, 10), daysOverdue: 0 });
    expect(got[0]!.link).toBe(`/console/projects/${project.id}`);
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain('结题科技报告');
    expect(sent[0]!.bodyText).toContain(addDays(today, 10));
    expect((await obligationRow(watched)).lastRemindedAt?.toISOString()).toBe(env.clock.now().toISOString());
    expect(await lastAudit('obligation.remind', watched)).toMatchObject({ changes: { kind: 'obligation.due_soon', recipients: 1 } });

    await day(1);
    await day(5); // due date passed? no: due today+10, now today+9
    expect(await reminders()).toHaveLength(1);

    await day(2); // one day overdue, eight days after the last reminder
    got = await reminders();
    expect(got).toHaveLength(2);
    expect(got.find((n) => n.kind === 'obligation.overdue')!.params).toMatchObject({ daysOverdue: 1 });
    expect(await mails()).toHaveLength(2);

    await day(6); // six days after the last: not yet
    expect(await reminders()).toHaveLength(2);
    await day(1); // seven days after: again
    got = await reminders();
    expect(got).toHaveLength(3);
    expect(got.filter((n) => n.kind === 'obligation.overdue').map((n) => (n.params as { daysOverdue: number }).daysOverdue).sort()).toEqual([1, 8]);

    // Submitted (the bureau's turn) and accepted obligations are never reminded.
    expect((await obligationRow(submitted)).lastRemindedAt).toBeNull();
    expect((await obligationRow(accepted)).lastRemindedAt).toBeNull();
  });
});
