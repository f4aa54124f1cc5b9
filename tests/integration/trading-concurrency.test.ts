import { and, asc, count, eq } from 'drizzle-orm';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { describe, expect, it } from 'vitest';
import { closeAuction } from '../../server/modules/trading/close-auction.js';
import { auctionBidders, auctionBids, auctions, tradeDeals } from '../../server/modules/trading/schema.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

/**
 * Hundreds of bids at the same instant on one auction (decision record 0017:
 * the auction's row lock). Whatever interleaving the database chooses, the
 * accepted bids must strictly increase in sequence, the auction's price must
 * be the highest bid, and closing (even several closers at once) must give
 * exactly one winner and one deal.
 */
const env = await setupTestEnv();
env.clock.set('2026-06-01T02:00:00Z');

const BIDDERS = 40;
const BIDS_EACH = 8;
const START = 1_000_000;
const STEP = 10_000;

const holderOrg = await createOrg(env.db, { type: 'university', name: '河西学院' });
const holder = await createUser(env.db, { roles: ['org_admin', 'researcher'], organisationId: holderOrg.id });
const achievement = await createAchievement(
  env.db,
  { title: '光伏治沙与林下经济复合技术', summary: '在光伏板间种植耐旱经济作物、兼顾固沙与增收的复合技术，适合河西走廊荒漠化区域推广应用。' },
  { organisationId: holderOrg.id, index: false },
);

const h = await signIn(env.app, holder.username, PASSWORD);
const created = await h.post('/api/v1/trading/listings', {
  achievementId: achievement.id,
  mode: 'auction',
  transferMode: 'transfer',
  terms: '专利权转让。',
  listedUntil: '2026-07-01T00:00:00+08:00',
  auction: { startPriceFen: START, incrementFen: STEP, depositFen: 500_000, startsAt: '2026-06-01T03:00:00Z', endsAt: '2026-06-01T08:00:00Z', snipeWindowMinutes: 5, snipeExtendMinutes: 5 },
});
const auctionId: string = created.body.auction.id;
// Bidding opens at 03:00; the bids come at 04:00, well before the end (no extensions).
env.clock.set('2026-06-01T04:00:00Z');

// Bidders: verified organisations, registered with their deposits recorded (the workflow is tested elsewhere).
const clients: TestClient[] = [];
for (let i = 0; i < BIDDERS; i++) {
  const org = await createOrg(env.db, { name: `竞买企业${i + 1}` });
  const u = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
  await env.db.insert(auctionBidders).values({ auctionId, organisationId: org.id, registeredBy: u.id, bidderNo: i + 1, depositStatus: 'paid', depositReference: `回单 ${i + 1}`, depositPaidAt: env.clock.now(), registeredAt: env.clock.now() });
  clients.push(await signIn(env.app, u.username, PASSWORD));
}

const bid = (c: TestClient, amountFen: number) => c.post(`/api/v1/trading/auctions/${auctionId}/bids`, { amountFen });

async function invariants() {
  const bids = await env.db.select().from(auctionBids).where(eq(auctionBids.auctionId, auctionId)).orderBy(asc(auctionBids.seq));
  const [a] = await env.db.select().from(auctions).where(eq(auctions.id, auctionId));
  expect(bids.map((b) => b.seq)).toEqual(bids.map((_, i) => i + 1));
  for (let i = 1; i < bids.length; i++) expect(bids[i]!.amountFen - bids[i - 1]!.amountFen).toBeGreaterThanOrEqual(STEP);
  const top = bids[bids.length - 1]!;
  expect(a!.currentPriceFen).toBe(Math.max(...bids.map((b) => b.amountFen)));
  expect(a!.currentPriceFen).toBe(top.amountFen);
  expect(a!.bidCount).toBe(bids.length);
  expect(a!.leadingBidderId).toBe(top.bidderId);
  return { bids, auction: a! };
}

