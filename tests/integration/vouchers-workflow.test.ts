import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { availableSource, sumRecords } from '../../server/modules/plans/indicators/index.js';
import { expireVouchers } from '../../server/modules/vouchers/expire-vouchers.js';
import { totalsFromEntries } from '../../server/modules/vouchers/ledger.js';
import { voucherApplications, voucherEntries, voucherProgrammes, voucherRedemptions, vouchers } from '../../server/modules/vouchers/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, createVoucherProvider, PASSWORD } from '../support/factories.js';
import { setupTestEnv, TestClock } from '../support/harness.js';

const clock = new TestClock(Date.parse('2026-06-01T02:00:00Z'));
const env = await setupTestEnv({ clock });
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const township = await createOrg(env.db, { type: 'township', name: '凉州区黄羊镇' });
const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
await env.db.update(organisations).set({ regionCode: '620602', contactName: '赵经理', contactPhone: '13809352222' }).where(eq(organisations.id, dairy.id));
const farmCo = await createOrg(env.db, { name: '凉州区绿源种植合作社有限公司' });
await env.db.update(organisations).set({ regionCode: '620602' }).where(eq(organisations.id, farmCo.id));
const outOfDistrict = await createOrg(env.db, { name: '兰州某科技有限公司' });
await env.db.update(organisations).set({ regionCode: '620102' }).where(eq(organisations.id, outOfDistrict.id));
const pendingCo = await createOrg(env.db, { status: 'pending' });
const lab = await createVoucherProvider(env.db, {
  name: '武威市农产品质量检测中心',
  types: ['testing'],
  services: [
    { category: 'testing', name: '乳制品理化指标检测', priceFen: 800_000 },
    { category: 'testing', name: '饲料霉菌毒素检测', priceFen: null },
  ],
});
// A provider sharing the dairy's contact person (related parties).
const related = await createVoucherProvider(env.db, { name: '凉州区祁连咨询服务部', types: ['consulting', 'testing'], contact: { name: '赵经理', phone: '138-0935-2222' } });
const unregistered = await createOrg(env.db, { type: 'service_institution', name: '未登记的检测公司' });

const dairyMember = await person(['enterprise_member'], dairy.id);
const farmMember = await person(['enterprise_member'], farmCo.id);
const outsider = await person(['enterprise_member'], outOfDistrict.id);
const pendingMember = await person(['enterprise_member'], pendingCo.id);
const labMember = await person(['service_member'], lab.org.id);
const relatedMember = await person(['service_member'], related.org.id);
const unregisteredMember = await person(['service_member'], unregistered.id);
const reviewer = await person(['reviewer']);
const admin = await person(['bureau_admin']);
const auditor = await person(['auditor']);

const [A, R, D, F, L, RL, U, O, P] = (await Promise.all([admin, reviewer, dairyMember, farmMember, labMember, relatedMember, unregisteredMember, outsider, pendingMember].map(login))) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];

async function attachment(organisationId: string, uploadedBy: string, name: string) {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db
    .insert(files)
    .values({ organisationId, uploadedBy, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .returning();
  return f!.id;
}
async function evidence(orgId: string, userId: string) {
  return {
    contractFileId: await attachment(orgId, userId, '技术服务合同.pdf'),
    invoiceFileId: await attachment(orgId, userId, '增值税发票.pdf'),
    ownShareProofFileId: await attachment(orgId, userId, '自付部分银行回单.pdf'),
  };
}

const programmeBody = {
  name: '2026 年凉州区科技创新券（检验检测）',
  eligibility: { sizes: ['micro', 'small', 'medium'], regionPrefixes: ['620602'], verifiedOnly: true },
  serviceCategories: ['testing', 'consulting'],
  coverageBp: 5000,
  yearlyCapFen: 1_000_000,
  faceValuesFen: [200_000, 500_000],
  validityDays: 90,
  redeemer: 'provider',
  budgetFen: 1_200_000,
};

async function entryCount() {
  const [r] = await env.db.select({ n: count() }).from(voucherEntries);
  return r!.n;
}
async function programmeRow(id: string) {
  const [p] = await env.db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id));
  return p!;
}

