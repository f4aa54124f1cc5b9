import { and, eq, sql } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { organisations } from '../organisations/schema.js';
import { notify } from '../notifications/notify.js';
import { achievementTitle } from './deals.js';
import { closeAuctionJob } from './jobs.js';
import { AUCTION_CHANNEL } from './live.js';
import { auctionLink, buyerOrgOf } from './parties.js';
import { type AuctionRow, type BidderRow, findAuction, findBidder, findBidderOf, findTradeListing } from './repository.js';
import { auctionBidders, auctionBids, auctions, tradeListings } from './schema.js';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function tooLow(min: number): AppError {
  return new AppError('BID_TOO_LOW', {
    message: { zh: `出价须不低于 ¥${yuan(min)}（当前价加最小加价幅度）。`, en: `The bid must be at least ¥${yuan(min)} (the current price plus the minimum increment).` },
  });
}

/** The lowest acceptable next bid: the start price first, then the current price plus the increment. */
export function nextMinimum(a: Pick<AuctionRow, 'currentPriceFen' | 'startPriceFen' | 'incrementFen'>): number {
  return a.currentPriceFen === null ? a.startPriceFen : a.currentPriceFen + a.incrementFen;
}

/**
 * Register the caller's VERIFIED organisation (not the holder) to bid, before
 * the auction ends. Numbered in order under the auction's lock; with no
 * deposit required the registration is at once eligible.
 */
export async function registerBidder(tx: Tx, actor: Actor, auctionId: string, now: Date): Promise<BidderRow> {
  const a = await findAuction(tx, auctionId, { forUpdate: true });
  if (!a) throw new AppError('NOT_FOUND');
  const listing = (await findTradeListing(tx, a.listingId))!;
  await buyerOrgOf(tx, actor, listing, ['bid', 'auction']);
  if (a.status !== 'open' || a.endsAt.getTime() <= now.getTime()) throw new AppError('AUCTION_ENDED');
  if (await findBidderOf(tx, auctionId, actor.organisationId!)) {
    throw new AppError('CONFLICT', { message: { zh: '本单位已报名该竞价。', en: 'Your organisation is already registered for this auction.' } });
  }
  const [{ n }] = (await tx.select({ n: sql<number>`coalesce(max(${auctionBidders.bidderNo}), 0)::int` }).from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId))) as [{ n: number }];
  const free = a.depositFen === 0;
  const [row] = await tx
    .insert(auctionBidders)
    .values({
      auctionId,
      organisationId: actor.organisationId!,
      registeredBy: actor.userId,
      bidderNo: n + 1,
      depositStatus: free ? 'paid' : 'unpaid',
      depositPaidAt: free ? now : null,
      depositReference: free ? '无需保证金' : null,
      registeredAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'auction.register', entityType: 'auction', entityId: auctionId, changes: { bidderNo: row!.bidderNo, organisationId: actor.organisationId, depositFen: a.depositFen } });
  return row!;
}

/**
 * The checks of a bid that do not depend on the race, in one statement: the
 * auction exists, the caller's organisation is verified, registered with its
 * deposit recorded, not the holder, and the amount is not below what the last
 * committed price already demands (the price only rises). The route runs it
 * on the pool before opening the bid's transaction, so the many bids a busy
 * auction refuses cost one query; `placeBid` runs it again inside.
 */
