import type { AddressInfo } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { dealForContract } from '../../server/modules/trading/lookups.js';
import { auctionBidders, auctionBids, auctions } from '../../server/modules/trading/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

/**
 * Auctions (竞价): registration, deposits recorded by the bureau, every bid
 * refusal, anti-sniping with the clock, closing (won, no bids, reserve not
 * met), refunds, the polling endpoint and the event stream.
 * The clock starts Monday 2026-06-01 10:00 district time (02:00 UTC).
 */
const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区畜牧兽医研究所' });
const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
const feed = await createOrg(env.db, { name: '凉州区天马饲料有限公司' });
const pendingOrg = await createOrg(env.db, { status: 'pending' });

const holder = await person(['org_admin', 'researcher'], institute.id);
const holderMember = await person(['researcher'], institute.id);
const dairyAdmin = await person(['org_admin', 'enterprise_member'], dairy.id);
const feedAdmin = await person(['org_admin', 'enterprise_member'], feed.id);
const pendingMember = await person(['enterprise_member'], pendingOrg.id);
const reviewer = await person(['reviewer']);

beforeEach(() => env.clock.set('2026-06-01T02:00:00Z'));

let n = 0;
/** An auction listing starting at `startsAt`, ending at `endsAt` (UTC ISO). */
async function auctionListing(terms: Record<string, unknown> = {}) {
  const a = await createAchievement(
    env.db,
    { title: `奶牛高产高效养殖集成技术 ${++n}`, summary: '涵盖全混合日粮配制、繁殖管理与疫病防控的奶牛养殖集成技术，已在凉州区多个规模牧场推广。' },
    { organisationId: institute.id, index: false },
  );
  const h = await login(holder);
  const res = await h.post('/api/v1/trading/listings', {
    achievementId: a.id,
    mode: 'auction',
    transferMode: 'transfer',
    terms: '技术秘密转让，买方取得全部技术资料，卖方提供一年技术指导。',
    listedUntil: '2026-07-01T00:00:00+08:00',
    auction: {
      startPriceFen: 1_000_000,
      incrementFen: 50_000,
      depositFen: 100_000,
      startsAt: '2026-06-01T03:00:00Z',
      endsAt: '2026-06-01T06:00:00Z',
      snipeWindowMinutes: 5,
      snipeExtendMinutes: 5,
      ...terms,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { listing: res.body, auctionId: res.body.auction.id as string };
}

const url = (id: string, tail = '') => `/api/v1/trading/auctions/${id}${tail}`;
const bidCount = async (auctionId: string) => (await env.db.select({ n: count() }).from(auctionBids).where(eq(auctionBids.auctionId, auctionId)))[0]!.n;

/** Register the organisation of `u` and have the bureau record its deposit. */
async function eligible(u: User, auctionId: string): Promise<TestClient> {
  const c = await login(u);
  const reg = await c.post(url(auctionId, '/register'));
  expect(reg.status, JSON.stringify(reg.body)).toBe(200);
  const [b] = await env.db.select().from(auctionBidders).where(and(eq(auctionBidders.auctionId, auctionId), eq(auctionBidders.organisationId, u.organisationId!)));
  const r = await login(reviewer);
  const paid = await r.post(`/api/v1/trading/bidders/${b!.id}/deposit`, { reference: `银行回单 ${b!.bidderNo}` });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return c;
}

describe('registration and deposits', () => {
  it('refuses the holder, unverified organisations, staff and duplicates; the bureau alone records deposits', async () => {
    const { auctionId } = await auctionListing();
    const own = await (await login(holderMember)).post(url(auctionId, '/register'));
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_LISTING']);
    const unverified = await (await login(pendingMember)).post(url(auctionId, '/register'));
    expect(unverified.body.error.code).toBe('ORG_NOT_VERIFIED');
    const staff = await (await login(reviewer)).post(url(auctionId, '/register'));
    expect(staff.status).toBe(403);
    expect((await env.db.select({ n: count() }).from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId)))[0]!.n).toBe(0);

    const d = await login(dairyAdmin);
    const reg = await d.post(url(auctionId, '/register'));
    expect(reg.body.me).toMatchObject({ state: 'registered', bidderNo: 1, depositStatus: 'unpaid' });
    expect((await d.post(url(auctionId, '/register'))).body.error.code).toBe('CONFLICT');

    const [b] = await env.db.select().from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId));
    const selfRecorded = await d.post(`/api/v1/trading/bidders/${b!.id}/deposit`, { reference: '自己说已付' });
    expect(selfRecorded.status).toBe(403);
    const r = await login(reviewer);
    const desk = await r.get(`/api/v1/trading/bidders?depositStatus=unpaid&auctionId=${auctionId}`);
    expect(desk.body.items).toEqual([expect.objectContaining({ id: b!.id, organisation: { id: dairy.id, name: '武威祁连乳业有限公司' }, depositFen: 100_000, actions: ['record_deposit'] })]);
    const noRef = await r.post(`/api/v1/trading/bidders/${b!.id}/deposit`, { reference: '' });
    expect(noRef.status).toBe(400);
    const paid = await r.post(`/api/v1/trading/bidders/${b!.id}/deposit`, { reference: '农行转账 20260601-0001' });
    expect(paid.body).toMatchObject({ depositStatus: 'paid', depositReference: '农行转账 20260601-0001' });
    expect((await r.post(`/api/v1/trading/bidders/${b!.id}/deposit`, { reference: '再记一次' })).body.error.code).toBe('INVALID_STATE');
    const notice = await env.db.select().from(notifications).where(and(eq(notifications.userId, dairyAdmin.id), eq(notifications.kind, 'trade.deposit_recorded')));
    expect(notice).toHaveLength(1);
    expect((await d.get(url(auctionId))).body.me).toMatchObject({ state: 'eligible', depositStatus: 'paid', actions: [] });
    const audit = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'auction.deposit'), eq(auditLog.entityId, b!.id)));
    expect(audit[0]!.changes).toMatchObject({ reference: '农行转账 20260601-0001', amountFen: 100_000 });
  });
});

