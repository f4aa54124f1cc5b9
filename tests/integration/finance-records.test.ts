import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { financeEvents, financeRecords } from '../../server/modules/finance/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { availableSource, listRecords, sumRecords } from '../../server/modules/plans/indicators/index.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, createVoucherProvider, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { multipart } from '../support/multipart.js';

const env = await setupTestEnv();
const login = (u: { username: string }) => signIn(env.app, u.username, PASSWORD);

const firm = await createOrg(env.db, { name: '凉州区风光电装备测试有限公司' });
const other = await createOrg(env.db, { name: '武威另一家测试企业' });
const pendingOrg = await createOrg(env.db, { status: 'pending' });
const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区某测试研究所' });
const firmAdmin = await createUser(env.db, { roles: ['org_admin', 'enterprise_member'], organisationId: firm.id });
const firmMember = await createUser(env.db, { roles: ['enterprise_member'], organisationId: firm.id });
const outsiderUser = await createUser(env.db, { roles: ['enterprise_member'], organisationId: other.id });
const pendingUser = await createUser(env.db, { roles: ['enterprise_member'], organisationId: pendingOrg.id });
const instituteAdmin = await createUser(env.db, { roles: ['org_admin'], organisationId: institute.id });
const reviewerUser = await createUser(env.db, { roles: ['reviewer'] });
const reviewer2User = await createUser(env.db, { roles: ['reviewer'] });
const bureauUser = await createUser(env.db, { roles: ['bureau_admin'] });

const bank = await createVoucherProvider(env.db, { name: '凉州测试科技支行', types: ['financing'] });
const lab = await createVoucherProvider(env.db, { name: '某检测测试中心', types: ['testing'] });

const member = await login(firmMember);
const admin = await login(firmAdmin);
const outsider = await login(outsiderUser);
const desk = await login(reviewerUser);
const desk2 = await login(reviewer2User);
const bureau = await login(bureauUser);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
async function uploadPdf(c: TestClient, name = '质押贷款合同.pdf'): Promise<string> {
  const m = multipart('attachment', { name, data: PDF });
  const res = await c.request('POST', '/api/v1/files', m.body, m.headers);
  expect(res.status).toBe(200);
  return res.body.id;
}
const fileId = await uploadPdf(member);
const outsiderFile = await uploadPdf(outsider, '别人的合同.pdf');

/** A pledge loan form; patent numbers constructed for the tests (check characters in shared/patent-number.test.ts). */
function pledge(over: Record<string, unknown> = {}) {
  return {
    kind: 'patent_pledge_loan',
    institutionName: '凉州测试科技支行',
    institutionId: bank.institution.id,
    amountFen: 300_000_000,
    signedOn: '2026-03-15',
    termEndOn: '2027-03-14',
    pledgedPatents: ['zl 2017 1 0123458.x', 'CN200410018477.9'],
    evaluatedValueFen: 520_000_000,
    evaluationInstitution: '甘肃某资产评估有限公司',
    subsidyRequested: true,
    subsidyAmountFen: 4_500_000,
    ...over,
  };
}
function insurance(over: Record<string, unknown> = {}) {
  return { kind: 'tech_insurance', institutionName: '某财产保险武威中心支公司', amountFen: 1_000_000_000, premiumFen: 2_400_000, signedOn: '2025-07-01', termEndOn: '2026-06-30', ...over };
}

const recordCount = async () => (await env.db.select({ n: count() }).from(financeRecords))[0]!.n;
const fields = (res: { body: { error: { fields?: { path: string }[] } } }) => (res.body.error.fields ?? []).map((f) => f.path);

async function draft(c: TestClient = member, body: Record<string, unknown> = pledge({ evidenceFileId: fileId })): Promise<string> {
  const res = await c.post('/api/v1/finance/records', body);
  expect(res.status).toBe(200);
  return res.body.id;
}
async function submitted(body?: Record<string, unknown>): Promise<string> {
  const id = await draft(member, body);
  expect((await member.post(`/api/v1/finance/records/${id}/submit`)).status).toBe(200);
  return id;
}
async function statusOf(id: string): Promise<string> {
  const [r] = await env.db.select({ s: financeRecords.status }).from(financeRecords).where(eq(financeRecords.id, id));
  return r!.s;
}

