import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { matchCases } from '../../server/modules/matchmaking/schema.js';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { contractEvents, contractNumberCounters, majorAchievements, techContracts } from '../../server/modules/contracts/schema.js';
import { sendReviewReminders } from '../../server/modules/contracts/send-reminders.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { availableSource, sumRecords } from '../../server/modules/plans/indicators/index.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';
import { multipart } from '../support/multipart.js';

const env = await setupTestEnv();
const login = (u: { username: string }) => signIn(env.app, u.username, PASSWORD);

const seller = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
await env.db.update(organisations).set({ regionCode: '620602' }).where(eq(organisations.id, seller.id));
const other = await createOrg(env.db, { name: '武威另一家企业' });
const pendingOrg = await createOrg(env.db, { status: 'pending' });
const sellerAdmin = await createUser(env.db, { roles: ['org_admin', 'researcher'], organisationId: seller.id });
const sellerMember = await createUser(env.db, { roles: ['researcher'], organisationId: seller.id });
const outsider = await createUser(env.db, { roles: ['enterprise_member'], organisationId: other.id });
const pendingMember = await createUser(env.db, { roles: ['enterprise_member'], organisationId: pendingOrg.id });
const registrar = await createUser(env.db, { roles: ['reviewer'] });
const bureau = await createUser(env.db, { roles: ['bureau_admin'] });
const reporter = await createUser(env.db, { roles: ['dept_reporter'] });

const silage = await createAchievement(
  env.db,
  { title: '甜高粱青贮饲料复合菌剂发酵技术', summary: '以乳酸菌与布氏乳杆菌复配的青贮菌剂，抑制开窖后二次发酵，适用于奶牛养殖场的甜高粱与全株玉米青贮。', industrySection: 'A' },
  { organisationId: seller.id },
);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
async function uploadPdf(c: TestClient): Promise<string> {
  const m = multipart('attachment', { name: '技术合同.pdf', data: PDF });
  const res = await c.request('POST', '/api/v1/files', m.body, m.headers);
  expect(res.status).toBe(200);
  return res.body.id;
}

const buyerCode = makeCreditCode();
function form(over: Record<string, unknown> = {}) {
  return {
    type: 'transfer',
    subType: 'trade_secret',
    projectName: '甜高粱青贮菌剂技术秘密转让',
    signedOn: '2026-05-20',
    signedPlace: '甘肃省武威市凉州区',
    validFrom: '2026-06-01',
    validTo: '2028-05-31',
    seller: { name: seller.name, creditCode: seller.creditCode, countryCode: 'CN', regionCode: '620602', nature: 'research_institute' },
    buyer: { name: '兰州某乳业有限公司', creditCode: buyerCode, countryCode: 'CN', regionCode: '620102', nature: 'enterprise_domestic' },
    techField: 'F09.01',
    industrySection: 'A',
    ipType: 'trade-secret',
    planCategory: 'none',
    contractAmountFen: 120_000_000,
    deductions: [{ kind: 'equipment', description: '发酵罐两台', amountFen: 20_000_000 }],
    paymentSchedule: [
      { dueOn: '2026-06-30', amountFen: 60_000_000 },
      { dueOn: '2026-12-31', amountFen: 60_000_000 },
    ],
    expectedInvestmentFen: 500_000_000,
    expectedOutputFen: 2_000_000_000,
    achievementId: silage.id,
    ...over,
  };
}

const admin = await login(sellerAdmin);
const member = await login(sellerMember);
const desk = await login(registrar);
const fileId = await uploadPdf(admin);

async function contractCount(): Promise<number> {
  const [r] = await env.db.select({ n: count() }).from(techContracts);
  return r!.n;
}

async function submitted(over: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/contracts', form({ contractFileId: fileId, ...over }));
  expect(res.status).toBe(200);
  const s = await admin.post(`/api/v1/contracts/${res.body.id}/submit`, {});
  expect(s.status).toBe(200);
  return res.body.id;
}