describe('bidding', () => {
  it('refuses bids before the start, unregistered, without deposit, by the holder, below the increment, by the leader and after the end, changing nothing', async () => {
    const { auctionId } = await auctionListing({ reserveFen: 2_000_000 });
    const d = await eligible(dairyAdmin, auctionId);

    const early = await d.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect([early.status, early.body.error.code]).toEqual([409, 'AUCTION_NOT_STARTED']);
    env.clock.set('2026-06-01T03:00:00Z');
    const [d2, f2] = [await login(dairyAdmin), await login(feedAdmin)];

    const unregistered = await f2.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(unregistered.body.error.code).toBe('BIDDER_NOT_REGISTERED');
    await f2.post(url(auctionId, '/register'));
    const noDeposit = await f2.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(noDeposit.body.error.code).toBe('DEPOSIT_NOT_PAID');
    const holderBid = await (await login(holder)).post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(holderBid.body.error.code).toBe('OWN_LISTING');
    const belowStart = await d2.post(url(auctionId, '/bids'), { amountFen: 999_999 });
    expect(belowStart.body.error.code).toBe('BID_TOO_LOW');
    expect(belowStart.body.error.message).toContain('10,000.00');
    expect(await bidCount(auctionId)).toBe(0);

    const first = await d2.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.auction).toMatchObject({ currentPriceFen: 1_000_000, nextMinimumFen: 1_050_000, bidCount: 1, leadingBidderNo: 1, hasReserve: true, reserveMet: false });
    expect(first.body.auction).not.toHaveProperty('reserveFen');
    expect(first.body.me).toMatchObject({ state: 'leading', myHighestFen: 1_000_000 });
    const again = await d2.post(url(auctionId, '/bids'), { amountFen: 1_100_000 });
    expect(again.body.error.code).toBe('INVALID_STATE');

    const r = await login(reviewer);
    const [fb] = await env.db.select().from(auctionBidders).where(and(eq(auctionBidders.auctionId, auctionId), eq(auctionBidders.organisationId, feed.id)));
    await r.post(`/api/v1/trading/bidders/${fb!.id}/deposit`, { reference: '工行转账 0602' });
    const belowIncrement = await f2.post(url(auctionId, '/bids'), { amountFen: 1_049_999 });
    expect(belowIncrement.body.error.code).toBe('BID_TOO_LOW');
    const equal = await f2.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(equal.body.error.code).toBe('BID_TOO_LOW');
    const second = await f2.post(url(auctionId, '/bids'), { amountFen: 2_100_000 });
    expect(second.body.auction).toMatchObject({ currentPriceFen: 2_100_000, leadingBidderNo: 2, reserveMet: true });
    expect(await bidCount(auctionId)).toBe(2);
    const outbid = await env.db.select().from(notifications).where(and(eq(notifications.userId, dairyAdmin.id), eq(notifications.kind, 'trade.outbid')));
    expect(outbid).toHaveLength(1);

    // History anonymised: numbers, not names; "mine" only for the caller's own.
    const seen = (await d2.get(url(auctionId))).body;
    expect(seen.me.state).toBe('outbid');
    expect(seen.bids.map((b: { seq: number; bidderNo: number; mine: boolean }) => [b.seq, b.bidderNo, b.mine])).toEqual([
      [2, 2, false],
      [1, 1, true],
    ]);
    expect(JSON.stringify(seen)).not.toContain('天马饲料');
    // Polling for what is new since the last seen bid.
    expect((await d2.get(url(auctionId, '?afterSeq=1'))).body.bids.map((b: { seq: number }) => b.seq)).toEqual([2]);

    env.clock.set('2026-06-01T06:00:00Z');
    const late = await (await login(dairyAdmin)).post(url(auctionId, '/bids'), { amountFen: 5_000_000 });
    expect(late.body.error.code).toBe('AUCTION_ENDED');
    const lateRegistration = await (await login(pendingMember)).post(url(auctionId, '/register'));
    expect(lateRegistration.status).toBe(403);
    expect(await bidCount(auctionId)).toBe(2);
  });

  it('refuses bids once the organisation loses its verification', async () => {
    const { auctionId } = await auctionListing();
    await eligible(feedAdmin, auctionId);
    env.clock.set('2026-06-01T04:00:00Z');
    await env.db.update(organisations).set({ verificationStatus: 'pending' }).where(eq(organisations.id, feed.id));
    try {
      const res = await (await login(feedAdmin)).post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
      expect(res.body.error.code).toBe('ORG_NOT_VERIFIED');
    } finally {
      await env.db.update(organisations).set({ verificationStatus: 'verified' }).where(eq(organisations.id, feed.id));
    }
  });
});

