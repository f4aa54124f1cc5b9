import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Technology trading, auctions (竞价): English auctions on a listing, with
 * deposits recorded by the bureau and anti-sniping, the live state and its
 * event stream, bids. Listings, deals and objections: trading-listings.ts;
 * both are re-exported by trading.ts. Workflow: docs/workflows/trading.md.
 * Money is integer fen (below 10 billion yuan, so a JS number is exact).
 */

/** A positive amount in fen (at most 100 亿元). */
export const Fen = z.number().int().min(1).max(10_000_000_000_00);

export const AUCTION_STATUSES = ['open', 'won', 'failed'] as const;
export const AuctionStatus = z.enum(AUCTION_STATUSES);
/** Where an open auction is in time (derived from the clock). */
export const AuctionPhase = z.enum(['upcoming', 'bidding', 'closing', 'won', 'failed']);
export type AuctionPhase = z.infer<typeof AuctionPhase>;

export const DEPOSIT_STATUSES = ['unpaid', 'paid', 'refund_due', 'refunded', 'retained'] as const;
export const DepositStatus = z.enum(DEPOSIT_STATUSES);

/** Defaults a listing form starts from (the platform's configuration). */
export const TRADING_DEFAULTS = {
  noticeWorkingDays: 5,
  snipeWindowMinutes: 5,
  snipeExtendMinutes: 5,
} as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AuctionTerms = z
  .object({
    startPriceFen: Fen,
    incrementFen: Fen,
    /** Hidden from bidders; at least the start price. */
    reserveFen: Fen.optional(),
    /** 0 = no deposit required. */
    depositFen: z.number().int().min(0).max(10_000_000_000_00),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    /** A bid in the last N minutes … */
    snipeWindowMinutes: z.number().int().min(0).max(60).default(TRADING_DEFAULTS.snipeWindowMinutes),
    /** … extends the end by M minutes. */
    snipeExtendMinutes: z.number().int().min(0).max(60).default(TRADING_DEFAULTS.snipeExtendMinutes),
  })
  .refine((a) => Date.parse(a.startsAt) < Date.parse(a.endsAt), { message: 'the end must be after the start', path: ['endsAt'] })
  .refine((a) => a.reserveFen === undefined || a.reserveFen >= a.startPriceFen, { message: 'the reserve cannot be below the start price', path: ['reserveFen'] });
export type AuctionTerms = z.output<typeof AuctionTerms>;

const Ref = z.object({ id: Id, name: z.string() });
/** What anyone may see of an auction: never the reserve itself, nor who the bidders are. */
export const AuctionPublic = z.object({
  id: Id,
  status: AuctionStatus,
  phase: AuctionPhase,
  startPriceFen: z.number().int(),
  incrementFen: z.number().int(),
  depositFen: z.number().int(),
  hasReserve: z.boolean(),
  /** Null without a reserve. */
  reserveMet: z.boolean().nullable(),
  currentPriceFen: z.number().int().nullable(),
  /** The lowest acceptable next bid. */
  nextMinimumFen: z.number().int(),
  bidCount: z.number().int(),
  /** "竞买人 3" style label of the leading bidder. */
  leadingBidderNo: z.number().int().nullable(),
  startsAt: IsoDateTime,
  scheduledEndsAt: IsoDateTime,
  endsAt: IsoDateTime,
  extensions: z.number().int(),
  snipeWindowMinutes: z.number().int(),
  snipeExtendMinutes: z.number().int(),
  registeredBidders: z.number().int(),
  failedReason: z.enum(['no_bids', 'reserve_not_met']).nullable(),
  closedAt: IsoDateTime.nullable(),
  /** The server's clock, so countdowns are right whatever the browser's. */
  serverTime: IsoDateTime,
});
export type AuctionPublic = z.infer<typeof AuctionPublic>;

