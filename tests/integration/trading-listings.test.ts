import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { dealForContract } from '../../server/modules/trading/lookups.js';
import { tradeDeals, tradeListings, tradeObjections, tradeOffers } from '../../server/modules/trading/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

/**
 * Listings for trade (挂牌): fixed price and 面议, deals in public notice
 * (公示), objections and their resolution, finalisation and expiry by the
 * clock. The test clock starts Monday 2026-06-01 10:00 district time.
 */
const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业科学研究所' });
const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
const mill = await createOrg(env.db, { name: '凉州区面粉加工有限公司' });
const pendingOrg = await createOrg(env.db, { status: 'pending' });

const holder = await person(['org_admin', 'researcher'], institute.id);
const holderAuthor = await person(['researcher'], institute.id);
const buyer = await person(['org_admin', 'enterprise_member'], dairy.id);
const millMember = await person(['org_admin', 'enterprise_member'], mill.id);
const pendingMember = await person(['enterprise_member'], pendingOrg.id);
const reviewer = await person(['reviewer']);
const citizen = await person(['commissioner']);

const achievement = (title: string, org = institute.id, status?: string) =>
  createAchievement(env.db, { title, summary: `${title}：适用于凉州区的实用技术，已在示范基地完成中试，具备转让条件。` }, { organisationId: org, status, index: false });

const silage = await achievement('甜高粱青贮饲料复合菌剂发酵技术');
const wheat = await achievement('旱地春小麦抗旱节水栽培技术');
const potato = await achievement('马铃薯脱毒种薯快繁技术');
const draft = await achievement('苜蓿裹包青贮工艺（草稿）', institute.id, 'draft');
const othersAchievement = await achievement('面粉加工副产物利用技术', mill.id);

const listingBody = (achievementId: string, extra: Record<string, unknown> = {}) => ({
  achievementId,
  mode: 'fixed',
  priceFen: 50_000_000,
  transferMode: 'transfer',
  terms: '专利权转让，含技术资料一套及三个月现场指导。',
  listedUntil: '2026-09-01T00:00:00+08:00',
  ...extra,
});

// Each test starts on Monday 1 June 2026, 10:00 in the district.
beforeEach(() => env.clock.set('2026-06-01T02:00:00Z'));

const listingCount = async () => (await env.db.select({ n: count() }).from(tradeListings))[0]!.n;
const dealCount = async () => (await env.db.select({ n: count() }).from(tradeDeals))[0]!.n;
const noticesFor = async (userId: string, kind: string) =>
  (await env.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))).length;