describe('anti-sniping and closing', () => {
  it('a bid in the last minutes extends the end; the first close job then does nothing; the winner gets a deal, losers’ deposits fall due and are refunded', async () => {
    const { auctionId } = await auctionListing();
    await eligible(dairyAdmin, auctionId);
    await eligible(feedAdmin, auctionId);

    env.clock.set('2026-06-01T05:50:00Z');
    let d = await login(dairyAdmin);
    let f = await login(feedAdmin);
    // Ten minutes before the end: outside the five-minute window, no extension.
    const calm = await d.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });
    expect(calm.body.auction).toMatchObject({ endsAt: '2026-06-01T06:00:00.000Z', extensions: 0 });

    env.clock.set('2026-06-01T05:58:00Z');
    const snipe = await f.post(url(auctionId, '/bids'), { amountFen: 1_200_000 });
    expect(snipe.body.auction).toMatchObject({ endsAt: '2026-06-01T06:05:00.000Z', scheduledEndsAt: '2026-06-01T06:00:00.000Z', extensions: 1 });
    expect(snipe.body.bids[0].extendedTo).toBe('2026-06-01T06:05:00.000Z');

    // The original end passes: the first close job runs and finds the end moved on.
    env.clock.set('2026-06-01T06:01:00Z');
    await env.drainJobs();
    d = await login(dairyAdmin);
    f = await login(feedAdmin);
    expect((await d.get(url(auctionId))).body.auction).toMatchObject({ status: 'open', phase: 'bidding' });
    const counter = await d.post(url(auctionId, '/bids'), { amountFen: 1_250_000 });
    expect(counter.body.auction).toMatchObject({ endsAt: '2026-06-01T06:10:00.000Z', extensions: 2 });

    env.clock.set('2026-06-01T06:10:00Z');
    // At the end exactly, bidding is over even before the close job ran.
    expect((await f.post(url(auctionId, '/bids'), { amountFen: 2_000_000 })).body.error.code).toBe('AUCTION_ENDED');
    expect((await f.get(url(auctionId))).body.auction.phase).toBe('closing');
    await env.drainJobs();
    const won = (await d.get(url(auctionId))).body;
    expect(won.auction).toMatchObject({ status: 'won', phase: 'won', currentPriceFen: 1_250_000, bidCount: 3 });
    expect(won.me.state).toBe('won');
    expect(won.dealId).toEqual(expect.any(String));
    expect((await f.get(url(auctionId))).body.me.state).toBe('lost');
    const deal = (await d.get(`/api/v1/trading/deals/${won.dealId}`)).body;
    expect(deal).toMatchObject({ kind: 'auction', status: 'notice', amountFen: 1_250_000, buyer: { id: dairy.id }, seller: { id: institute.id } });
    expect(await env.db.select({ n: count() }).from(auctions).where(and(eq(auctions.id, auctionId), eq(auctions.status, 'won')))).toEqual([{ n: 1 }]);
    expect((await env.db.select().from(notifications).where(and(eq(notifications.userId, feedAdmin.id), eq(notifications.kind, 'trade.auction_lost'))))).toHaveLength(1);

    const deposits = await env.db.select({ org: auctionBidders.organisationId, status: auctionBidders.depositStatus, id: auctionBidders.id }).from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId));
    expect(Object.fromEntries(deposits.map((x) => [x.org, x.status]))).toEqual({ [dairy.id]: 'retained', [feed.id]: 'refund_due' });
    const r = await login(reviewer);
    const winner = deposits.find((x) => x.org === dairy.id)!;
    expect((await r.post(`/api/v1/trading/bidders/${winner.id}/refund`, { reference: '不应退' })).body.error.code).toBe('INVALID_STATE');
    const loser = deposits.find((x) => x.org === feed.id)!;
    const refunded = await r.post(`/api/v1/trading/bidders/${loser.id}/refund`, { reference: '原路退回 0601-02' });
    expect(refunded.body).toMatchObject({ depositStatus: 'refunded', refundReference: '原路退回 0601-02' });

    // After 公示, the deal is final and the contracts domain can start from it.
    env.clock.set('2026-06-09T00:00:00Z');
    await env.drainJobs();
    expect(await dealForContract(env.db, won.dealId)).toMatchObject({ kind: 'auction', amountFen: 1_250_000, buyerOrgId: dairy.id, sellerOrgId: institute.id });
  });

  it('an auction with no bids, or below its reserve, fails and every paid deposit falls due; the holder may start another', async () => {
    const quiet = await auctionListing();
    await eligible(dairyAdmin, quiet.auctionId);
    const reserved = await auctionListing({ reserveFen: 5_000_000 });
    await eligible(feedAdmin, reserved.auctionId);
    env.clock.set('2026-06-01T04:00:00Z');
    const f = await login(feedAdmin);
    await f.post(url(reserved.auctionId, '/bids'), { amountFen: 4_000_000 });

    env.clock.set('2026-06-01T06:00:00Z');
    await env.drainJobs();
    const h = await login(holder);
    expect((await h.get(url(quiet.auctionId))).body.auction).toMatchObject({ status: 'failed', failedReason: 'no_bids' });
    const r2 = (await h.get(url(reserved.auctionId))).body;
    expect(r2.auction).toMatchObject({ status: 'failed', failedReason: 'reserve_not_met', reserveMet: false, currentPriceFen: 4_000_000 });
    expect(r2.dealId).toBeNull();
    const statuses = await env.db.select({ status: auctionBidders.depositStatus }).from(auctionBidders).where(eq(auctionBidders.auctionId, reserved.auctionId));
    expect(statuses).toEqual([{ status: 'refund_due' }]);

    // The listing stays open; the holder starts a new auction (not while one runs).
    const listing = (await h.get(`/api/v1/trading/listings/${reserved.listing.id}`)).body;
    expect([listing.status, listing.actions]).toEqual(['open', ['withdraw', 'auction']]);
    const again = await h.post(`/api/v1/trading/listings/${reserved.listing.id}/auction`, {
      startPriceFen: 3_000_000,
      incrementFen: 100_000,
      depositFen: 0,
      startsAt: '2026-06-02T02:00:00Z',
      endsAt: '2026-06-02T08:00:00Z',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.auction).toMatchObject({ startPriceFen: 3_000_000, status: 'open', phase: 'upcoming' });
    expect(again.body.pastAuctions).toHaveLength(1);
    const twice = await h.post(`/api/v1/trading/listings/${reserved.listing.id}/auction`, { startPriceFen: 1, incrementFen: 1, depositFen: 0, startsAt: '2026-06-02T02:00:00Z', endsAt: '2026-06-02T08:00:00Z' });
    expect(twice.body.error.code).toBe('INVALID_STATE');
    // Without a deposit, registering is enough to bid.
    const reg = await (await login(dairyAdmin)).post(url(again.body.auction.id, '/register'));
    expect(reg.body.me).toMatchObject({ state: 'eligible', depositStatus: 'paid' });
  });

  it('the holder cannot withdraw a listing whose auction has bids, but may before the first bid', async () => {
    const a = await auctionListing();
    const b = await auctionListing();
    await eligible(dairyAdmin, a.auctionId);
    env.clock.set('2026-06-01T04:00:00Z');
    await (await login(dairyAdmin)).post(url(a.auctionId, '/bids'), { amountFen: 1_000_000 });
    const h = await login(holder);
    expect((await h.post(`/api/v1/trading/listings/${a.listing.id}/withdraw`, { reason: '撤回' })).body.error.code).toBe('INVALID_STATE');
    const ok = await h.post(`/api/v1/trading/listings/${b.listing.id}/withdraw`, { reason: '技术需补充材料' });
    expect(ok.body.status).toBe('withdrawn');
    expect((await h.get(url(b.auctionId))).body.auction).toMatchObject({ status: 'failed' });
  });
});