let programmeId = '';

describe('programmes', () => {
  it('the bureau creates a programme with its budget in the ledger; others cannot; bad bodies change nothing', async () => {
    const before = await env.db.select({ n: count() }).from(voucherProgrammes);
    expect((await R.post('/api/v1/vouchers/programmes', programmeBody)).status).toBe(403);
    const bad = await A.post('/api/v1/vouchers/programmes', { ...programmeBody, coverageBp: 0, faceValuesFen: [2_000_000] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const frac = await A.post('/api/v1/vouchers/programmes', { ...programmeBody, budgetFen: 10.5 });
    expect(frac.status).toBe(400);
    expect(await env.db.select({ n: count() }).from(voucherProgrammes)).toEqual(before);

    const res = await A.post('/api/v1/vouchers/programmes', programmeBody);
    expect(res.status).toBe(200);
    programmeId = res.body.id;
    expect(res.body.status).toBe('draft');
    expect(res.body.balance).toMatchObject({ allocatedFen: 1_200_000, availableFen: 1_200_000, outstandingFen: 0 });
    const [entry] = await env.db.select().from(voucherEntries).where(eq(voucherEntries.programmeId, programmeId));
    expect(entry).toMatchObject({ kind: 'allocate', amountFen: 1_200_000 });
  });

  it('draft programmes are invisible to enterprises and take no applications until opened', async () => {
    expect((await D.get(`/api/v1/vouchers/programmes/${programmeId}`)).status).toBe(404);
    const list = await D.get('/api/v1/vouchers/programmes');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(programmeId);
    const res = await D.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'testing', serviceDescription: '检测', requestedFen: 200_000 });
    expect(res.status).toBe(400);
    expect((await A.post(`/api/v1/vouchers/programmes/${programmeId}/status`, { status: 'closed' })).status).toBe(409);
    expect((await A.post(`/api/v1/vouchers/programmes/${programmeId}/status`, { status: 'open' })).body.status).toBe('open');
    expect((await D.get(`/api/v1/vouchers/programmes/${programmeId}`)).body.actions).toContain('apply');
  });

  it('allocating more budget is idempotent by key; a reused key with another amount is refused', async () => {
    const body = { amountFen: 300_000, note: '追加预算（区财政）', idempotencyKey: 'alloc-2026-06-a' };
    const first = await A.post(`/api/v1/vouchers/programmes/${programmeId}/allocations`, body);
    const again = await A.post(`/api/v1/vouchers/programmes/${programmeId}/allocations`, body);
    expect(first.body.balance.allocatedFen).toBe(1_500_000);
    expect(again.body.balance.allocatedFen).toBe(1_500_000);
    const clash = await A.post(`/api/v1/vouchers/programmes/${programmeId}/allocations`, { ...body, amountFen: 1 });
    expect(clash.status).toBe(422);
    expect(clash.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await programmeRow(programmeId)).allocatedFen).toBe(1_500_000);
  });
});

let applicationId = '';
let voucherCode = '';
let voucherId = '';

