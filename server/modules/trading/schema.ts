import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { achievements } from '../catalog/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Technology trading (docs/workflows/trading.md). Money is integer fen in
 * bigint columns, read as JS numbers: every amount is checked below
 * Number.MAX_SAFE_INTEGER fen (≈ 90 trillion yuan) by the contracts' zod
 * schemas, so the conversion is exact.
 */

/**
 * A listing for trade (挂牌) of a published achievement by its holder:
 * fixed price, price on negotiation (面议), or auction (竞价).
 */
export const tradeListings = pgTable(
  'trade_listings',
  {
    id: uuid().primaryKey().defaultRandom(),
    achievementId: uuid()
      .notNull()
      .references(() => achievements.id, { onDelete: 'restrict' }),
    /** The holder: the achievement's organisation when listed. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** fixed | negotiable | auction */
    mode: text().notNull(),
    /** The asking price for fixed-price listings; null otherwise. */
    priceFen: bigint({ mode: 'number' }),
    /** A code of the transferMode taxonomy (转让, 许可, 作价投资 …). */
    transferMode: text().notNull(),
    terms: text().notNull(),
    listedFrom: timestamp({ withTimezone: true }).notNull(),
    listedUntil: timestamp({ withTimezone: true }).notNull(),
    /** Working days of public notice (公示) before a deal on this listing is final. */
    noticeWorkingDays: integer().notNull(),
    /** open | in_deal | sold | withdrawn | expired */
    status: text().notNull().default('open'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.status, t.listedUntil),
    index().on(t.organisationId, t.status),
    // One live listing per achievement.
    uniqueIndex('trade_listings_live_achievement')
      .on(t.achievementId)
      .where(sql`status IN ('open', 'in_deal')`),
    check('trade_listings_price', sql`(mode = 'fixed') = (price_fen IS NOT NULL) AND (price_fen IS NULL OR price_fen > 0)`),
  ],
);

/**
 * An English auction on a listing. `endsAt` moves on when a bid falls in the
 * anti-sniping window; `currentPriceFen` and `bidCount` are written under the
 * auction's row lock with each bid (decision record 0017).
 */
export const auctions = pgTable(
  'trade_auctions',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid()
      .notNull()
      .references(() => tradeListings.id, { onDelete: 'restrict' }),
    startPriceFen: bigint({ mode: 'number' }).notNull(),
    incrementFen: bigint({ mode: 'number' }).notNull(),
    /** Hidden from bidders; they only see whether it is met. */
    reserveFen: bigint({ mode: 'number' }),
    depositFen: bigint({ mode: 'number' }).notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    /** The end as scheduled, before any extension. */
    scheduledEndsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    snipeWindowMinutes: integer().notNull(),
    snipeExtendMinutes: integer().notNull(),
    /** open | won | failed */
    status: text().notNull().default('open'),
    /** no_bids | reserve_not_met, when failed. */
    failedReason: text(),
    currentPriceFen: bigint({ mode: 'number' }),
    leadingBidderId: uuid(),
    bidCount: integer().notNull().default(0),
    extensions: integer().notNull().default(0),
    winnerOrgId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.listingId),
    index().on(t.status, t.endsAt),
    // One auction at a time per listing.
    uniqueIndex('trade_auctions_open_listing').on(t.listingId).where(sql`status = 'open'`),
    check('trade_auctions_amounts', sql`start_price_fen > 0 AND increment_fen > 0 AND deposit_fen >= 0 AND (reserve_fen IS NULL OR reserve_fen >= start_price_fen)`),
    check('trade_auctions_times', sql`starts_at < scheduled_ends_at AND scheduled_ends_at <= ends_at`),
  ],
);

/**
 * An organisation registered to bid (竞买人), numbered in registration order
 * (bidders are shown as 竞买人 1, 2 … to each other), with its deposit.
 */