export async function checkBid(db: DbOrTx, actor: Actor, auctionId: string, amountFen: number, now: Date): Promise<{ bidder: BidderRow; achievementId: string }> {
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  requireCan(actor, 'bid', 'auction', { organisationId: actor.organisationId });
  const [pre] = await db
    .select({ auction: auctions, holderOrgId: tradeListings.organisationId, achievementId: tradeListings.achievementId, verification: organisations.verificationStatus, bidder: auctionBidders })
    .from(auctions)
    .innerJoin(tradeListings, eq(tradeListings.id, auctions.listingId))
    .leftJoin(organisations, eq(organisations.id, actor.organisationId))
    .leftJoin(auctionBidders, and(eq(auctionBidders.auctionId, auctions.id), eq(auctionBidders.organisationId, actor.organisationId)))
    .where(eq(auctions.id, auctionId));
  if (!pre) throw new AppError('NOT_FOUND');
  const { auction: snapshot, bidder } = pre;
  if (pre.holderOrgId === actor.organisationId) throw new AppError('OWN_LISTING');
  if (pre.verification !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  if (!bidder) throw new AppError('BIDDER_NOT_REGISTERED');
  if (bidder.depositStatus !== 'paid') throw new AppError('DEPOSIT_NOT_PAID');
  const racing = snapshot.status === 'open' && now.getTime() >= snapshot.startsAt.getTime() && now.getTime() < snapshot.endsAt.getTime();
  if (racing && amountFen < nextMinimum(snapshot)) throw tooLow(nextMinimum(snapshot));
  return { bidder, achievementId: pre.achievementId };
}

/**
 * A bid, under the auction's row lock (decision records 0017 and 0023):
 * concurrent bids on one auction run one after another, each sees the price
 * the one before it wrote, so accepted amounts strictly increase with their
 * sequence number and there is one leader. A bid in the last
 * `snipeWindowMinutes` moves the end on by `snipeExtendMinutes` and
 * schedules the close again.
 *
 * The critical section is kept to five round trips (profiled under
 * `npm run bench:bids`, bench/README.md): everything that does not depend on
 * the race is read in one statement (`checkBid`) before queueing for the lock; under it,
 * the lock also reads the outbid leader's user, one statement writes the bid,
 * the price and the live-price NOTIFY, then the outbid notice, and the audit
 * row last, so the platform-wide audit chain head is held for the shortest
 * time (lock order: auction row, then the audit head).
 */
export async function placeBid(tx: Tx, actor: Actor, auctionId: string, amountFen: number, now: Date): Promise<{ seq: number; extendedTo: Date | null }> {
  const { bidder, achievementId } = await checkBid(tx, actor, auctionId, amountFen, now);
  const title = await achievementTitle(tx, achievementId);

  // The lock, with the user to tell when this bid takes the lead. A scalar subquery, not a join: when the
  // lock waits for a bid that moved the lead, READ COMMITTED re-checks the locked row in its new version
  // and re-evaluates the subquery against it, while a joined row would stay the one first read.
  const [locked] = await tx
    .select({ a: auctions, leaderUserId: sql<string | null>`(SELECT ${auctionBidders.registeredBy} FROM ${auctionBidders} WHERE ${auctionBidders.id} = ${auctions.leadingBidderId})` })
    .from(auctions)
    .where(eq(auctions.id, auctionId))
    .for('update');
  const a = locked!.a;
  if (now.getTime() < a.startsAt.getTime()) throw new AppError('AUCTION_NOT_STARTED');
  if (a.status !== 'open' || now.getTime() >= a.endsAt.getTime()) throw new AppError('AUCTION_ENDED');
  const min = nextMinimum(a);
  if (amountFen < min) throw tooLow(min);
  if (a.leadingBidderId === bidder.id) {
    throw new AppError('INVALID_STATE', { message: { zh: '您已是当前最高出价人，无需再次加价。', en: 'You already hold the highest bid.' } });
  }
  const seq = a.bidCount + 1;
  const inWindow = a.snipeExtendMinutes > 0 && a.endsAt.getTime() - now.getTime() <= a.snipeWindowMinutes * 60_000;
  const extendedTo = inWindow ? new Date(a.endsAt.getTime() + a.snipeExtendMinutes * 60_000) : null;
  // The bid row, the auction's price and the live-price NOTIFY (delivered on commit) in one statement.
  await tx.execute(sql`
    WITH bid AS (
      INSERT INTO ${auctionBids} (auction_id, bidder_id, user_id, seq, amount_fen, extended_to, created_at)
      VALUES (${auctionId}, ${bidder.id}, ${actor.userId}, ${seq}, ${amountFen}, ${extendedTo}, ${now})
      RETURNING seq
    )
    UPDATE ${auctions}
    SET current_price_fen = ${amountFen}, leading_bidder_id = ${bidder.id}, bid_count = (SELECT seq FROM bid)
      ${extendedTo ? sql`, ends_at = ${extendedTo}, extensions = extensions + 1` : sql``}
    WHERE id = ${auctionId}
    RETURNING pg_notify(${AUCTION_CHANNEL}, id::text)`);
  if (extendedTo) await enqueue(tx, closeAuctionJob, { auctionId }, { runAt: extendedTo });
  if (a.leadingBidderId && locked!.leaderUserId) {
    await notify(tx, { userIds: [locked!.leaderUserId], kind: 'trade.outbid', params: { title, amountFen }, link: auctionLink(auctionId) });
  }
  await recordAudit(tx, actor, {
    action: 'auction.bid',
    entityType: 'auction',
    entityId: auctionId,
    changes: { seq, amountFen, bidderNo: bidder.bidderNo, priceFen: { before: a.currentPriceFen, after: amountFen }, ...(extendedTo ? { endsAt: { before: a.endsAt.toISOString(), after: extendedTo.toISOString() } } : {}) },
  });
  return { seq, extendedTo };
}

/** The bureau records a bidder's deposit as received, with the payment reference. */
export async function recordDeposit(tx: Tx, actor: Actor, bidderId: string, input: { reference: string }, now: Date): Promise<BidderRow> {
  requireCan(actor, 'manage', 'auction');
  const b = await findBidder(tx, bidderId, { forUpdate: true });
  if (!b) throw new AppError('NOT_FOUND');
  const a = (await findAuction(tx, b.auctionId))!;
  if (b.depositStatus !== 'unpaid' || a.status !== 'open') throw new AppError('INVALID_STATE');
  const [row] = await tx
    .update(auctionBidders)
    .set({ depositStatus: 'paid', depositReference: input.reference, depositRecordedBy: actor.userId, depositPaidAt: now })
    .where(eq(auctionBidders.id, bidderId))
    .returning();
  if (b.registeredBy) {
    const listing = (await findTradeListing(tx, a.listingId))!;
    await notify(tx, { userIds: [b.registeredBy], kind: 'trade.deposit_recorded', params: { title: await achievementTitle(tx, listing.achievementId), amountFen: a.depositFen }, link: auctionLink(a.id) });
  }
  await recordAudit(tx, actor, {
    action: 'auction.deposit',
    entityType: 'auction_bidder',
    entityId: bidderId,
    changes: { depositStatus: { before: 'unpaid', after: 'paid' }, reference: input.reference, amountFen: a.depositFen, auctionId: a.id },
  });
  return row!;
}

/** The bureau records the refund of a deposit that became due (losers', or all after a failed auction). */
export async function recordRefund(tx: Tx, actor: Actor, bidderId: string, input: { reference: string }, now: Date): Promise<BidderRow> {
  requireCan(actor, 'manage', 'auction');
  const b = await findBidder(tx, bidderId, { forUpdate: true });
  if (!b) throw new AppError('NOT_FOUND');
  if (b.depositStatus !== 'refund_due') throw new AppError('INVALID_STATE');
  const a = (await findAuction(tx, b.auctionId))!;
  const [row] = await tx
    .update(auctionBidders)
    .set({ depositStatus: 'refunded', refundReference: input.reference, refundRecordedBy: actor.userId, refundedAt: now })
    .where(eq(auctionBidders.id, bidderId))
    .returning();
  await recordAudit(tx, actor, {
    action: 'auction.refund',
    entityType: 'auction_bidder',
    entityId: bidderId,
    changes: { depositStatus: { before: 'refund_due', after: 'refunded' }, reference: input.reference, amountFen: a.depositFen, auctionId: a.id },
  });
  return row!;
}