describe('applications and issue', () => {
  it('refuses ineligible applicants at once with reasons, changing nothing', async () => {
    const before = await env.db.select({ n: count() }).from(voucherApplications);
    const pending = await P.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'testing', serviceDescription: '检测', requestedFen: 200_000 });
    expect(pending.status).toBe(422);
    expect(pending.body.error.code).toBe('NOT_ELIGIBLE');
    const wrongCat = await D.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'legal', serviceDescription: '法律服务', requestedFen: 200_000 });
    expect(wrongCat.status).toBe(422);
    expect(wrongCat.body.error.fields[0].path).toBe('serviceCategory');
    expect((await L.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'testing', serviceDescription: '检测', requestedFen: 200_000 })).status).toBe(403);
    expect(await env.db.select({ n: count() }).from(voucherApplications)).toEqual(before);
  });

  it('shows the reviewer every eligibility check with its reason, and refuses to issue when one blocks', async () => {
    const res = await O.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'large', serviceCategory: 'testing', providerOrgId: unregistered.id, serviceDescription: '产品检测', requestedFen: 200_000 });
    expect(res.status).toBe(200);
    const checks = Object.fromEntries(res.body.checks.map((c: { code: string; ok: boolean; message: string }) => [c.code, c]));
    expect(checks.size).toMatchObject({ ok: false });
    expect(checks.region).toMatchObject({ ok: false });
    expect(checks.region.message).toContain('620102');
    expect(checks.provider_registered).toMatchObject({ ok: false });
    expect(checks.category).toMatchObject({ ok: true });
    const before = await entryCount();
    const approve = await R.post(`/api/v1/vouchers/applications/${res.body.id}/decision`, { decision: 'approve', faceValuesFen: [200_000] });
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe('NOT_ELIGIBLE');
    expect(approve.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['provider_registered', 'region', 'size']);
    expect(await entryCount()).toBe(before);
    // Rejection needs a reason.
    expect((await R.post(`/api/v1/vouchers/applications/${res.body.id}/decision`, { decision: 'reject' })).status).toBe(400);
    const rej = await R.post(`/api/v1/vouchers/applications/${res.body.id}/decision`, { decision: 'reject', note: '注册地不在凉州区，且为大型企业。' });
    expect(rej.body.status).toBe('rejected');
    expect((await R.post(`/api/v1/vouchers/applications/${res.body.id}/decision`, { decision: 'reject', note: '再次' })).status).toBe(409);
  });

  it('an eligible enterprise applies; approval issues vouchers with unique codes, reserving budget', async () => {
    const res = await D.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', townshipOrgId: township.id, serviceCategory: 'testing', providerOrgId: lab.org.id, serviceDescription: '乳制品理化指标检测（全年 12 批次）', requestedFen: 700_000 });
    expect(res.status).toBe(200);
    applicationId = res.body.id;
    expect(res.body.checks.filter((c: { ok: boolean; severity: string }) => !c.ok && c.severity === 'block')).toEqual([]);
    expect(res.body.township.name).toBe('凉州区黄羊镇');
    // The applicant sees its own application; another enterprise does not.
    expect((await F.get(`/api/v1/vouchers/applications/${applicationId}`)).status).toBe(404);
    expect((await F.get('/api/v1/vouchers/applications')).body.total).toBe(0);
    // Enterprises cannot decide.
    expect((await D.post(`/api/v1/vouchers/applications/${applicationId}/decision`, { decision: 'approve', faceValuesFen: [200_000] })).status).toBe(403);
    // A face value the programme does not have is refused.
    const odd = await R.post(`/api/v1/vouchers/applications/${applicationId}/decision`, { decision: 'approve', faceValuesFen: [300_000] });
    expect(odd.status).toBe(400);

    const ok = await R.post(`/api/v1/vouchers/applications/${applicationId}/decision`, { decision: 'approve', faceValuesFen: [500_000, 200_000], note: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    expect(ok.body.vouchers).toHaveLength(2);
    const codes = ok.body.vouchers.map((v: { code: string }) => v.code);
    expect(new Set(codes).size).toBe(2);
    for (const c of codes) expect(c).toMatch(/^CQ26-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const v5 = ok.body.vouchers.find((v: { faceValueFen: number }) => v.faceValueFen === 500_000);
    voucherCode = v5.code;
    voucherId = v5.id;
    expect(v5).toMatchObject({ status: 'issued', validFrom: '2026-06-01', validUntil: '2026-08-29' });
    const p = await programmeRow(programmeId);
    expect(p.reservedFen).toBe(700_000);
    const n = await env.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, dairyMember.id), eq(notifications.kind, 'voucher.application_approved')));
    expect(n[0]!.n).toBe(1);
    const mine = await D.get('/api/v1/vouchers');
    expect(mine.body.total).toBe(2);
    expect((await F.get('/api/v1/vouchers')).body.total).toBe(0);
    expect((await F.get(`/api/v1/vouchers/${voucherId}`)).status).toBe(404);
  });

  it('never issues beyond the budget or the yearly cap; refusals change nothing', async () => {
    // Remaining budget: 1,500,000 − 700,000 = 800,000. The dairy's yearly cap left: 300,000.
    const app = await D.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'testing', providerOrgId: lab.org.id, serviceDescription: '第二批检测', requestedFen: 500_000 });
    const before = await entryCount();
    const cap = await R.post(`/api/v1/vouchers/applications/${app.body.id}/decision`, { decision: 'approve', faceValuesFen: [500_000] });
    expect(cap.status).toBe(409);
    expect(cap.body.error.code).toBe('VOUCHER_CAP_EXCEEDED');
    const farmApp = await F.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'micro', serviceCategory: 'testing', serviceDescription: '土壤检测', requestedFen: 1_000_000 });
    const over = await R.post(`/api/v1/vouchers/applications/${farmApp.body.id}/decision`, { decision: 'approve', faceValuesFen: [500_000, 500_000] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('BUDGET_EXCEEDED');
    expect(await entryCount()).toBe(before);
    expect((await R.get(`/api/v1/vouchers/applications/${farmApp.body.id}`)).body.status).toBe('submitted');
    await R.post(`/api/v1/vouchers/applications/${app.body.id}/decision`, { decision: 'reject', note: '超出年度额度' });
    await R.post(`/api/v1/vouchers/applications/${farmApp.body.id}/decision`, { decision: 'reject', note: '预算不足' });
  });

  it('the database itself refuses entries beyond the budget, changes to entries, and totals written by hand', async () => {
    const p = await programmeRow(programmeId);
    await expect(env.db.execute(sql`UPDATE voucher_entries SET amount_fen = amount_fen + 1 WHERE programme_id = ${programmeId}`)).rejects.toThrow();
    await expect(env.db.execute(sql`DELETE FROM voucher_entries WHERE programme_id = ${programmeId}`)).rejects.toThrow();
    await expect(env.db.execute(sql`UPDATE voucher_programmes SET allocated_fen = allocated_fen + 100 WHERE id = ${programmeId}`)).rejects.toThrow();
    await expect(env.db.execute(sql`UPDATE vouchers SET redeemed_fen = 1 WHERE id = ${voucherId}`)).rejects.toThrow();
    const [v] = await env.db.insert(vouchers).values({ code: 'TEST-OVER-BUDGET', programmeId, organisationId: farmCo.id, faceValueFen: 5_000_000, validFrom: '2026-06-01', validUntil: '2026-06-30' }).returning();
    await expect(env.db.insert(voucherEntries).values({ programmeId, voucherId: v!.id, kind: 'reserve', amountFen: 5_000_000, idempotencyKey: 'test-over' })).rejects.toThrow();
    // A second redemption entry for one voucher is refused by the unique index.
    await expect(
      env.db.transaction(async (tx) => {
        await tx.insert(voucherEntries).values({ programmeId, voucherId, kind: 'redeem', amountFen: 1, idempotencyKey: 'test-r1' });
        await tx.insert(voucherEntries).values({ programmeId, voucherId, kind: 'redeem', amountFen: 1, idempotencyKey: 'test-r2' });
      }),
    ).rejects.toThrow();
    await env.db.update(vouchers).set({ status: 'voided' }).where(eq(vouchers.id, v!.id));
    expect(await programmeRow(programmeId)).toEqual(p);
  });
});