export const auctionBidders = pgTable(
  'trade_auction_bidders',
  {
    id: uuid().primaryKey().defaultRandom(),
    auctionId: uuid()
      .notNull()
      .references(() => auctions.id, { onDelete: 'restrict' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    registeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    bidderNo: integer().notNull(),
    /** unpaid | paid | refund_due | refunded | retained (the winner's, towards the price) */
    depositStatus: text().notNull().default('unpaid'),
    depositReference: text(),
    depositRecordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    depositPaidAt: timestamp({ withTimezone: true }),
    refundReference: text(),
    refundRecordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    refundedAt: timestamp({ withTimezone: true }),
    registeredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex().on(t.auctionId, t.organisationId), uniqueIndex().on(t.auctionId, t.bidderNo), index().on(t.depositStatus)],
);

/** Every accepted bid, numbered 1, 2 … per auction; amounts strictly increase with the number. */
export const auctionBids = pgTable(
  'trade_auction_bids',
  {
    id: uuid().primaryKey().defaultRandom(),
    auctionId: uuid()
      .notNull()
      .references(() => auctions.id, { onDelete: 'restrict' }),
    bidderId: uuid()
      .notNull()
      .references(() => auctionBidders.id, { onDelete: 'restrict' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    seq: integer().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** The auction's end after this bid, when the bid extended it. */
    extendedTo: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex().on(t.auctionId, t.seq), uniqueIndex().on(t.auctionId, t.amountFen)],
);

/** A price offer on a 面议 listing; the holder's acceptance makes a deal. */
export const tradeOffers = pgTable(
  'trade_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid()
      .notNull()
      .references(() => tradeListings.id, { onDelete: 'restrict' }),
    buyerOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    amountFen: bigint({ mode: 'number' }).notNull(),
    message: text().notNull(),
    /** pending | accepted | declined | withdrawn | lapsed (another offer was accepted) */
    status: text().notNull().default('pending'),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.listingId, t.status), uniqueIndex('trade_offers_pending_buyer').on(t.listingId, t.buyerOrgId).where(sql`status = 'pending'`)],
);

/**
 * A deal between holder and buyer, in public notice (公示) until
 * `noticeEndsAt`; final only when that has passed with no objection open.
 */
export const tradeDeals = pgTable(
  'trade_deals',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid()
      .notNull()
      .references(() => tradeListings.id, { onDelete: 'restrict' }),
    /** listing (fixed price or negotiated) | auction */
    kind: text().notNull(),
    auctionId: uuid().references(() => auctions.id, { onDelete: 'restrict' }),
    offerId: uuid().references(() => tradeOffers.id, { onDelete: 'restrict' }),
    achievementId: uuid()
      .notNull()
      .references(() => achievements.id, { onDelete: 'restrict' }),
    sellerOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    buyerOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    amountFen: bigint({ mode: 'number' }).notNull(),
    transferMode: text().notNull(),
    /** notice | final | cancelled */
    status: text().notNull().default('notice'),
    noticeEndsAt: timestamp({ withTimezone: true }).notNull(),
    finalisedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.status, t.noticeEndsAt),
    index().on(t.buyerOrgId),
    index().on(t.sellerOrgId),
    // One live deal per listing.
    uniqueIndex('trade_deals_live_listing').on(t.listingId).where(sql`status <> 'cancelled'`),
    check('trade_deals_amount', sql`amount_fen > 0`),
  ],
);

/** An objection to a deal in public notice (异议), resolved by a reviewer. */
export const tradeObjections = pgTable(
  'trade_objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    dealId: uuid()
      .notNull()
      .references(() => tradeDeals.id, { onDelete: 'restrict' }),
    filedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    filedOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    reasons: text().notNull(),
    evidenceFileIds: uuid().array().notNull().default(sql`'{}'`),
    /** open | upheld | dismissed */
    status: text().notNull().default('open'),
    resolution: text(),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.dealId, t.status), index().on(t.status, t.createdAt)],
);

/**
 * One party's confirmation of a final deal (成交确认书, decision record 0029):
 * the seller's or buyer's member who re-entered their password and confirmed
 * the SHA-256 of the confirmation's canonical content as shown to them. One
 * per deal and side. The request's address and user agent are in the audit
 * row whose entity is this confirmation (`trade_deal_confirmation`, its id).
 */
export const tradeDealConfirmations = pgTable(
  'trade_deal_confirmations',
  {
    id: uuid().primaryKey().defaultRandom(),
    dealId: uuid()
      .notNull()
      .references(() => tradeDeals.id, { onDelete: 'restrict' }),
    /** seller | buyer */
    side: text().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    confirmedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Hex SHA-256 of the canonical content the user confirmed. */
    contentHash: text().notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex().on(t.dealId, t.side),
    check('trade_deal_confirmations_side', sql`side IN ('seller', 'buyer')`),
    check('trade_deal_confirmations_hash', sql`content_hash ~ '^[0-9a-f]{64}$'`),
  ],
);