describe('registering a financing', () => {
  it('keeps a pledge loan as a draft with the patents normalised, audited, with the filer’s actions', async () => {
    const res = await member.post('/api/v1/finance/records', pledge());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      kind: 'patent_pledge_loan',
      organisation: { id: firm.id, name: firm.name },
      amountFen: 300_000_000,
      pledgedPatents: ['ZL201710123458.X', 'ZL200410018477.9'],
      institution: { id: bank.institution.id, name: bank.institution.name },
      subsidyRequested: true,
      subsidyAmountFen: 4_500_000,
      evidenceFile: null,
    });
    expect(res.body.actions.sort()).toEqual(['edit', 'submit', 'withdraw']);
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, res.body.id), eq(auditLog.action, 'finance.create')));
    expect(audit).toBeDefined();
  });

  it('registers insurance with its premium and an investment without a term end', async () => {
    const ins = await member.post('/api/v1/finance/records', insurance());
    expect(ins.status).toBe(200);
    expect(ins.body).toMatchObject({ kind: 'tech_insurance', amountFen: 1_000_000_000, premiumFen: 2_400_000, pledgedPatents: [] });
    const inv = await member.post('/api/v1/finance/records', { kind: 'equity_investment', institutionName: '武威某科技投资公司', amountFen: 800_000_000, signedOn: '2026-01-10' });
    expect(inv.status).toBe(200);
    expect(inv.body.termEndOn).toBeNull();
  });

  it.each([
    ['a wrong check character', { pledgedPatents: ['ZL201710123456.X'] }, ['pledgedPatents.0'], /校验位不正确（按前 12 位应为 0）/],
    ['a number without the ZL/CN prefix', { pledgedPatents: ['201710123456.0'] }, ['pledgedPatents.0'], /ZL 或 CN/],
    ['a patent kind that does not exist', { pledgedPatents: ['ZL201740123456.0'] }, ['pledgedPatents.0'], /第 5 位/],
    ['a filing year after this one', { pledgedPatents: ['ZL203010000001.5'] }, ['pledgedPatents.0'], /申请年份/],
    ['the same patent twice', { pledgedPatents: ['ZL201710123458.X', 'zl201710123458x'] }, ['pledgedPatents.1'], /重复/],
    ['a pledge loan without patents', { pledgedPatents: [] }, ['pledgedPatents'], /至少/],
    ['a pledge loan without its evaluation', { evaluatedValueFen: undefined, evaluationInstitution: undefined }, ['evaluatedValueFen', 'evaluationInstitution'], /评估/],
    ['a loan without a term end', { termEndOn: undefined }, ['termEndOn'], /到期日/],
    ['a term ending before the signing', { termEndOn: '2026-03-01' }, ['termEndOn'], /早于/],
    ['a signing date in the future', { signedOn: '2026-06-02', termEndOn: '2027-06-01' }, ['signedOn'], /晚于今天/],
    ['a premium on a loan', { premiumFen: 1000 }, ['premiumFen'], /保费/],
    ['a subsidy requested without an amount', { subsidyAmountFen: undefined }, ['subsidyAmountFen'], /申请金额/],
    ['a subsidy above the loan', { subsidyAmountFen: 300_000_001 }, ['subsidyAmountFen'], /3000000\.00 元/],
    ['a subsidy amount without a request', { subsidyRequested: false }, ['subsidyAmountFen'], /未申请/],
    ['an institution that is not a financing one', { institutionId: lab.institution.id }, ['institutionId'], /投融资/],
    ['a zero amount', { amountFen: 0 }, ['amountFen'], null],
    ['a negative amount', { amountFen: -100 }, ['amountFen'], null],
    ['a fractional amount', { amountFen: 300_000_000.5 }, ['amountFen'], null],
    ['an amount as text', { amountFen: '300000000' }, ['amountFen'], null],
    ['an unknown kind', { kind: 'bond' }, ['kind'], null],
    ['someone else’s file as evidence', { evidenceFileId: outsiderFile }, ['evidenceFileId'], /不是您或本单位上传的/],
  ])('refuses %s with a field error and stores nothing', async (_name, over, paths, message) => {
    const before = await recordCount();
    const res = await member.post('/api/v1/finance/records', pledge(over));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fields(res)).toEqual(expect.arrayContaining(paths));
    if (message) expect(JSON.stringify(res.body.error.fields)).toMatch(message);
    expect(await recordCount()).toBe(before);
  });

  it.each([
    ['insurance without a premium', { premiumFen: undefined }, 'premiumFen'],
    ['a premium above the sum insured', { premiumFen: 1_000_000_001 }, 'premiumFen'],
    ['patents on insurance', { pledgedPatents: ['ZL201710123458.X'] }, 'pledgedPatents'],
    ['a premium subsidy above the premium', { subsidyRequested: true, subsidyAmountFen: 2_400_001 }, 'subsidyAmountFen'],
  ])('refuses %s', async (_name, over, path) => {
    const before = await recordCount();
    const res = await member.post('/api/v1/finance/records', insurance(over));
    expect(res.status).toBe(400);
    expect(fields(res)).toContain(path);
    expect(await recordCount()).toBe(before);
  });

  it('answers in English for an English caller', async () => {
    const english = await createUser(env.db, { roles: ['enterprise_member'], organisationId: firm.id });
    const c = await login(english);
    expect((await c.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
    const res = await c.post('/api/v1/finance/records', pledge({ pledgedPatents: ['ZL201710123456.X'] }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].message).toMatch(/check character is wrong \(the 12 digits give 0\)/);
  });

  it('refuses an unverified organisation, a non-enterprise and a reviewer, storing nothing', async () => {
    const before = await recordCount();
    const pending = await (await login(pendingUser)).post('/api/v1/finance/records', pledge());
    expect(pending.status).toBe(403);
    expect(pending.body.error.code).toBe('ORG_NOT_VERIFIED');
    const inst = await (await login(instituteAdmin)).post('/api/v1/finance/records', pledge());
    expect(inst.status).toBe(403);
    expect(inst.body.error.message).toMatch(/限企业/);
    const rev = await desk.post('/api/v1/finance/records', pledge());
    expect(rev.status).toBe(403);
    expect(await recordCount()).toBe(before);
  });

  it('offers published financing institutions to pick from', async () => {
    const res = await member.get('/api/v1/finance/institutions');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ id: bank.institution.id, name: bank.institution.name });
    expect(res.body.map((i: { id: string }) => i.id)).not.toContain(lab.institution.id);
  });
});