let redemptionId = '';

describe('redemption', () => {
  const body = async () => ({
    code: voucherCode,
    providerOrgId: lab.org.id,
    serviceCategory: 'testing',
    serviceId: lab.services[0]!.id,
    contractNo: 'WW-JC-2026-0618',
    servicePriceFen: 1_600_000,
    serviceStart: '2026-06-05',
    serviceEnd: '2026-07-20',
    ...(await evidence(lab.org.id, labMember.id)),
  });

  it('refuses bad evidence, the wrong submitter and unknown codes, changing nothing', async () => {
    const b = { ...(await body()), idempotencyKey: 'lab-refusals-0001' };
    const before = await env.db.select({ n: count() }).from(voucherRedemptions);
    const unknown = await L.post('/api/v1/vouchers/redemptions', { ...b, code: 'CQ26-0000-0000-0000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('code');
    // Someone else's files are not evidence.
    const dairyFile = await attachment(dairy.id, dairyMember.id, '企业文件.pdf');
    const badFile = await L.post('/api/v1/vouchers/redemptions', { ...b, invoiceFileId: dairyFile });
    expect(badFile.status).toBe(400);
    expect(badFile.body.error.fields[0].path).toBe('invoiceFileId');
    // In a provider-redeems programme the enterprise cannot redeem.
    const wrong = await D.post('/api/v1/vouchers/redemptions', { ...b, ...(await evidence(dairy.id, dairyMember.id)) });
    expect(wrong.status).toBe(403);
    // A provider naming another provider cannot redeem either.
    expect((await RL.post('/api/v1/vouchers/redemptions', { ...b, ...(await evidence(related.org.id, relatedMember.id)) })).status).toBe(403);
    // An unregistered provider is not eligible.
    const unreg = await U.post('/api/v1/vouchers/redemptions', { ...b, providerOrgId: unregistered.id, serviceId: undefined, ...(await evidence(unregistered.id, unregisteredMember.id)) });
    expect(unreg.status).toBe(422);
    expect(unreg.body.error.code).toBe('NOT_ELIGIBLE');
    const badKey = await L.post('/api/v1/vouchers/redemptions', { ...b, idempotencyKey: 'short' });
    expect(badKey.status).toBe(400);
    const dates = await L.post('/api/v1/vouchers/redemptions', { ...b, serviceStart: '2026-08-01', serviceEnd: '2026-07-01' });
    expect(dates.status).toBe(400);
    expect(await env.db.select({ n: count() }).from(voucherRedemptions)).toEqual(before);
    expect((await env.db.select().from(vouchers).where(eq(vouchers.id, voucherId)))[0]!.status).toBe('issued');
  });

  it('is idempotent: the same key returns the same claim, concurrently exactly one effect; a different body is refused', async () => {
    const b = { ...(await body()), idempotencyKey: 'lab-2026-0618-redeem' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => L.post('/api/v1/vouchers/redemptions', b)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    redemptionId = answers[0]!.body.id;
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const rows = await env.db.select().from(voucherRedemptions).where(eq(voucherRedemptions.voucherId, voucherId));
    expect(rows).toHaveLength(1);
    expect(answers[0]!.body).toMatchObject({ amountFen: 500_000, ownShareFen: 1_100_000, status: 'submitted' });
    expect((await env.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'voucher_redemption.submit')))[0]!.n).toBe(1);

    const retry = await L.post('/api/v1/vouchers/redemptions', b);
    expect(retry.body.id).toBe(redemptionId);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const different = await L.post('/api/v1/vouchers/redemptions', { ...b, servicePriceFen: 1_700_000 });
    expect(different.status).toBe(422);
    expect(different.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A new key for the same voucher: already under review.
    const second = await L.post('/api/v1/vouchers/redemptions', { ...b, idempotencyKey: 'lab-2026-0618-other' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('INVALID_STATE');
    expect(await env.db.select().from(voucherRedemptions).where(eq(voucherRedemptions.voucherId, voucherId))).toHaveLength(1);
  });

  it('shows anti-fraud findings to the reviewer only: price far above the listed price', async () => {
    const asReviewer = await R.get(`/api/v1/vouchers/redemptions/${redemptionId}`);
    expect(asReviewer.body.flags.map((f: { code: string }) => f.code)).toEqual(['price_above_listed']);
    expect(asReviewer.body.flags[0].message).toContain('200%');
    expect(asReviewer.body.actions).toEqual(['decide']);
    const asLab = await L.get(`/api/v1/vouchers/redemptions/${redemptionId}`);
    expect(asLab.body.flags).toEqual([]);
    expect(asLab.body.actions).toEqual([]);
    // The holder sees it too; an unrelated enterprise does not.
    expect((await D.get(`/api/v1/vouchers/redemptions/${redemptionId}`)).status).toBe(200);
    expect((await F.get(`/api/v1/vouchers/redemptions/${redemptionId}`)).status).toBe(404);
    const file = await R.get(`/api/v1/vouchers/redemptions/${redemptionId}/files/${asReviewer.body.invoiceFile.id}`);
    expect(file.status).toBe(200);
    expect(String(file.body)).toContain('%PDF');
    expect((await F.get(`/api/v1/vouchers/redemptions/${redemptionId}/files/${asReviewer.body.invoiceFile.id}`)).status).toBe(404);
  });

  it('cannot be paid before approval; approval redeems in the ledger and releases the remainder; payout once', async () => {
    expect((await A.post(`/api/v1/vouchers/redemptions/${redemptionId}/payment`, { paymentReference: 'GK-2026-001' })).status).toBe(409);
    expect((await L.post(`/api/v1/vouchers/redemptions/${redemptionId}/decision`, { decision: 'approve' })).status).toBe(403);
    const ok = await R.post(`/api/v1/vouchers/redemptions/${redemptionId}/decision`, { decision: 'approve', note: '价格偏高但已核实检测批次' });
    expect(ok.body.status).toBe('approved');
    expect(ok.body.voucher.status).toBe('redeemed');
    expect((await R.post(`/api/v1/vouchers/redemptions/${redemptionId}/decision`, { decision: 'approve' })).status).toBe(409);
    expect((await R.post(`/api/v1/vouchers/redemptions/${redemptionId}/payment`, { paymentReference: 'x' })).status).toBe(403);
    const paid = await A.post(`/api/v1/vouchers/redemptions/${redemptionId}/payment`, { paymentReference: 'GK-2026-001' });
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: 'GK-2026-001' });
    expect((await A.post(`/api/v1/vouchers/redemptions/${redemptionId}/payment`, { paymentReference: 'GK-2026-002' })).status).toBe(409);
    const p = await programmeRow(programmeId);
    expect(p).toMatchObject({ allocatedFen: 1_500_000, reservedFen: 700_000, redeemedFen: 500_000, paidFen: 500_000, releasedFen: 0 });
    expect(await totalsFromEntries(env.db, programmeId)).toEqual({ allocatedFen: p.allocatedFen, reservedFen: p.reservedFen, releasedFen: p.releasedFen, redeemedFen: p.redeemedFen, paidFen: p.paidFen });
  });

  it('flags related parties and dates outside validity; a rejection makes the voucher usable again', async () => {
    const [other] = await env.db.select().from(vouchers).where(and(eq(vouchers.applicationId, applicationId), eq(vouchers.faceValueFen, 200_000)));
    const b = {
      code: other!.code.toLowerCase(),
      idempotencyKey: 'related-claim-0001',
      providerOrgId: related.org.id,
      serviceCategory: 'testing',
      contractNo: 'QL-ZX-01',
      servicePriceFen: 300_000,
      serviceStart: '2026-05-20',
      serviceEnd: '2026-06-10',
      ...(await evidence(related.org.id, relatedMember.id)),
    };
    const res = await RL.post('/api/v1/vouchers/redemptions', b);
    expect(res.status).toBe(200);
    expect(res.body.amountFen).toBe(150_000);
    const seen = await R.get(`/api/v1/vouchers/redemptions/${res.body.id}`);
    const codes = seen.body.flags.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['related_parties', 'dates_outside_validity']);
    expect(seen.body.flags[0].message).toContain('赵经理');
    const rej = await R.post(`/api/v1/vouchers/redemptions/${res.body.id}/decision`, { decision: 'reject', note: '企业与服务机构联系人相同，服务早于券有效期。' });
    expect(rej.body.status).toBe('rejected');
    expect(rej.body.voucher.status).toBe('issued');
    const notes = await env.db.select().from(notifications).where(and(eq(notifications.userId, relatedMember.id), eq(notifications.kind, 'voucher.redemption_rejected')));
    expect(notes).toHaveLength(1);
  });

  it('the bureau voids an unused voucher (releasing it) and blacklists its holder; the blacklist blocks new applications', async () => {
    const [other] = await env.db.select().from(vouchers).where(and(eq(vouchers.applicationId, applicationId), eq(vouchers.faceValueFen, 200_000)));
    expect((await R.post(`/api/v1/vouchers/${other!.id}/void`, { reason: '虚假材料' })).status).toBe(403);
    expect((await A.post(`/api/v1/vouchers/${other!.id}/void`, {})).status).toBe(400);
    const res = await A.post(`/api/v1/vouchers/${other!.id}/void`, { reason: '关联交易，提供虚假材料', blacklist: true });
    expect(res.body).toMatchObject({ status: 'voided', releasedFen: 200_000 });
    expect((await A.post(`/api/v1/vouchers/${other!.id}/void`, { reason: '再次' })).status).toBe(409);
    expect((await A.post(`/api/v1/vouchers/${voucherId}/void`, { reason: '已兑付的券' })).status).toBe(409);
    const list = await R.get('/api/v1/vouchers/blacklist');
    expect(list.body.items.map((i: { organisation: { id: string } }) => i.organisation.id)).toEqual([dairy.id]);
    const app = await D.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'small', serviceCategory: 'testing', serviceDescription: '检测', requestedFen: 200_000 });
    expect(app.status).toBe(422);
    expect(app.body.error.code).toBe('NOT_ELIGIBLE');
    expect((await A.post(`/api/v1/vouchers/blacklist/${list.body.items[0].id}/lift`)).status).toBe(200);
    expect((await R.get('/api/v1/vouchers/blacklist')).body.items).toEqual([]);
    expect((await A.post(`/api/v1/vouchers/blacklist/${list.body.items[0].id}/lift`)).status).toBe(404);
  });
});