export const BidView = z.object({ seq: z.number().int(), bidderNo: z.number().int(), amountFen: z.number().int(), createdAt: IsoDateTime, extendedTo: IsoDateTime.nullable(), mine: z.boolean() });
export type BidView = z.infer<typeof BidView>;

/** The caller's standing in an auction. */
export const MyBidderStatus = z.object({
  /** none: not registered; registered: deposit outstanding; eligible: may bid. */
  state: z.enum(['anonymous', 'holder', 'not_eligible', 'none', 'registered', 'eligible', 'leading', 'outbid', 'won', 'lost']),
  bidderNo: z.number().int().nullable(),
  depositStatus: DepositStatus.nullable(),
  myHighestFen: z.number().int().nullable(),
  /** register, bid */
  actions: z.array(z.string()),
});

export const AuctionLive = z.object({
  auction: AuctionPublic,
  me: MyBidderStatus,
  /** Newest first (all, or those after `afterSeq`). */
  bids: z.array(BidView),
  /** The deal the auction produced, when won. */
  dealId: Id.nullable(),
  listingId: Id,
  title: z.string(),
});
export type AuctionLive = z.infer<typeof AuctionLive>;

export const BidderView = z.object({
  id: Id,
  auctionId: Id,
  listingId: Id,
  title: z.string(),
  bidderNo: z.number().int(),
  organisation: Ref,
  depositFen: z.number().int(),
  depositStatus: DepositStatus,
  depositReference: z.string().nullable(),
  depositPaidAt: IsoDateTime.nullable(),
  refundReference: z.string().nullable(),
  refundedAt: IsoDateTime.nullable(),
  registeredAt: IsoDateTime,
  /** record_deposit, record_refund */
  actions: z.array(z.string()),
});
export type BidderView = z.infer<typeof BidderView>;

export const getAuction = endpoint({
  method: 'GET',
  path: '/api/v1/trading/auctions/:id',
  summary: 'Live state of an auction: price, time left, bid history (bidders anonymised), the caller’s status. The polling fallback of the event stream',
  tags: ['trading'],
  params: IdParams,
  query: z.object({ afterSeq: z.coerce.number().int().min(0).optional() }),
  response: AuctionLive,
});

export const auctionEvents = endpoint({
  method: 'GET',
  path: '/api/v1/trading/auctions/:id/events',
  summary: 'Server-sent events of an auction (text/event-stream): a "state" event per bid, extension and close; heartbeats; resumes after Last-Event-ID',
  tags: ['trading'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});

export const registerBidder = endpoint({
  method: 'POST',
  path: '/api/v1/trading/auctions/:id/register',
  summary: 'Register the caller’s verified organisation as a bidder (deposit then recorded by the bureau)',
  tags: ['trading'],
  params: IdParams,
  response: AuctionLive,
});

export const placeBid = endpoint({
  method: 'POST',
  path: '/api/v1/trading/auctions/:id/bids',
  summary: 'Bid: at least the current price plus the increment (or the start price for the first bid)',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ amountFen: Fen }),
  response: AuctionLive,
});

export const listBidders = endpoint({
  method: 'GET',
  path: '/api/v1/trading/bidders',
  summary: 'Deposit desk: registered bidders and their deposits (bureau)',
  tags: ['trading'],
  query: PageQuery.extend({ depositStatus: DepositStatus.optional(), auctionId: Id.optional() }),
  response: pageOf(BidderView),
});

export const recordDeposit = endpoint({
  method: 'POST',
  path: '/api/v1/trading/bidders/:id/deposit',
  summary: 'Record that a bidder paid the deposit, with the payment reference',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ reference: Text(200) }),
  response: BidderView,
});

export const recordRefund = endpoint({
  method: 'POST',
  path: '/api/v1/trading/bidders/:id/refund',
  summary: 'Record the refund of a losing (or failed auction’s) bidder’s deposit, with the reference',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ reference: Text(200) }),
  response: BidderView,
});
