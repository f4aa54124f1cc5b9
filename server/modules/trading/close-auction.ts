import { and, eq, lte } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { achievementTitle, openDeal } from './deals.js';
import { auctionsChannelNotify } from './live.js';
import { auctionLink, orgAdminIds } from './parties.js';
import { biddersOf, findAuction, findTradeListing } from './repository.js';
import { auctionBidders, auctionBids, auctions } from './schema.js';

/** Every paid deposit of the auction becomes due for refund (except the winner's, `retained`). */
async function depositsDue(tx: Tx, auctionId: string, winnerBidderId: string | null): Promise<void> {
  await tx
    .update(auctionBidders)
    .set({ depositStatus: 'refund_due' })
    .where(and(eq(auctionBidders.auctionId, auctionId), eq(auctionBidders.depositStatus, 'paid')));
  if (winnerBidderId) await tx.update(auctionBidders).set({ depositStatus: 'retained' }).where(eq(auctionBidders.id, winnerBidderId));
}

async function bidderUsers(tx: Tx, auctionId: string, exceptOrg: string | null): Promise<string[]> {
  const bidders = (await biddersOf(tx, auctionId)).filter((b) => b.organisationId !== exceptOrg);
  const ids: string[] = [];
  for (const b of bidders) ids.push(...(await orgAdminIds(tx, b.organisationId)), ...(b.registeredBy ? [b.registeredBy] : []));
  return ids;
}

/** Close an open auction as failed (no bids, reserve not met, or withdrawn with its listing). */
export async function closeWithoutWinner(tx: Tx, auctionId: string, reason: 'no_bids' | 'reserve_not_met', now: Date): Promise<void> {
  const a = (await findAuction(tx, auctionId, { forUpdate: true }))!;
  await tx.update(auctions).set({ status: 'failed', failedReason: reason, closedAt: now }).where(eq(auctions.id, auctionId));
  await depositsDue(tx, auctionId, null);
  const listing = (await findTradeListing(tx, a.listingId))!;
  await notify(tx, {
    userIds: [...(await orgAdminIds(tx, listing.organisationId)), ...(listing.createdBy ? [listing.createdBy] : []), ...(await bidderUsers(tx, auctionId, null))],
    kind: 'trade.auction_failed',
    params: { title: await achievementTitle(tx, listing.achievementId), reason },
    link: auctionLink(auctionId),
  });
  await recordAudit(tx, systemActor(), { action: 'auction.fail', entityType: 'auction', entityId: auctionId, changes: { status: { before: 'open', after: 'failed' }, failedReason: reason, bidCount: a.bidCount } });
}

/**
 * Close an auction whose end has passed (the job at the end time; extended
 * auctions have a later job and this one does nothing). No bids or the
 * reserve not met: failed. Otherwise the leading bidder wins, a deal enters
 * public notice, losers' deposits become due for refund. Under the auction's
 * row lock, like bids, so no bid lands after the close.
 */
export async function closeAuction(db: Db, auctionId: string, now: Date): Promise<'won' | 'failed' | 'not_due'> {
  return withTx(db, async (tx) => {
    const a = await findAuction(tx, auctionId, { forUpdate: true });
    if (!a || a.status !== 'open' || a.endsAt.getTime() > now.getTime()) return 'not_due';
    if (a.bidCount === 0 || a.currentPriceFen === null) {
      await closeWithoutWinner(tx, auctionId, 'no_bids', now);
      await auctionsChannelNotify(tx, auctionId);
      return 'failed';
    }
    if (a.reserveFen !== null && a.currentPriceFen < a.reserveFen) {
      await closeWithoutWinner(tx, auctionId, 'reserve_not_met', now);
      await auctionsChannelNotify(tx, auctionId);
      return 'failed';
    }
    const [top] = await tx
      .select({ bidderId: auctionBids.bidderId, userId: auctionBids.userId, organisationId: auctionBidders.organisationId })
      .from(auctionBids)
      .innerJoin(auctionBidders, eq(auctionBidders.id, auctionBids.bidderId))
      .where(and(eq(auctionBids.auctionId, auctionId), eq(auctionBids.seq, a.bidCount)));
    const listing = (await findTradeListing(tx, a.listingId, { forUpdate: true }))!;
    await tx.update(auctions).set({ status: 'won', winnerOrgId: top!.organisationId, closedAt: now }).where(eq(auctions.id, auctionId));
    await depositsDue(tx, auctionId, top!.bidderId);
    const actor = systemActor();
    await recordAudit(tx, actor, {
      action: 'auction.win',
      entityType: 'auction',
      entityId: auctionId,
      changes: { status: { before: 'open', after: 'won' }, winnerOrgId: top!.organisationId, priceFen: a.currentPriceFen, bidCount: a.bidCount },
    });
    await openDeal(tx, actor, listing, { kind: 'auction', auctionId, buyerOrgId: top!.organisationId, buyerUserId: top!.userId, amountFen: a.currentPriceFen }, now);
    const title = await achievementTitle(tx, listing.achievementId);
    await notify(tx, { userIds: await bidderUsers(tx, auctionId, top!.organisationId), kind: 'trade.auction_lost', params: { title, amountFen: a.currentPriceFen }, link: auctionLink(auctionId) });
    await auctionsChannelNotify(tx, auctionId);
    return 'won';
  });
}

/** Auctions past their end and still open (the sweep's safety net for lost jobs). */
export async function dueAuctionIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db.select({ id: auctions.id }).from(auctions).where(and(eq(auctions.status, 'open'), lte(auctions.endsAt, now)));
  return rows.map((r) => r.id);
}