describe('expiry', () => {
  it('expires unused vouchers after their validity (district dates), releasing the reservation once', async () => {
    const app = await F.post('/api/v1/vouchers/applications', { programmeId, enterpriseSize: 'micro', serviceCategory: 'testing', serviceDescription: '土壤检测', requestedFen: 200_000 });
    const ok = await R.post(`/api/v1/vouchers/applications/${app.body.id}/decision`, { decision: 'approve', faceValuesFen: [200_000] });
    const v = ok.body.vouchers[0];
    expect(v.validUntil).toBe('2026-08-29');
    clock.set('2026-08-29T15:59:00Z'); // 23:59 on the last valid day, Beijing time
    expect(await expireVouchers(env.db, clock.now())).toBe(0);
    clock.set('2026-08-29T16:00:00Z'); // midnight: the next day in the district
    const before = (await programmeRow(programmeId)).releasedFen;
    expect(await expireVouchers(env.db, clock.now())).toBe(1);
    expect(await expireVouchers(env.db, clock.now())).toBe(0);
    expect((await programmeRow(programmeId)).releasedFen).toBe(before + 200_000);
    expect((await env.db.select().from(vouchers).where(eq(vouchers.id, v.id)))[0]!.status).toBe('expired');
    const evd = await evidence(lab.org.id, labMember.id);
    const L2 = await login(labMember); // sessions do not outlive three months
    const late = await L2.post('/api/v1/vouchers/redemptions', { code: v.code, idempotencyKey: 'late-claim-0001', providerOrgId: lab.org.id, serviceCategory: 'testing', contractNo: 'X', servicePriceFen: 100_000, serviceStart: '2026-07-01', serviceEnd: '2026-07-02', ...evd });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('过期');
  });
});

