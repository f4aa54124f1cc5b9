import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auctionBidders, auctionBids, auctions, tradeDeals, tradeListings, tradeObjections, tradeOffers } from './schema.js';

export type ListingRow = typeof tradeListings.$inferSelect;
export type AuctionRow = typeof auctions.$inferSelect;
export type BidderRow = typeof auctionBidders.$inferSelect;
export type BidRow = typeof auctionBids.$inferSelect;
export type DealRow = typeof tradeDeals.$inferSelect;
export type ObjectionRow = typeof tradeObjections.$inferSelect;
export type OfferRow = typeof tradeOffers.$inferSelect;

type Lock = { forUpdate?: boolean };

export async function findTradeListing(db: DbOrTx, id: string, opts: Lock = {}): Promise<ListingRow | null> {
  const q = db.select().from(tradeListings).where(eq(tradeListings.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateTradeListing(tx: DbOrTx, id: string, set: Partial<typeof tradeListings.$inferInsert>): Promise<ListingRow> {
  const [row] = await tx.update(tradeListings).set(set).where(eq(tradeListings.id, id)).returning();
  return row!;
}

export async function findAuction(db: DbOrTx, id: string, opts: Lock = {}): Promise<AuctionRow | null> {
  const q = db.select().from(auctions).where(eq(auctions.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The listing's current auction: the open one, else the latest. */
export async function currentAuctionOf(db: DbOrTx, listingId: string): Promise<AuctionRow | null> {
  const [row] = await db
    .select()
    .from(auctions)
    .where(eq(auctions.listingId, listingId))
    .orderBy(sql`(${auctions.status} = 'open') DESC`, desc(auctions.createdAt))
    .limit(1);
  return row ?? null;
}

export async function auctionsOf(db: DbOrTx, listingIds: string[]): Promise<AuctionRow[]> {
  if (listingIds.length === 0) return [];
  return db.select().from(auctions).where(inArray(auctions.listingId, listingIds)).orderBy(desc(auctions.createdAt));
}

export async function findBidderOf(db: DbOrTx, auctionId: string, organisationId: string): Promise<BidderRow | null> {
  const [row] = await db.select().from(auctionBidders).where(and(eq(auctionBidders.auctionId, auctionId), eq(auctionBidders.organisationId, organisationId)));
  return row ?? null;
}

export async function findBidder(db: DbOrTx, id: string, opts: Lock = {}): Promise<BidderRow | null> {
  const q = db.select().from(auctionBidders).where(eq(auctionBidders.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function biddersOf(db: DbOrTx, auctionId: string): Promise<BidderRow[]> {
  return db.select().from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId)).orderBy(asc(auctionBidders.bidderNo));
}

export async function countBidders(db: DbOrTx, auctionId: string): Promise<number> {
  return (await db.select({ n: count() }).from(auctionBidders).where(eq(auctionBidders.auctionId, auctionId)))[0]!.n;
}

/** Bids newest first, all or those after `afterSeq`. */
export async function bidsOf(db: DbOrTx, auctionId: string, afterSeq = 0, limit = 200): Promise<(BidRow & { bidderNo: number; organisationId: string })[]> {
  return db
    .select({ ...bidColumns(), bidderNo: auctionBidders.bidderNo, organisationId: auctionBidders.organisationId })
    .from(auctionBids)
    .innerJoin(auctionBidders, eq(auctionBidders.id, auctionBids.bidderId))
    .where(and(eq(auctionBids.auctionId, auctionId), gt(auctionBids.seq, afterSeq)))
    .orderBy(desc(auctionBids.seq))
    .limit(limit);
}

function bidColumns() {
  return {
    id: auctionBids.id,
    auctionId: auctionBids.auctionId,
    bidderId: auctionBids.bidderId,
    userId: auctionBids.userId,
    seq: auctionBids.seq,
    amountFen: auctionBids.amountFen,
    extendedTo: auctionBids.extendedTo,
    createdAt: auctionBids.createdAt,
  };
}

export async function highestBidOf(db: DbOrTx, auctionId: string, bidderId: string): Promise<number | null> {
  const [r] = await db
    .select({ max: sql<string | null>`max(${auctionBids.amountFen})` })
    .from(auctionBids)
    .where(and(eq(auctionBids.auctionId, auctionId), eq(auctionBids.bidderId, bidderId)));
  return r?.max == null ? null : Number(r.max);
}

export async function findDeal(db: DbOrTx, id: string, opts: Lock = {}): Promise<DealRow | null> {
  const q = db.select().from(tradeDeals).where(eq(tradeDeals.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The deal of a listing that is not cancelled (in notice or final). */
export async function liveDealOf(db: DbOrTx, listingId: string): Promise<DealRow | null> {
  const [row] = await db
    .select()
    .from(tradeDeals)
    .where(and(eq(tradeDeals.listingId, listingId), sql`${tradeDeals.status} <> 'cancelled'`));
  return row ?? null;
}

export async function dealOfAuction(db: DbOrTx, auctionId: string): Promise<DealRow | null> {
  const [row] = await db.select().from(tradeDeals).where(eq(tradeDeals.auctionId, auctionId)).orderBy(desc(tradeDeals.createdAt)).limit(1);
  return row ?? null;
}

export async function objectionsOf(db: DbOrTx, dealId: string): Promise<ObjectionRow[]> {
  return db.select().from(tradeObjections).where(eq(tradeObjections.dealId, dealId)).orderBy(asc(tradeObjections.createdAt));
}

export async function openObjectionCount(db: DbOrTx, dealId: string): Promise<number> {
  return (await db.select({ n: count() }).from(tradeObjections).where(and(eq(tradeObjections.dealId, dealId), eq(tradeObjections.status, 'open'))))[0]!.n;
}

export async function findObjection(db: DbOrTx, id: string): Promise<ObjectionRow | null> {
  const [row] = await db.select().from(tradeObjections).where(eq(tradeObjections.id, id));
  return row ?? null;
}

export async function offersOf(db: DbOrTx, listingId: string): Promise<OfferRow[]> {
  return db.select().from(tradeOffers).where(eq(tradeOffers.listingId, listingId)).orderBy(desc(tradeOffers.createdAt));
}

export async function findOffer(db: DbOrTx, id: string, opts: Lock = {}): Promise<OfferRow | null> {
  const q = db.select().from(tradeOffers).where(eq(tradeOffers.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}