describe('the registration form', () => {
  it('computes the technical-transaction amount from the itemised deductions and keeps a draft', async () => {
    const res = await member.post('/api/v1/contracts', form());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', kind: 'original', contractAmountFen: 120_000_000, techAmountFen: 100_000_000, deductionsFen: 20_000_000, registrationNumber: null });
    expect(res.body.actions).toEqual(expect.arrayContaining(['edit', 'submit', 'withdraw']));
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, res.body.id), eq(auditLog.action, 'contract.create')));
    expect(audit).toBeDefined();
  });

  it.each([
    ['a payment schedule not summing to the contract amount', { paymentSchedule: [{ dueOn: '2026-06-30', amountFen: 100 }] }, 'paymentSchedule'],
    ['deductions above the contract amount', { deductions: [{ kind: 'construction', description: '厂房', amountFen: 130_000_000 }] }, 'deductions'],
    ['a sub-type of another type', { subType: 'commissioned' }, 'subType'],
    ['an invalid credit code', { buyer: { name: '某公司', creditCode: '91620602ABCDEFGH12', countryCode: 'CN', regionCode: '620102', nature: 'enterprise_domestic' } }, 'buyer.creditCode'],
    ['a domestic buyer without a credit code', { buyer: { name: '某公司', countryCode: 'CN', regionCode: '620102', nature: 'enterprise_domestic' } }, 'buyer.creditCode'],
    ['a transfer without expected investment', { expectedInvestmentFen: undefined }, 'expectedInvestmentFen'],
    ['a transfer without expected output', { expectedOutputFen: undefined }, 'expectedOutputFen'],
    ['validity ending before it starts', { validTo: '2026-01-01' }, 'validTo'],
    ['a party abroad with a region code', { buyer: { name: 'Acme GmbH', countryCode: 'DE', regionCode: '620102', nature: 'enterprise_foreign' } }, 'buyer.regionCode'],
    ['a Chinese party without a region code', { buyer: { name: '某公司', creditCode: buyerCode, countryCode: 'CN', nature: 'enterprise_domestic' } }, 'buyer.regionCode'],
    ['an unknown region code', { buyer: { name: '某公司', creditCode: buyerCode, countryCode: 'CN', regionCode: '999999', nature: 'enterprise_domestic' } }, 'buyer.regionCode'],
    ['a zero contract amount', { contractAmountFen: 0, paymentSchedule: [{ dueOn: '2026-06-30', amountFen: 1 }] }, 'contractAmountFen'],
    ['a fractional amount', { contractAmountFen: 120_000_000.5 }, 'contractAmountFen'],
  ])('refuses %s with a field error and stores nothing', async (_name, over, field) => {
    const before = await contractCount();
    const res = await admin.post('/api/v1/contracts', form(over));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await contractCount()).toBe(before);
  });

  it('accepts a party abroad and a natural person without credit codes', async () => {
    const res = await admin.post('/api/v1/contracts', form({ type: 'consulting', subType: 'consulting', buyer: { name: 'Acme GmbH', countryCode: 'DE', nature: 'enterprise_foreign' }, expectedInvestmentFen: undefined, expectedOutputFen: undefined }));
    expect(res.status).toBe(200);
    const p = await admin.post('/api/v1/contracts', form({ type: 'service', subType: 'training', buyer: { name: '张三', countryCode: 'CN', regionCode: '620602', nature: 'individual' } }));
    expect(p.status).toBe(200);
  });

  it('refuses an unverified organisation and a file of another organisation', async () => {
    const pending = await login(pendingMember);
    expect((await pending.post('/api/v1/contracts', form())).body.error.code).toBe('ORG_NOT_VERIFIED');
    const out = await login(outsider);
    const theirs = await uploadPdf(out);
    const res = await admin.post('/api/v1/contracts', form({ contractFileId: theirs }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('contractFileId');
  });
});