describe('reports', () => {
  it('sums the ledger by programme, category, provider, township and month, with budget use; XLSX export', async () => {
    const R = await login(reviewer);
    const D = await login(dairyMember);
    const byProg = await R.get(`/api/v1/vouchers/report?groupBy=programme&from=2026-01-01&to=2026-12-31`);
    expect(byProg.status).toBe(200);
    const row = byProg.body.rows.find((r: { key: string }) => r.key === programmeId);
    // Issued: 500,000 + 200,000 (dairy) + 200,000 (farm); redeemed and paid 500,000; released 200,000 (void) + 200,000 (expiry).
    expect(row).toMatchObject({ label: programmeBody.name, issuedFen: 900_000, issuedCount: 3, redeemedFen: 500_000, redeemedCount: 1, paidFen: 500_000, paidCount: 1, releasedFen: 400_000, expiredCount: 1 });
    const budget = byProg.body.budgets.find((b: { programme: { id: string } }) => b.programme.id === programmeId);
    expect(budget.balance).toMatchObject({ allocatedFen: 1_500_000, outstandingFen: 0, payableFen: 0, paidFen: 500_000, availableFen: 1_000_000 });
    const byProvider = await R.get(`/api/v1/vouchers/report?groupBy=provider&programmeId=${programmeId}&from=2026-01-01&to=2026-12-31`);
    expect(byProvider.body.rows.find((r: { key: string }) => r.key === lab.org.id)).toMatchObject({ label: '武威市农产品质量检测中心', redeemedFen: 500_000 });
    const byTownship = await R.get(`/api/v1/vouchers/report?groupBy=township&programmeId=${programmeId}&from=2026-01-01&to=2026-12-31`);
    expect(byTownship.body.rows.find((r: { key: string }) => r.key === township.id)).toMatchObject({ label: '凉州区黄羊镇', issuedFen: 700_000 });
    const byCat = await R.get(`/api/v1/vouchers/report?groupBy=category&programmeId=${programmeId}&from=2026-01-01&to=2026-12-31`);
    expect(byCat.body.rows.map((r: { label: string }) => r.label)).toEqual(['检验检测']);
    const byMonth = await R.get(`/api/v1/vouchers/report?groupBy=month&programmeId=${programmeId}&from=2026-01-01&to=2026-12-31`);
    expect(byMonth.body.rows.map((r: { key: string }) => r.key)).toEqual(['2026-06', '2026-08']);
    expect(byMonth.body.total.issuedFen).toBe(900_000);

    expect((await D.get('/api/v1/vouchers/report')).status).toBe(403);
    // Auditors read everything and change nothing.
    const AU = await login(auditor);
    expect((await AU.get('/api/v1/vouchers/report')).status).toBe(200);
    expect((await AU.get(`/api/v1/vouchers/redemptions/${redemptionId}`)).body.flags).toHaveLength(1);
    expect((await AU.post(`/api/v1/vouchers/redemptions/${redemptionId}/decision`, { decision: 'approve' })).status).toBe(403);
    const x = await env.app.inject({ method: 'GET', url: `/api/v1/vouchers/report.xlsx?groupBy=programme&from=2026-01-01&to=2026-12-31`, headers: { cookie: R.cookie! } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('创新券统计')!;
    const values = ws.getSheetValues().flat().map(String);
    expect(values).toContain(programmeBody.name);
    expect(values).toContain('9000');
    expect(wb.getWorksheet('预算使用')).toBeTruthy();
  });

  it('feeds plan tracking: redeemed amounts and issued vouchers as computed indicator sources', async () => {
    const redeemed = (await availableSource(env.db, 'vouchers-redeemed'))!;
    const issued = (await availableSource(env.db, 'vouchers-issued'))!;
    const from = new Date('2026-01-01T00:00:00+08:00');
    const to = new Date('2027-01-01T00:00:00+08:00');
    expect(await sumRecords(env.db, redeemed, from, to)).toBe(500_000);
    expect(await sumRecords(env.db, issued, from, to)).toBe(3);
    expect(await sumRecords(env.db, redeemed, to, new Date('2028-01-01T00:00:00+08:00'))).toBe(0);
  });
});