describe('live price by server-sent events', () => {
  it('streams the state on connect and after each bid, resumes after Last-Event-ID, and the poll agrees', async () => {
    const { auctionId } = await auctionListing();
    await eligible(dairyAdmin, auctionId);
    await eligible(feedAdmin, auctionId);
    env.clock.set('2026-06-01T04:00:00Z');
    const d = await login(dairyAdmin);
    const f = await login(feedAdmin);
    await d.post(url(auctionId, '/bids'), { amountFen: 1_000_000 });

    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    const ac = new AbortController();
    const events: { id: string; data: { auction: { currentPriceFen: number; bidCount: number }; bids: { seq: number }[] } }[] = [];
    let buffer = '';
    const waitFor = async (pred: () => boolean) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(pred()).toBe(true);
    };
    const res = await fetch(`${base}${url(auctionId, '/events')}`, { headers: { 'last-event-id': '0' }, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += new TextDecoder().decode(value);
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const id = /^id: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (id !== undefined && data) events.push({ id, data: JSON.parse(data) });
          }
        }
      } catch {
        /* aborted */
      }
    })();
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ id: '1', data: { auction: { currentPriceFen: 1_000_000, bidCount: 1 }, bids: [{ seq: 1 }] } });

    await f.post(url(auctionId, '/bids'), { amountFen: 1_500_000 });
    await waitFor(() => events.length === 2);
    expect(events[1]).toMatchObject({ id: '2', data: { auction: { currentPriceFen: 1_500_000, bidCount: 2 }, bids: [{ seq: 2 }] } });
    ac.abort();

    // Reconnecting after event 1 sends the missed bid only.
    const again = await fetch(`${base}${url(auctionId, '/events')}`, { headers: { 'last-event-id': '1' } });
    const r2 = again.body!.getReader();
    let text = '';
    while (!text.includes('\n\nid:') && !/data: .*\n\n/.test(text)) text += new TextDecoder().decode((await r2.read()).value);
    await r2.cancel();
    const data = JSON.parse(/^data: (.*)$/m.exec(text)![1]!);
    expect(data.bids.map((b: { seq: number }) => b.seq)).toEqual([2]);
    expect((await new TestClient(env.app).get(url(auctionId))).body.auction.currentPriceFen).toBe(1_500_000);
    const missing = await fetch(`${base}${url('00000000-0000-4000-8000-000000000000', '/events')}`);
    expect(missing.status).toBe(404);
  });
});