describe('prefilling the form', () => {
  it('fills the seller from the organisation and the project from the achievement', async () => {
    const res = await admin.get(`/api/v1/contracts/prefill?achievementId=${silage.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ achievementId: silage.id, projectName: '甜高粱青贮饲料复合菌剂发酵技术', industrySection: 'A', seller: { name: seller.name, creditCode: seller.creditCode, regionCode: '620602', nature: 'research_institute' } });
  });

  it('starts from a final trading deal: buyer, amount and type; a deal still in public notice is refused', async () => {
    const buyerOrg = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
    const listed = await createAchievement(env.db, { title: '青贮窖智能测温系统', summary: '埋入青贮窖的无线测温探头与预警平台，开窖前后实时监测温度变化，提前发现二次发酵风险，已在三家牧场试用。' }, { organisationId: seller.id });
    const held = await createAchievement(env.db, { title: '青贮饲料霉菌毒素快检试剂', summary: '基于免疫层析的青贮饲料霉菌毒素现场快速检测试剂，十五分钟出结果，适合牧场入窖和取料时抽检使用。' }, { organisationId: seller.id });
    const deal = async (status: string) => {
      const a = status === 'final' ? listed : held;
      const [l] = (await env.db.execute<{ id: string }>(sql`
        INSERT INTO trade_listings (achievement_id, organisation_id, mode, transfer_mode, terms, listed_from, listed_until, notice_working_days)
        VALUES (${a.id}, ${seller.id}, 'negotiable', 'license', '独占许可五年', now(), now() + interval '30 days', 5) RETURNING id`)).rows;
      const [d] = (await env.db.execute<{ id: string }>(sql`
        INSERT INTO trade_deals (listing_id, kind, achievement_id, seller_org_id, buyer_org_id, amount_fen, transfer_mode, status, notice_ends_at, finalised_at, created_at)
        VALUES (${l!.id}, 'listing', ${a.id}, ${seller.id}, ${buyerOrg.id}, 88000000, 'license', ${status}, now(), ${status === 'final' ? sql`now()` : sql`NULL`}, now()) RETURNING id`)).rows;
      return d!.id;
    };
    const final = await deal('final');
    const res = await admin.get(`/api/v1/contracts/prefill?dealId=${final}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dealId: final, achievementId: listed.id, contractAmountFen: 88_000_000, type: 'licence', buyer: { name: '武威祁连乳业有限公司', organisationId: buyerOrg.id } });
    expect(res.body.paymentSchedule).toEqual([{ dueOn: expect.any(String), amountFen: 88_000_000 }]);
    const notice = await deal('notice');
    expect((await admin.get(`/api/v1/contracts/prefill?dealId=${notice}`)).status).toBe(400);
    const refused = await admin.post('/api/v1/contracts', form({ dealId: notice, achievementId: held.id }));
    expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toContain('dealId');
    // Another organisation cannot use the seller's deal.
    expect((await (await login(outsider)).get(`/api/v1/contracts/prefill?dealId=${final}`)).status).toBe(400);
  });

  it('links the matchmaking case it came from once registered', async () => {
    const buyerOrg = await createOrg(env.db);
    const [c] = await env.db.insert(matchCases).values({ achievementId: silage.id, initiatorOrgId: buyerOrg.id, counterpartOrgId: seller.id, origin: 'listing', status: 'agreement' }).returning();
    const pre = await admin.get(`/api/v1/contracts/prefill?caseId=${c!.id}`);
    expect(pre.body).toMatchObject({ caseId: c!.id, achievementId: silage.id, buyer: { organisationId: buyerOrg.id } });
    const id = await submitted({ caseId: c!.id });
    await desk.post(`/api/v1/contracts/${id}/approve`, {});
    const [after] = await env.db.select().from(matchCases).where(eq(matchCases.id, c!.id));
    expect(after!.contractId).toBe(id);
  });

  it('refuses a deal that does not exist or is not final', async () => {
    const res = await admin.get('/api/v1/contracts/prefill?dealId=00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('dealId');
  });
});