describe('the workflow', () => {
  it('refuses to submit without the contract or policy, and changes nothing', async () => {
    const id = await draft(member, pledge());
    const res = await member.post(`/api/v1/finance/records/${id}/submit`);
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['evidenceFileId']);
    expect(await statusOf(id)).toBe('draft');
  });

  it('goes submitted → returned with a note → edited and resubmitted → verified, notifying both sides', async () => {
    const id = await draft(admin, pledge());
    const noFile = await admin.get(`/api/v1/finance/records/${id}`);
    expect(noFile.body.evidenceFile).toBeNull();
    const withFile = await admin.put(`/api/v1/finance/records/${id}`, pledge({ evidenceFileId: fileId }));
    expect(withFile.status).toBe(200);
    expect(withFile.body.evidenceFile).toMatchObject({ id: fileId, filename: '质押贷款合同.pdf' });

    const sub = await admin.post(`/api/v1/finance/records/${id}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', actions: ['withdraw'] });
    const [toReviewer] = await env.db.select().from(notifications).where(and(eq(notifications.userId, reviewerUser.id), eq(notifications.kind, 'finance.submitted')));
    expect(toReviewer?.link).toBe(`/console/finance/records/${id}`);

    const queue = await desk.get('/api/v1/finance/records?scope=desk');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const seen = await desk.get(`/api/v1/finance/records/${id}`);
    expect(seen.body.actions.sort()).toEqual(['return', 'verify']);
    expect(seen.body).toMatchObject({ subsidyRequested: true, subsidyAmountFen: 4_500_000 });

    const noNote = await desk.post(`/api/v1/finance/records/${id}/return`, { note: '  ' });
    expect(noNote.status).toBe(400);
    expect(await statusOf(id)).toBe('submitted');

    const ret = await desk.post(`/api/v1/finance/records/${id}/return`, { note: '评估报告日期晚于合同签订日期，请核对评估价值。' });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', returnNote: '评估报告日期晚于合同签订日期，请核对评估价值。' });
    const inbox = await admin.get('/api/v1/notifications');
    const note = inbox.body.items.find((n: { kind?: string; title: string }) => n.title === '科技金融登记被退回');
    expect(note.body).toContain('评估报告日期晚于合同签订日期');
    expect((await admin.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
    const inboxEn = await admin.get('/api/v1/notifications');
    expect(inboxEn.body.items.map((n: { title: string }) => n.title)).toContain('S&T financing record returned');
    expect((await admin.patch('/api/v1/me', { locale: 'zh-CN' })).status).toBe(200);
    // The member who did not file it and is no administrator is not told.
    expect((await env.db.select().from(notifications).where(and(eq(notifications.userId, firmMember.id), eq(notifications.kind, 'finance.returned')))).length).toBe(0);

    const fixed = await admin.put(`/api/v1/finance/records/${id}`, pledge({ evidenceFileId: fileId, evaluatedValueFen: 480_000_000 }));
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe('returned');
    const again = await admin.post(`/api/v1/finance/records/${id}/submit`);
    expect(again.body).toMatchObject({ status: 'submitted', returnNote: null });

    const ok = await desk.post(`/api/v1/finance/records/${id}/verify`, { note: '与合同原件一致' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'verified', actions: [], reviewer: { id: reviewerUser.id } });
    expect(ok.body.verifiedAt).toBe(env.clock.now().toISOString());
    expect(ok.body.events.map((e: { type: string }) => e.type)).toEqual(['created', 'edited', 'submitted', 'returned', 'edited', 'resubmitted', 'verified']);
    const inbox2 = await admin.get('/api/v1/notifications');
    expect(inbox2.body.items.map((n: { title: string }) => n.title)).toContain('科技金融登记已核实');

    const actions = (await env.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['finance.create', 'finance.edit', 'finance.submit', 'finance.return', 'finance.verify']));
  });

  it('withdraws a draft, after which nothing more can be done', async () => {
    const id = await draft();
    const w = await member.post(`/api/v1/finance/records/${id}/withdraw`);
    expect(w.body).toMatchObject({ status: 'withdrawn', actions: [] });
    const edit = await member.put(`/api/v1/finance/records/${id}`, pledge());
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('INVALID_STATE');
    expect((await member.post(`/api/v1/finance/records/${id}/submit`)).status).toBe(409);
    expect(await statusOf(id)).toBe('withdrawn');
  });

  it.each([
    ['edit a submitted record', 'submitted', (id: string) => member.put(`/api/v1/finance/records/${id}`, pledge({ evidenceFileId: fileId }))],
    ['submit a submitted record', 'submitted', (id: string) => member.post(`/api/v1/finance/records/${id}/submit`)],
    ['verify a draft', 'draft', (id: string) => desk.post(`/api/v1/finance/records/${id}/verify`, {})],
    ['return a draft', 'draft', (id: string) => desk.post(`/api/v1/finance/records/${id}/return`, { note: '请补充' })],
    ['return a verified record', 'verified', (id: string) => desk.post(`/api/v1/finance/records/${id}/return`, { note: '请补充' })],
    ['withdraw a verified record', 'verified', (id: string) => member.post(`/api/v1/finance/records/${id}/withdraw`)],
    ['edit a verified record', 'verified', (id: string) => member.put(`/api/v1/finance/records/${id}`, pledge({ evidenceFileId: fileId }))],
  ])('refuses to %s (INVALID_STATE) and changes nothing', async (_name, state, act) => {
    const id = state === 'draft' ? await draft() : await submitted();
    if (state === 'verified') expect((await desk.post(`/api/v1/finance/records/${id}/verify`, {})).status).toBe(200);
    const [before] = await env.db.select().from(financeRecords).where(eq(financeRecords.id, id));
    const res = await act(id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    const [after] = await env.db.select().from(financeRecords).where(eq(financeRecords.id, id));
    expect(after).toEqual(before);
  });

  it('hides a record from another organisation and refuses its moves', async () => {
    const id = await draft();
    const before = (await env.db.select({ n: count() }).from(financeEvents).where(eq(financeEvents.recordId, id)))[0]!.n;
    for (const res of [
      await outsider.get(`/api/v1/finance/records/${id}`),
      await outsider.put(`/api/v1/finance/records/${id}`, pledge()),
      await outsider.post(`/api/v1/finance/records/${id}/submit`),
      await outsider.post(`/api/v1/finance/records/${id}/withdraw`),
      await outsider.get(`/api/v1/finance/records/${id}/evidence`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await statusOf(id)).toBe('draft');
    expect((await env.db.select({ n: count() }).from(financeEvents).where(eq(financeEvents.recordId, id)))[0]!.n).toBe(before);
    const mine = await outsider.get('/api/v1/finance/records');
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('keeps the filer from reviewing and the reviewer from filing moves', async () => {
    const id = await submitted();
    const self = await admin.post(`/api/v1/finance/records/${id}/verify`, {});
    expect(self.status).toBe(403);
    const deskEdit = await desk.put(`/api/v1/finance/records/${id}`, pledge({ evidenceFileId: fileId }));
    expect(deskEdit.status).toBe(403);
    const deskOfMember = await member.get('/api/v1/finance/records?scope=desk');
    expect(deskOfMember.status).toBe(403);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('lets one of two reviewers deciding at once win; the other gets INVALID_STATE', async () => {
    const id = await submitted();
    const [a, b] = await Promise.all([desk.post(`/api/v1/finance/records/${id}/verify`, {}), desk2.post(`/api/v1/finance/records/${id}/return`, { note: '请补充评估报告' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const decided = (await env.db.select({ n: count() }).from(financeEvents).where(and(eq(financeEvents.recordId, id), eq(financeEvents.fromStatus, 'submitted'))))[0]!.n;
    expect(decided).toBe(1);
  });

  it('shows the reviewer, not the filer, another pledge of the same patent with an overlapping term', async () => {
    const patent = 'ZL202320001234.2';
    const first = await submitted(pledge({ pledgedPatents: [patent], signedOn: '2024-01-10', termEndOn: '2025-01-09', evidenceFileId: fileId }));
    expect((await desk.post(`/api/v1/finance/records/${first}/verify`, {})).status).toBe(200);
    const outsiderFile2 = await uploadPdf(outsider, '另一笔质押合同.pdf');
    const overlapping = await outsider.post('/api/v1/finance/records', pledge({ institutionId: undefined, pledgedPatents: ['CN2023200012342'], signedOn: '2024-06-01', termEndOn: '2025-05-31', evidenceFileId: outsiderFile2 }));
    expect(overlapping.status).toBe(200);
    expect((await outsider.post(`/api/v1/finance/records/${overlapping.body.id}/submit`)).status).toBe(200);
    const later = await outsider.post('/api/v1/finance/records', pledge({ institutionId: undefined, pledgedPatents: [patent], signedOn: '2025-02-01', termEndOn: '2026-01-31', evidenceFileId: outsiderFile2 }));
    expect(later.status).toBe(200);

    const seen = await desk.get(`/api/v1/finance/records/${overlapping.body.id}`);
    expect(seen.body.pledgeConflicts).toEqual([
      { recordId: first, patent, organisationName: firm.name, institutionName: '凉州测试科技支行', status: 'verified', signedOn: '2024-01-10', termEndOn: '2025-01-09' },
    ]);
    // A pledge after the first one ended does not conflict with it (and the draft above counts for no one).
    expect((await desk.get(`/api/v1/finance/records/${later.body.id}`)).body.pledgeConflicts.map((c: { recordId: string }) => c.recordId)).toEqual([overlapping.body.id]);
    expect((await outsider.get(`/api/v1/finance/records/${overlapping.body.id}`)).body.pledgeConflicts).toEqual([]);
  });

  it('serves the evidence to the filer and the bureau', async () => {
    const id = await submitted();
    const own = await member.get(`/api/v1/finance/records/${id}/evidence`);
    expect(own.status).toBe(200);
    expect(String(own.headers['content-disposition'])).toContain('attachment');
    expect((await bureau.get(`/api/v1/finance/records/${id}/evidence`)).status).toBe(200);
  });
});

// A fresh pair of enterprises so the figures below are exactly theirs.
const a = await createOrg(env.db, { name: '统计测试甲企业' });
const b = await createOrg(env.db, { name: '统计测试乙企业' });
const aUser = await login(await createUser(env.db, { roles: ['enterprise_member'], organisationId: a.id }));
const bUser = await login(await createUser(env.db, { roles: ['enterprise_member'], organisationId: b.id }));
const aFile = await uploadPdf(aUser);
const bFile = await uploadPdf(bUser);
async function verified(c: TestClient, body: Record<string, unknown>): Promise<string> {
  const r = await c.post('/api/v1/finance/records', body);
  expect(r.status).toBe(200);
  expect((await c.post(`/api/v1/finance/records/${r.body.id}/submit`)).status).toBe(200);
  expect((await desk.post(`/api/v1/finance/records/${r.body.id}/verify`, {})).status).toBe(200);
  return r.body.id;
}
describe('statistics, export and the plan', () => {
  const y2021 = [new Date('2020-12-31T16:00:00Z'), new Date('2021-12-31T16:00:00Z')] as const;
  const y2022 = [new Date('2021-12-31T16:00:00Z'), new Date('2022-12-31T16:00:00Z')] as const;

  it('counts verified records only, by the year signed and kind, and the plan sources agree', async () => {
    await verified(aUser, pledge({ institutionId: undefined, signedOn: '2021-01-01', termEndOn: '2022-01-01', amountFen: 100_000_00, evidenceFileId: aFile, subsidyRequested: false, subsidyAmountFen: undefined }));
    await verified(aUser, pledge({ institutionId: undefined, signedOn: '2021-12-31', termEndOn: '2022-12-31', amountFen: 200_000_00, pledgedPatents: ['ZL202320001234.2'], evidenceFileId: aFile, subsidyRequested: false, subsidyAmountFen: undefined }));
    await verified(bUser, insurance({ signedOn: '2021-06-01', termEndOn: '2022-05-31', amountFen: 50_000_000, premiumFen: 150_000, evidenceFileId: bFile, subsidyRequested: true, subsidyAmountFen: 75_000 }));
    await verified(bUser, pledge({ institutionId: undefined, signedOn: '2022-02-01', termEndOn: '2023-02-01', amountFen: 400_000_00, pledgedPatents: ['ZL201920000018.X'], evidenceFileId: bFile, subsidyRequested: false, subsidyAmountFen: undefined }));
    // Submitted but not verified: not counted anywhere.
    const open = await aUser.post('/api/v1/finance/records', pledge({ institutionId: undefined, signedOn: '2021-05-05', termEndOn: '2022-05-05', amountFen: 999_999_00, evidenceFileId: aFile, subsidyRequested: false, subsidyAmountFen: undefined }));
    await aUser.post(`/api/v1/finance/records/${open.body.id}/submit`);

    const s = await bureau.get('/api/v1/finance/statistics?fromYear=2021&toYear=2022');
    expect(s.status).toBe(200);
    expect(s.body.rows).toEqual([
      { year: 2021, kind: 'patent_pledge_loan', count: 2, amountFen: 300_000_00, premiumFen: 0 },
      { year: 2021, kind: 'tech_insurance', count: 1, amountFen: 50_000_000, premiumFen: 150_000 },
      { year: 2022, kind: 'patent_pledge_loan', count: 1, amountFen: 400_000_00, premiumFen: 0 },
    ]);
    expect(s.body.byYear).toEqual([
      { year: 2021, count: 3, amountFen: 80_000_000, premiumFen: 150_000, enterprises: 2 },
      { year: 2022, count: 1, amountFen: 40_000_000, premiumFen: 0, enterprises: 1 },
    ]);
    expect(s.body.totals).toEqual({ count: 4, amountFen: 120_000_000, premiumFen: 150_000, enterprises: 2, subsidyRequestedFen: 75_000 });
    const onlyInsurance = await bureau.get('/api/v1/finance/statistics?fromYear=2021&toYear=2022&kind=tech_insurance');
    expect(onlyInsurance.body.totals.count).toBe(1);
    const bad = await bureau.get('/api/v1/finance/statistics?fromYear=2023&toYear=2021');
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['fromYear']);

    const pledgeSrc = (await availableSource(env.db, 'finance-patent-pledge-amount'))!;
    expect(pledgeSrc).not.toBeNull();
    expect(await sumRecords(env.db, pledgeSrc, ...y2021)).toBe(300_000_00);
    expect(await sumRecords(env.db, pledgeSrc, ...y2022)).toBe(400_000_00);
    const ent = (await availableSource(env.db, 'finance-enterprises'))!;
    // Each enterprise once, in the year of its first verified financing.
    expect(await sumRecords(env.db, ent, ...y2021)).toBe(2);
    expect(await sumRecords(env.db, ent, ...y2022)).toBe(0);
    const drill = await listRecords(env.db, ent, y2021[0], y2021[1], { limit: 10, offset: 0 });
    expect(drill.items.map((i) => i.organisationId).sort()).toEqual([a.id, b.id].sort());
  });

  it('lists records for the bureau by enterprise or institution name, kind, year and status, a page at a time', async () => {
    const res = await bureau.get('/api/v1/finance/records?scope=all&q=统计测试甲&kind=patent_pledge_loan&year=2021&status=verified&pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ organisation: { id: a.id }, kind: 'patent_pledge_loan', status: 'verified' });
    const byBank = await bureau.get(`/api/v1/finance/records?scope=all&q=${encodeURIComponent('武威中心支公司')}&year=2021`);
    expect(byBank.body.items.map((i: { organisation: { id: string } }) => i.organisation.id)).toEqual([b.id]);
    // A % in the search is a character, not a wildcard.
    expect((await bureau.get('/api/v1/finance/records?scope=all&q=%25')).body.total).toBe(0);
    const submittedOnly = await bureau.get('/api/v1/finance/records?scope=all&q=统计测试甲&status=submitted');
    expect(submittedOnly.body.items.map((i: { amountFen: number }) => i.amountFen)).toEqual([999_999_00]);
  });

  it('exports the verified records as XLSX, filtered by year and kind', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/finance/export?year=2021&kind=patent_pledge_loan', headers: { cookie: bureau.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-export-rows']).toBe('2');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toMatch(/2021 年签订，知识产权质押贷款/);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['企业', '类型', '金融机构', '金额（元）', '质押专利', '评估价值（元）']));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.getRow(3).getCell(col('企业')).value).toBe('统计测试甲企业');
    expect(ws.getRow(3).getCell(col('金额（元）')).value).toBe(100_000);
    expect(ws.getRow(3).getCell(col('质押专利')).value).toBe('ZL201710123458.X、ZL200410018477.9');
    expect(ws.getRow(4).getCell(col('签订日期')).value).toBe('2021-12-31');
    expect(ws.getRow(5).getCell(1).value).toBe('合计');
    expect(ws.getRow(5).getCell(col('金额（元）')).value).toBe(300_000);
    const denied = await member.get('/api/v1/finance/export');
    expect(denied.status).toBe(403);
  });

  it('makes both sources selectable by a plan: importing names them without a warning and the dashboard computes them', async () => {
    const plan = {
      format: 'chengguo-plan/1',
      code: `finance-test-${Date.now()}`,
      title: '测试区科技金融指标',
      issuingBody: '测试区人民政府办公室',
      startDate: '2021-01-01',
      endDate: '2022-12-31',
      settings: { atRiskMarginPercent: 10, reportDueDays: 10, reportingFrom: '2021-01-01' },
      tasks: [{ number: 14, title: '推动专利权质押融资', measures: '推动专利权质押融资，开展科技保险。', schedule: { kind: 'continuous' }, leadUnit: 'kejiju' }],
      indicators: [
        { code: 'pledge', task: 14, name: '知识产权质押融资额', unit: 'cny', aggregation: 'yearly', source: { kind: 'computed', query: 'finance-patent-pledge-amount' }, targets: [{ year: 2021, value: 100_000_000 }] },
        { code: 'firms', task: 14, name: '获得科技金融支持的企业', unit: 'count', aggregation: 'cumulative', source: { kind: 'computed', query: 'finance-enterprises' }, targets: [{ year: 2022, value: 5 }] },
      ],
    };
    const res = await bureau.post('/api/v1/plans/import', { plan });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([]);
    const dash = await bureau.get(`/api/v1/plans/${res.body.id}/dashboard?year=2022`);
    expect(dash.status).toBe(200);
    const ind = (code: string) => dash.body.indicators.find((i: { code: string }) => i.code === code);
    expect(ind('pledge')).toMatchObject({ source: 'computed', value: 400_000_00 });
    expect(ind('firms')).toMatchObject({ source: 'computed', value: 2 });
  });
});