async function list(c: TestClient, achievementId: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/trading/listings', listingBody(achievementId, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function evidence(organisationId: string | null, uploadedBy: string, name = '专利权属证明.pdf') {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db
    .insert(files)
    .values({ organisationId, uploadedBy, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .returning();
  return f!;
}

describe('listing an achievement for trade', () => {
  it('refuses outsiders, unverified organisations, others’ and unpublished achievements, bad periods and prices, changing nothing', async () => {
    const h = await login(holder);
    const before = await listingCount();

    const anonymous = await new TestClient(env.app).post('/api/v1/trading/listings', listingBody(silage.id));
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const staff = await (await login(reviewer)).post('/api/v1/trading/listings', listingBody(silage.id));
    expect([staff.status, staff.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const unverified = await (await login(pendingMember)).post('/api/v1/trading/listings', listingBody(silage.id));
    expect([unverified.status, unverified.body.error.code]).toEqual([403, 'ORG_NOT_VERIFIED']);

    const others = await h.post('/api/v1/trading/listings', listingBody(othersAchievement.id));
    expect(others.status).toBe(400);
    expect(others.body.error.fields[0].path).toBe('achievementId');
    const unpublished = await h.post('/api/v1/trading/listings', listingBody(draft.id));
    expect(unpublished.body.error.fields[0].path).toBe('achievementId');

    const noPrice = await h.post('/api/v1/trading/listings', listingBody(silage.id, { priceFen: undefined }));
    expect(noPrice.body.error.fields.map((f: { path: string }) => f.path)).toContain('priceFen');
    const priceOnNegotiable = await h.post('/api/v1/trading/listings', listingBody(silage.id, { mode: 'negotiable' }));
    expect(priceOnNegotiable.body.error.fields.map((f: { path: string }) => f.path)).toContain('priceFen');
    const fractional = await h.post('/api/v1/trading/listings', listingBody(silage.id, { priceFen: 100.5 }));
    expect(fractional.status).toBe(400);
    const past = await h.post('/api/v1/trading/listings', listingBody(silage.id, { listedUntil: '2026-05-01T00:00:00+08:00' }));
    expect(past.body.error.fields[0].path).toBe('listedUntil');
    const auctionWithoutTerms = await h.post('/api/v1/trading/listings', listingBody(silage.id, { mode: 'auction', priceFen: undefined }));
    expect(auctionWithoutTerms.body.error.fields.map((f: { path: string }) => f.path)).toContain('auction');

    expect(await listingCount()).toBe(before);
  });

  it('lists at a fixed price, shows it publicly with search and filters, and refuses a second live listing of the same achievement', async () => {
    const h = await login(holder);
    const view = await list(h, wheat.id, { priceFen: 12_345_678 });
    expect(view).toMatchObject({ mode: 'fixed', status: 'open', priceFen: 12_345_678, mine: true, holder: { name: '凉州区农业科学研究所' }, noticeWorkingDays: 5 });
    expect(view.actions).toContain('withdraw');

    const again = await h.post('/api/v1/trading/listings', listingBody(wheat.id));
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);

    const anon = new TestClient(env.app);
    const found = await anon.get(`/api/v1/trading/listings?q=${encodeURIComponent('春小麦')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(view.id);
    const filtered = await anon.get('/api/v1/trading/listings?mode=negotiable');
    expect(filtered.body.items.map((i: { id: string }) => i.id)).not.toContain(view.id);
    const byPrice = await anon.get('/api/v1/trading/listings?minPriceFen=20000000');
    expect(byPrice.body.items.map((i: { id: string }) => i.id)).not.toContain(view.id);
    const detail = await anon.get(`/api/v1/trading/listings/${view.id}`);
    expect(detail.body).toMatchObject({ id: view.id, mine: false, actions: [] });

    const audit = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'trade_listing.create'), eq(auditLog.entityId, view.id)));
    expect(audit).toHaveLength(1);
  });
});

describe('a fixed-price deal and its public notice', () => {
  it('refuses the holder, unverified buyers and a price the buyer did not see; a buyer accepts and the deal enters 公示', async () => {
    const h = await login(holder);
    const listing = await list(h, silage.id, { priceFen: 50_000_000 });
    const b = await login(buyer);
    const before = await dealCount();

    const own = await (await login(holderAuthor)).post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 50_000_000 });
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_LISTING']);
    const unverified = await (await login(pendingMember)).post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 50_000_000 });
    expect(unverified.body.error.code).toBe('ORG_NOT_VERIFIED');
    const stale = await b.post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 40_000_000 });
    expect(stale.body.error.fields[0].path).toBe('priceFen');
    const offerOnFixed = await b.post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 1000, message: '可否优惠' });
    expect(offerOnFixed.body.error.code).toBe('INVALID_STATE');
    expect(await dealCount()).toBe(before);

    const deal = await b.post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 50_000_000 });
    expect(deal.status, JSON.stringify(deal.body)).toBe(200);
    // Monday 1 June + 5 working days = Monday 8 June, to its end (district time).
    expect(deal.body).toMatchObject({ status: 'notice', kind: 'listing', amountFen: 50_000_000, buyer: { id: dairy.id }, seller: { id: institute.id }, noticeEndsAt: '2026-06-08T16:00:00.000Z' });
    expect((await h.get(`/api/v1/trading/listings/${listing.id}`)).body.status).toBe('in_deal');
    expect(await noticesFor(holder.id, 'trade.deal')).toBeGreaterThan(0);
    expect(await noticesFor(buyer.id, 'trade.deal')).toBeGreaterThan(0);

    const second = await (await login(millMember)).post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 50_000_000 });
    expect(second.body.error.code).toBe('INVALID_STATE');
    expect(await dealForContract(env.db, deal.body.id)).toBeNull();

    // The public list of notices shows it.
    const notices = await new TestClient(env.app).get('/api/v1/trading/deals');
    expect(notices.body.items.map((d: { id: string }) => d.id)).toContain(deal.body.id);
  });
});

describe('objections during 公示', () => {
  it('an objection holds the deal past its notice; the bureau dismisses it and the clock finalises the deal', async () => {
    let h = await login(holder);
    const listing = await list(h, potato.id, { priceFen: 8_000_000 });
    let b = await login(buyer);
    const deal = (await b.post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 8_000_000 })).body;

    // Refusals: anonymous, someone else's evidence, empty reasons.
    const anon = await new TestClient(env.app).post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '权属不清' });
    expect(anon.status).toBe(401);
    let c = await login(millMember);
    const notMine = await evidence(dairy.id, buyer.id);
    const badEvidence = await c.post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '权属不清', evidenceFileIds: [notMine.id] });
    expect(badEvidence.body.error.fields[0].path).toBe('evidenceFileIds.0');
    const empty = await c.post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '  ' });
    expect(empty.status).toBe(400);
    expect((await env.db.select({ n: count() }).from(tradeObjections).where(eq(tradeObjections.dealId, deal.id)))[0]!.n).toBe(0);

    const proof = await evidence(mill.id, millMember.id);
    const filed = await c.post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '该技术的部分专利由我公司共有，未经同意不得转让。', evidenceFileIds: [proof.id] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body.objections).toHaveLength(1);
    expect(filed.body.openObjections).toBe(1);
    expect(await noticesFor(reviewer.id, 'trade.objection')).toBeGreaterThan(0);
    // An onlooker sees the count but not the objection; the parties see it; evidence downloads for the bureau.
    const onlooker = await (await login(citizen)).get(`/api/v1/trading/deals/${deal.id}`);
    expect([onlooker.body.openObjections, onlooker.body.objections.length]).toEqual([1, 0]);
    expect((await h.get(`/api/v1/trading/deals/${deal.id}`)).body.objections).toHaveLength(1);
    let r = await login(reviewer);
    const objectionId = filed.body.objections[0].id;
    const file = await r.get(`/api/v1/trading/objections/${objectionId}/evidence/${proof.id}`);
    expect([file.status, file.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((await (await login(citizen)).get(`/api/v1/trading/objections/${objectionId}/evidence/${proof.id}`)).status).toBe(404);

    // The notice passes; the open objection holds the deal.
    env.clock.set('2026-06-09T00:00:00Z');
    await env.drainJobs();
    // Sessions lapse over a week of test time: sign in again.
    [h, b, c, r] = await Promise.all([login(holder), login(buyer), login(millMember), login(reviewer)]);
    expect((await b.get(`/api/v1/trading/deals/${deal.id}`)).body.status).toBe('notice');
    // No contract registration from a deal still in notice.
    expect((await h.get(`/api/v1/trading/deals/${deal.id}`)).body.actions).not.toContain('register_contract');
    const late = await c.post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '补充异议' });
    expect(late.body.error.code).toBe('INVALID_STATE');

    // Only the bureau resolves.
    const byParty = await h.post(`/api/v1/trading/objections/${objectionId}/resolve`, { decision: 'dismiss', resolution: '无' });
    expect(byParty.status).toBe(403);
    const queue = await r.get('/api/v1/trading/objections');
    expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(objectionId);

    const dismissed = await r.post(`/api/v1/trading/objections/${objectionId}/resolve`, { decision: 'dismiss', resolution: '经核查，专利权属登记为研究所单独所有，异议不成立。' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    expect(dismissed.body.objections[0].status).toBe('dismissed');
    const twice = await r.post(`/api/v1/trading/objections/${objectionId}/resolve`, { decision: 'uphold', resolution: '再议' });
    expect(twice.body.error.code).toBe('INVALID_STATE');
    await env.drainJobs();
    const final = (await b.get(`/api/v1/trading/deals/${deal.id}`)).body;
    expect(final.status).toBe('final');
    // The seller (not the buyer) now registers the technology contract from the deal, prefilled from it.
    expect(final.actions).not.toContain('register_contract');
    expect((await h.get(`/api/v1/trading/deals/${deal.id}`)).body.actions).toContain('register_contract');
    const prefill = await h.get(`/api/v1/contracts/prefill?dealId=${deal.id}`);
    expect(prefill.status, JSON.stringify(prefill.body)).toBe(200);
    expect(prefill.body.dealId).toBe(deal.id);
    expect((await h.get(`/api/v1/trading/listings/${listing.id}`)).body.status).toBe('sold');
    expect(await noticesFor(millMember.id, 'trade.objection_resolved')).toBe(1);
    expect(await dealForContract(env.db, deal.id)).toEqual({
      dealId: deal.id,
      kind: 'listing',
      achievementId: potato.id,
      sellerOrgId: institute.id,
      buyerOrgId: dairy.id,
      amountFen: 8_000_000,
      transferMode: 'transfer',
      closedAt: new Date('2026-06-09T00:00:00Z'),
    });
  });

  it('an upheld objection cancels the deal and reopens the listing for another buyer', async () => {
    const h = await login(holder);
    const item = await achievement('设施农业水肥一体化控制技术');
    const listing = await list(h, item.id, { priceFen: 3_000_000 });
    const deal = (await (await login(buyer)).post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 3_000_000 })).body;
    let c = await login(millMember);
    const filed = await c.post(`/api/v1/trading/deals/${deal.id}/objections`, { reasons: '同一技术此前已许可我公司独占实施，转让损害我方权益。' });
    let r = await login(reviewer);
    const upheld = await r.post(`/api/v1/trading/objections/${filed.body.objections[0].id}/resolve`, { decision: 'uphold', resolution: '独占许可合同有效，异议成立，交易取消。' });
    expect(upheld.body).toMatchObject({ status: 'cancelled', cancelReason: '独占许可合同有效，异议成立，交易取消。' });
    const reopened = (await h.get(`/api/v1/trading/listings/${listing.id}`)).body;
    expect([reopened.status, reopened.deal]).toEqual(['open', null]);
    // The clock passing changes nothing for a cancelled deal.
    env.clock.advance(30 * 24 * 3600);
    await env.drainJobs();
    r = await login(reviewer);
    expect((await r.get(`/api/v1/trading/deals/${deal.id}`)).body.status).toBe('cancelled');
    expect(await dealForContract(env.db, deal.id)).toBeNull();
    env.clock.advance(-30 * 24 * 3600);
    c = await login(millMember);
    // Another buyer may now buy it.
    const again = await c.post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 3_000_000 });
    expect([again.status, again.body.buyer.id]).toEqual([200, mill.id]);
    const audit = await env.db.select().from(auditLog).where(eq(auditLog.entityId, deal.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['trade_deal.open', 'trade_deal.cancel']));
  });
});

describe('negotiated (面议) listings', () => {
  it('buyers offer, the holder declines one and accepts another, the rest lapse; refusals change nothing', async () => {
    const h = await login(holder);
    const item = await achievement('河西走廊葡萄酒酿造工艺优化技术');
    const listing = await list(h, item.id, { mode: 'negotiable', priceFen: undefined, transferMode: 'license' });
    expect(listing.priceFen).toBeNull();
    const b = await login(buyer);
    const m = await login(millMember);

    const buyOnNegotiable = await b.post(`/api/v1/trading/listings/${listing.id}/buy`, { priceFen: 100 });
    expect(buyOnNegotiable.body.error.code).toBe('INVALID_STATE');
    const own = await (await login(holderAuthor)).post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 100, message: '自家报价' });
    expect(own.body.error.code).toBe('OWN_LISTING');

    const first = await b.post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 2_000_000, message: '我公司拟以 2 万元获得普通许可。' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const dup = await b.post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 2_500_000, message: '再报一次' });
    expect(dup.body.error.code).toBe('CONFLICT');
    await m.post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 3_000_000, message: '我公司报价 3 万元。' });
    expect(await noticesFor(holder.id, 'trade.offer')).toBeGreaterThanOrEqual(2);

    const offers = (await h.get(`/api/v1/trading/listings/${listing.id}`)).body.offers;
    expect(offers).toHaveLength(2);
    // A buyer sees only its own offer.
    expect((await b.get(`/api/v1/trading/listings/${listing.id}`)).body.offers).toHaveLength(1);
    const low = offers.find((o: { amountFen: number }) => o.amountFen === 2_000_000);
    const high = offers.find((o: { amountFen: number }) => o.amountFen === 3_000_000);
    expect((await b.post(`/api/v1/trading/offers/${high.id}/accept`)).status).toBe(403);

    expect((await h.post(`/api/v1/trading/offers/${low.id}/decline`)).body).toEqual({ ok: true });
    expect(await noticesFor(buyer.id, 'trade.offer_declined')).toBe(1);
    const again = await b.post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 2_800_000, message: '提高到 2.8 万元。' });
    expect(again.status).toBe(200);

    const deal = await h.post(`/api/v1/trading/offers/${high.id}/accept`);
    expect(deal.status, JSON.stringify(deal.body)).toBe(200);
    expect(deal.body).toMatchObject({ amountFen: 3_000_000, buyer: { id: mill.id }, transferMode: 'license', status: 'notice' });
    const statuses = await env.db.select({ amount: tradeOffers.amountFen, status: tradeOffers.status }).from(tradeOffers).where(eq(tradeOffers.listingId, listing.id));
    expect(statuses.sort((a, b) => a.amount - b.amount)).toEqual([
      { amount: 2_000_000, status: 'declined' },
      { amount: 2_800_000, status: 'lapsed' },
      { amount: 3_000_000, status: 'accepted' },
    ]);
  });
});

describe('withdrawal and expiry', () => {
  it('withdrawing a 面议 listing lets its pending offers lapse', async () => {
    const h = await login(holder);
    const item = await achievement('沙漠葡萄滴灌节水栽培技术');
    const listing = await list(h, item.id, { mode: 'negotiable', priceFen: undefined });
    await (await login(buyer)).post(`/api/v1/trading/listings/${listing.id}/offers`, { amountFen: 1_500_000, message: '报价 1.5 万元。' });
    await h.post(`/api/v1/trading/listings/${listing.id}/withdraw`, { reason: '暂不转让。' });
    const offers = await env.db.select({ status: tradeOffers.status }).from(tradeOffers).where(eq(tradeOffers.listingId, listing.id));
    expect(offers).toEqual([{ status: 'lapsed' }]);
  });

  it('the holder withdraws an open listing (others cannot); a listing past its period expires', async () => {
    const h = await login(holder);
    const a = await achievement('高原夏菜冷链保鲜技术');
    const listing = await list(h, a.id);
    const byBuyer = await (await login(buyer)).post(`/api/v1/trading/listings/${listing.id}/withdraw`, { reason: '不想卖了' });
    expect(byBuyer.status).toBe(403);
    const withdrawn = await h.post(`/api/v1/trading/listings/${listing.id}/withdraw`, { reason: '技术需进一步完善后再挂牌。' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await h.post(`/api/v1/trading/listings/${listing.id}/withdraw`, { reason: '再撤' })).body.error.code).toBe('INVALID_STATE');
    // Withdrawn listings are not public.
    expect((await new TestClient(env.app).get(`/api/v1/trading/listings/${listing.id}`)).status).toBe(404);

    const b2 = await achievement('日光温室番茄无土栽培技术');
    const short = await list(h, b2.id, { listedUntil: '2026-06-03T00:00:00+08:00' });
    env.clock.set('2026-09-02T00:00:00Z');
    await env.drainJobs();
    const h2 = await login(holder);
    expect((await h2.get(`/api/v1/trading/listings/${short.id}`)).body.status).toBe('expired');
    const buyLate = await (await login(buyer)).post(`/api/v1/trading/listings/${short.id}/buy`, { priceFen: 50_000_000 });
    expect(buyLate.body.error.code).toBe('INVALID_STATE');
  });
});

describe('export of deals', () => {
  it('the bureau exports deals as XLSX; the total equals the rows to the fen; members may not', async () => {
    const ExcelJS = (await import('exceljs')).default;
    expect((await (await login(buyer)).get('/api/v1/trading/deals/export.xlsx')).status).toBe(403);
    const r = await login(reviewer);
    const res = await r.app.inject({ method: 'GET', url: '/api/v1/trading/deals/export.xlsx', headers: { cookie: r.cookie! }, remoteAddress: r.remoteAddress });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('科技成果');
    const deals = await env.db.select().from(tradeDeals);
    expect(ws.rowCount).toBe(deals.length + 2);
    const expectedFen = deals.filter((d) => d.status !== 'cancelled').reduce((s, d) => s + d.amountFen, 0);
    expect(Math.round(Number(ws.getRow(ws.rowCount).getCell(6).value) * 100)).toBe(expectedFen);
    expect(res.headers['x-export-rows']).toBe(String(deals.length));
  });
});