describe('the registration workflow', () => {
  it('needs the signed PDF to submit, then starts the 30-day deadline and tells the registrars', async () => {
    const draft = (await admin.post('/api/v1/contracts', form())).body;
    const noFile = await admin.post(`/api/v1/contracts/${draft.id}/submit`, {});
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.fields[0].path).toBe('contractFileId');
    expect((await env.db.select().from(techContracts).where(eq(techContracts.id, draft.id)))[0]!.status).toBe('draft');

    const edited = await admin.put(`/api/v1/contracts/${draft.id}`, form({ contractFileId: fileId }));
    expect(edited.status).toBe(200);
    const res = await admin.post(`/api/v1/contracts/${draft.id}/submit`, {});
    expect(res.body.status).toBe('submitted');
    expect(res.body.daysLeft).toBe(30);
    expect(Date.parse(res.body.reviewDueAt) - env.clock.now().getTime()).toBe(30 * 86_400_000);
    const notes = await env.db.select().from(notifications).where(and(eq(notifications.userId, registrar.id), eq(notifications.kind, 'contract.submitted')));
    expect(notes.length).toBeGreaterThan(0);
    // Submitted: the applicant can no longer edit; the registrar's queue lists it.
    expect((await admin.put(`/api/v1/contracts/${draft.id}`, form({ contractFileId: fileId }))).body.error.code).toBe('INVALID_STATE');
    const queue = await desk.get('/api/v1/contracts?scope=desk&pageSize=200');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);
  });

  it('hides a registration from other organisations and keeps registrar moves from the applicant', async () => {
    const id = await submitted();
    const out = await login(outsider);
    expect((await out.get(`/api/v1/contracts/${id}`)).status).toBe(404);
    expect((await out.post(`/api/v1/contracts/${id}/withdraw`, {})).status).toBe(404);
    expect((await admin.post(`/api/v1/contracts/${id}/approve`, {})).status).toBe(403);
    expect((await admin.get('/api/v1/contracts?scope=desk')).status).toBe(403);
    expect((await desk.post(`/api/v1/contracts/${id}/submit`, {})).status).toBe(403);
  });

  it('returns with reasons, takes the corrected form and a resubmission', async () => {
    const id = await submitted();
    const r = await desk.post(`/api/v1/contracts/${id}/return`, { reason: '请补充技术秘密的具体内容说明' });
    expect(r.body).toMatchObject({ status: 'returned', returnReason: '请补充技术秘密的具体内容说明', reviewDueAt: null });
    const n = await env.db.select().from(notifications).where(and(eq(notifications.userId, sellerAdmin.id), eq(notifications.kind, 'contract.returned')));
    expect(n.length).toBeGreaterThan(0);
    expect((await desk.post(`/api/v1/contracts/${id}/approve`, {})).body.error.code).toBe('INVALID_STATE');
    expect((await admin.put(`/api/v1/contracts/${id}`, form({ contractFileId: fileId, note: '已补充技术秘密清单' }))).status).toBe(200);
    const again = await admin.post(`/api/v1/contracts/${id}/submit`, {});
    expect(again.body.status).toBe('submitted');
    expect(again.body.returnReason).toBeNull();
    const ev = await env.db.select().from(contractEvents).where(eq(contractEvents.contractId, id));
    expect(ev.map((e) => e.type)).toEqual(['created', 'submitted', 'returned', 'edited', 'submitted']);
  });

  it('reclassifies, refusing a sub-type of another type and a transfer without its figures', async () => {
    const id = await submitted({ type: 'service', subType: 'service', expectedInvestmentFen: undefined, expectedOutputFen: undefined });
    expect((await desk.post(`/api/v1/contracts/${id}/reclassify`, { type: 'consulting', subType: 'training', note: '—' })).status).toBe(400);
    expect((await desk.post(`/api/v1/contracts/${id}/reclassify`, { type: 'transfer', subType: 'other', note: '实为转让' })).status).toBe(400);
    const res = await desk.post(`/api/v1/contracts/${id}/reclassify`, { type: 'consulting', subType: 'consulting', note: '合同内容为可行性论证' });
    expect(res.body).toMatchObject({ status: 'submitted', type: 'consulting', subType: 'consulting', reclassifiedFrom: 'service.service' });
    const [a] = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'contract.reclassify')));
    expect(a).toBeDefined();
  });

  it('refuses oral and non-technical contracts, finally', async () => {
    const id = await submitted();
    expect((await desk.post(`/api/v1/contracts/${id}/refuse`, { reason: 'other' })).status).toBe(400);
    const res = await desk.post(`/api/v1/contracts/${id}/refuse`, { reason: 'non_technical', note: '合同标的为设备买卖' });
    expect(res.body).toMatchObject({ status: 'refused', refusalReason: 'non_technical', registrationNumber: null, actions: [] });
    expect((await desk.post(`/api/v1/contracts/${id}/approve`, {})).body.error.code).toBe('INVALID_STATE');
    expect((await admin.post(`/api/v1/contracts/${id}/submit`, {})).body.error.code).toBe('INVALID_STATE');
  });

  it('approves with a 16-digit number, counts the amounts and serves the certificate', async () => {
    const id = await submitted();
    const res = await desk.post(`/api/v1/contracts/${id}/approve`, { note: '符合认定条件' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.registrationNumber).toMatch(/^6206022026\d{6}$/);
    expect(res.body.counted).toEqual({ contracts: 1, contractFen: 120_000_000, techFen: 100_000_000 });
    expect(res.body.actions).toEqual(['certificate']);
    expect((await admin.get(`/api/v1/contracts/${id}`)).body.actions).toEqual(['certificate', 'amend', 'terminate']);
    expect((await desk.post(`/api/v1/contracts/${id}/approve`, {})).body.error.code).toBe('INVALID_STATE');
    const cert = await admin.get(`/api/v1/contracts/${id}/certificate`);
    expect(cert.status).toBe(200);
    expect(cert.headers['content-type']).toContain('application/pdf');
    expect(String(cert.body).startsWith('%PDF')).toBe(true);
    const file = await desk.get(`/api/v1/contracts/${id}/file`);
    expect(file.status).toBe(200);
    const n = await env.db.select().from(notifications).where(and(eq(notifications.userId, sellerAdmin.id), eq(notifications.kind, 'contract.approved')));
    expect(n.length).toBeGreaterThan(0);
  });

  it('has no certificate before approval', async () => {
    const id = await submitted();
    expect((await admin.get(`/api/v1/contracts/${id}/certificate`)).body.error.code).toBe('INVALID_STATE');
  });

  it('lets the applicant withdraw before a decision', async () => {
    const id = await submitted();
    expect((await admin.post(`/api/v1/contracts/${id}/withdraw`, {})).body.status).toBe('withdrawn');
    expect((await desk.post(`/api/v1/contracts/${id}/approve`, {})).body.error.code).toBe('INVALID_STATE');
  });

  it('reminds the registrars once when the deadline nears', async () => {
    const id = await submitted();
    expect((await sendReviewReminders(env.db, env.clock.now())).reminded).toBe(0);
    const later = new Date(env.clock.now().getTime() + 24 * 86_400_000);
    const first = await sendReviewReminders(env.db, later);
    expect(first.reminded).toBeGreaterThan(0);
    expect((await sendReviewReminders(env.db, later)).reminded).toBe(0);
    const ev = await env.db.select().from(contractEvents).where(and(eq(contractEvents.contractId, id), eq(contractEvents.type, 'reminded')));
    expect(ev).toHaveLength(1);
  });
});