describe('simultaneous bids on one auction', () => {
  it(`${BIDDERS * BIDS_EACH} bids at once: only valid ones accepted, strictly increasing in sequence, one highest, price = max bid`, async () => {
    // Amounts on the increment grid in a narrow band, so bids collide often.
    const amounts = Array.from({ length: BIDDERS * BIDS_EACH }, (_, i) => START + STEP * ((i * 7919) % 200));
    const results = await Promise.all(amounts.map((amount, i) => bid(clients[i % BIDDERS]!, amount)));
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    // Refusals are only the two expected ones (too low, or already leading), never an error.
    const codes = new Set(refused.map((r) => `${r.status} ${r.body.error.code}`));
    expect([...codes].every((c) => c === '409 BID_TOO_LOW' || c === '409 INVALID_STATE'), [...codes].join(', ')).toBe(true);
    expect(codes.has('409 BID_TOO_LOW')).toBe(true);
    expect(accepted.length).toBeGreaterThan(1);
    const { bids } = await invariants();
    expect(bids).toHaveLength(accepted.length);
    expect(bids.every((b, i) => i === 0 || b.amountFen > bids[i - 1]!.amountFen)).toBe(true);
    // Inside each bid's transaction: one audit row per accepted bid, in sequence order, and one outbid
    // notice to the user of the bidder it displaced (the lock reads that user; decision record 0023).
    const audit = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'auction.bid'), eq(auditLog.entityId, auctionId))).orderBy(asc(auditLog.seq));
    expect(audit.map((r) => (r.changes as { seq: number }).seq)).toEqual(bids.map((b) => b.seq));
    const users = new Map((await env.db.select().from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId))).map((b) => [b.id, b.registeredBy]));
    const expected = new Map<string, number>();
    for (let i = 1; i < bids.length; i++) {
      const u = users.get(bids[i - 1]!.bidderId)!;
      expected.set(u, (expected.get(u) ?? 0) + 1);
    }
    const outbid = await env.db.select({ userId: notifications.userId, n: count() }).from(notifications).where(eq(notifications.kind, 'trade.outbid')).groupBy(notifications.userId);
    expect(new Map(outbid.map((r) => [r.userId, r.n]))).toEqual(expected);
  }, 180_000);

  it('many bidders bidding the same next minimum at the same instant: exactly one is accepted', async () => {
    const [a] = await env.db.select().from(auctions).where(eq(auctions.id, auctionId));
    const next = a!.currentPriceFen! + STEP;
    const before = a!.bidCount;
    const results = await Promise.all(clients.map((c) => bid(c, next)));
    // The leader's own bid is refused as INVALID_STATE; all others but one as too low.
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body?.error?.code === 'BID_TOO_LOW').length).toBeGreaterThanOrEqual(BIDDERS - 2);
    const { auction } = await invariants();
    expect([auction.bidCount, auction.currentPriceFen]).toEqual([before + 1, next]);
  }, 60_000);

  it('closing with several closers at once yields exactly one winner and one deal', async () => {
    env.clock.set('2026-06-01T08:00:00Z');
    const outcomes = await Promise.all([closeAuction(env.db, auctionId, env.clock.now()), closeAuction(env.db, auctionId, env.clock.now()), env.drainJobs(), closeAuction(env.db, auctionId, env.clock.now())]);
    // At most one direct closer wins the race (none if the job worker closed it first); the rest find it closed.
    expect(outcomes.filter((o) => o === 'won').length).toBeLessThanOrEqual(1);
    expect(outcomes.filter((o) => typeof o === 'string' && o !== 'won').every((o) => o === 'not_due')).toBe(true);
    const { auction, bids } = await invariants();
    expect(auction.status).toBe('won');
    const deals = await env.db.select().from(tradeDeals).where(eq(tradeDeals.auctionId, auctionId));
    expect(deals).toHaveLength(1);
    expect(deals[0]!.amountFen).toBe(bids[bids.length - 1]!.amountFen);
    const [winner] = await env.db.select().from(auctionBidders).where(eq(auctionBidders.id, bids[bids.length - 1]!.bidderId));
    expect(deals[0]!.buyerOrgId).toBe(winner!.organisationId);
    expect(auction.winnerOrgId).toBe(winner!.organisationId);
    // One deposit retained (the winner's); every other paid deposit falls due for refund.
    const statuses = await env.db.select({ s: auctionBidders.depositStatus, n: count() }).from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId)).groupBy(auctionBidders.depositStatus);
    expect(Object.fromEntries(statuses.map((r) => [r.s, r.n]))).toEqual({ retained: 1, refund_due: BIDDERS - 1 });
  }, 60_000);
});