describe('amendments and terminations', () => {
  it('counts an amendment’s change and a termination’s unperformed part from their own dates', async () => {
    const id = await submitted({ projectName: '待变更的合同' });
    const original = (await desk.post(`/api/v1/contracts/${id}/approve`, {})).body;
    const amend = await admin.post(`/api/v1/contracts/${id}/amendments`, form({ projectName: '待变更的合同', contractFileId: fileId, contractAmountFen: 150_000_000, paymentSchedule: [{ dueOn: '2026-12-31', amountFen: 150_000_000 }] }));
    expect(amend.status).toBe(200);
    expect(amend.body).toMatchObject({ kind: 'amendment', parentId: id, status: 'draft', techAmountFen: 130_000_000 });
    // One change at a time.
    expect((await admin.post(`/api/v1/contracts/${id}/termination`, { performedAmountFen: 0, performedTechFen: 0, note: '—' })).body.error.code).toBe('CONFLICT');
    await admin.post(`/api/v1/contracts/${amend.body.id}/submit`, {});
    const approved = (await desk.post(`/api/v1/contracts/${amend.body.id}/approve`, {})).body;
    expect(approved.counted).toEqual({ contracts: 0, contractFen: 30_000_000, techFen: 30_000_000 });
    expect(approved.registrationNumber).not.toBe(original.registrationNumber);

    const term = await admin.post(`/api/v1/contracts/${id}/termination`, { performedAmountFen: 50_000_000, performedTechFen: 40_000_000, note: '买方经营困难，双方协商终止', contractFileId: fileId });
    expect(term.status).toBe(200);
    await admin.post(`/api/v1/contracts/${term.body.id}/submit`, {});
    const t = (await desk.post(`/api/v1/contracts/${term.body.id}/approve`, {})).body;
    expect(t.counted).toEqual({ contracts: 0, contractFen: 50_000_000 - 150_000_000, techFen: 40_000_000 - 130_000_000 });
    const rows = await env.db.select().from(techContracts).where(inArray(techContracts.id, [id, amend.body.id, term.body.id]));
    expect(rows.reduce((s, r) => s + r.countedTechFen, 0)).toBe(40_000_000);
    // Terminated: no further change.
    expect((await admin.post(`/api/v1/contracts/${id}/amendments`, form({ contractFileId: fileId }))).body.error.code).toBe('INVALID_STATE');
    const cert = await admin.get(`/api/v1/contracts/${term.body.id}/certificate`);
    expect(cert.status).toBe(200);
  });

  it('refuses a termination claiming more than was registered', async () => {
    const id = await submitted();
    await desk.post(`/api/v1/contracts/${id}/approve`, {});
    const res = await admin.post(`/api/v1/contracts/${id}/termination`, { performedAmountFen: 999_000_000, performedTechFen: 0, note: '—' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('performedAmountFen');
  });
});

describe('registration numbers under concurrency', () => {
  it('gives simultaneous approvals distinct consecutive serials', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await submitted({ projectName: `并发登记 ${i}` }));
    const before = (await env.db.select().from(contractNumberCounters))[0]?.lastSerial ?? 0;
    const desks = await Promise.all([0, 1, 2, 3].map(() => login(registrar)));
    const results = await Promise.all(ids.map((id, i) => desks[i % desks.length]!.post(`/api/v1/contracts/${id}/approve`, {})));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const serials = results.map((r) => Number(String(r.body.registrationNumber).slice(10))).sort((a, b) => a - b);
    expect(new Set(serials).size).toBe(ids.length);
    expect(serials).toEqual(Array.from({ length: ids.length }, (_, i) => before + 1 + i));
    const [counter] = await env.db.select().from(contractNumberCounters);
    expect(counter!.lastSerial).toBe(before + ids.length);
  });
});

describe('statistics, the plan source and major achievements', () => {
  it('sums exactly the counted rows, by every dimension, and exports XLSX', async () => {
    const stats = await desk.get('/api/v1/contracts/statistics?year=2026');
    expect(stats.status).toBe(200);
    const rows = await env.db.select().from(techContracts).where(eq(techContracts.status, 'approved'));
    const sum = (k: 'countedContracts' | 'countedContractFen' | 'countedTechFen') => rows.reduce((s, r) => s + r[k], 0);
    expect(stats.body.totals).toEqual({ contracts: sum('countedContracts'), contractFen: sum('countedContractFen'), techFen: sum('countedTechFen') });
    for (const dim of ['byYear', 'byQuarter', 'byMonth', 'byType', 'byTechField', 'byIndustry', 'byFlow', 'bySellerRegion', 'byBuyerRegion']) {
      const total = stats.body[dim].reduce((s: number, g: { techFen: number }) => s + g.techFen, 0);
      expect(total, dim).toBe(stats.body.totals.techFen);
    }
    expect(stats.body.byFlow.map((g: { key: string }) => g.key)).toContain('outflow');
    expect(stats.body.byMonth[0].key).toBe('2026-06');
    expect(stats.body.districtRegion.code).toBe('620602');
    const xlsx = await (await login(reporter)).get('/api/v1/contracts/statistics/export?year=2026');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await admin.get('/api/v1/contracts/statistics')).status).toBe(403);
    const pub = await new (await import('../support/client.js')).TestClient(env.app).get('/api/v1/public/contract-statistics');
    expect(pub.status).toBe(200);
    expect(pub.body.years.at(-1)).toMatchObject({ year: 2026, techFen: stats.body.totals.techFen });

    const src = await availableSource(env.db, 'contract-turnover');
    expect(src).not.toBeNull();
    expect(await sumRecords(env.db, src!, new Date('2025-12-31T16:00:00Z'), new Date('2026-12-31T16:00:00Z'))).toBe(stats.body.totals.techFen);
  });

  it('proposes a major achievement over the threshold; a reviewer confirms it and the plan counts it', async () => {
    const big = await createAchievement(env.db, { title: '重离子治疗装备关键部件', summary: '医用重离子加速器治疗装备的关键部件国产化技术，已完成样机并在临床示范基地试运行，可显著降低装备成本。', industrySection: 'C' }, { organisationId: seller.id });
    const id = await submitted({ projectName: '重离子装备部件技术转让', achievementId: big.id, contractAmountFen: 600_000_000, deductions: [], paymentSchedule: [{ dueOn: '2026-12-31', amountFen: 600_000_000 }], industrySection: 'C' });
    await desk.post(`/api/v1/contracts/${id}/approve`, {});
    const list = await desk.get('/api/v1/major-achievements');
    const proposal = list.body.items.find((m: { achievementId: string }) => m.achievementId === big.id);
    expect(proposal).toMatchObject({ status: 'proposed', transformedAt: null });
    expect(proposal.criteria.amount).toBeDefined();
    const src = (await availableSource(env.db, 'major-achievements'))!;
    const year: [Date, Date] = [new Date('2025-12-31T16:00:00Z'), new Date('2026-12-31T16:00:00Z')];
    expect(await sumRecords(env.db, src, ...year)).toBe(0);
    const ok = await desk.post(`/api/v1/major-achievements/${proposal.id}/decision`, { confirm: true, note: '符合条件' });
    expect(ok.body.status).toBe('confirmed');
    expect(await sumRecords(env.db, src, ...year)).toBe(1);
    expect((await desk.post(`/api/v1/major-achievements/${proposal.id}/decision`, { confirm: false })).body.error.code).toBe('INVALID_STATE');
    // The same achievement cannot be entered twice.
    expect((await desk.post('/api/v1/major-achievements', { achievementId: big.id, note: '重复' })).body.error.code).toBe('CONFLICT');
    const again = await desk.get('/api/v1/major-achievements');
    expect(again.body.byYear).toEqual([{ year: 2026, count: 1 }]);
    const [row] = await env.db.select().from(majorAchievements).where(eq(majorAchievements.id, proposal.id));
    expect(row!.transformedAt).not.toBeNull();
  });

  it('records a major achievement by a reviewer’s decision', async () => {
    const small = await createAchievement(env.db, { title: '机械治沙草方格铺设装置', summary: '一种用于机械治沙的草方格自动铺设装置，每日铺设效率是人工的二十倍，已在凉州区北部沙区推广应用。' }, { organisationId: seller.id });
    const res = await desk.post('/api/v1/major-achievements', { achievementId: small.id, note: '区科技局认定' });
    expect(res.body).toMatchObject({ status: 'confirmed', criteria: { decision: true } });
    expect((await (await login(bureau)).post('/api/v1/major-achievements', { achievementId: small.id, note: 'x' })).status).toBe(403);
  });
});
