import { z } from 'zod';
import { TransferMode } from '../taxonomies/codes.js';
import { endpoint, Id, IdParams, IsoDateTime, Ok, PageQuery, pageOf } from './endpoint.js';
import { AuctionPublic, AuctionTerms, BidderView, Fen, TRADING_DEFAULTS } from './trading-auctions.js';

/**
 * Technology trading, listings and deals: listings for trade (挂牌) at a fixed
 * price or on negotiation (面议) or by auction (the auction itself:
 * trading-auctions.ts), offers, deals in public notice (公示) with objections.
 * Workflow: docs/workflows/trading.md. Money is integer fen.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const Ref = z.object({ id: Id, name: z.string() });
export const LISTING_MODES = ['fixed', 'negotiable', 'auction'] as const;
export const ListingMode = z.enum(LISTING_MODES);
export type ListingMode = z.infer<typeof ListingMode>;

export const LISTING_STATUSES = ['open', 'in_deal', 'sold', 'withdrawn', 'expired'] as const;
export const ListingStatus = z.enum(LISTING_STATUSES);
export type ListingStatus = z.infer<typeof ListingStatus>;

export const DEAL_STATUSES = ['notice', 'final', 'cancelled'] as const;
export const DealStatus = z.enum(DEAL_STATUSES);
export const DealKind = z.enum(['listing', 'auction']);

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export const ObjectionStatus = z.enum(OBJECTION_STATUSES);

export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'lapsed'] as const;
export const OfferStatus = z.enum(OFFER_STATUSES);

export const CreateListingBody = z
  .object({
    achievementId: Id,
    mode: ListingMode,
    /** Required for fixed-price listings. */
    priceFen: Fen.optional(),
    transferMode: TransferMode,
    terms: Text(8000),
    /** Defaults to now. */
    listedFrom: z.iso.datetime({ offset: true }).optional(),
    listedUntil: z.iso.datetime({ offset: true }),
    noticeWorkingDays: z.number().int().min(1).max(30).default(TRADING_DEFAULTS.noticeWorkingDays),
    /** Required for auction listings. */
    auction: AuctionTerms.optional(),
  })
  .refine((b) => b.mode !== 'fixed' || b.priceFen !== undefined, { message: 'a fixed price is required', path: ['priceFen'] })
  .refine((b) => b.mode === 'fixed' || b.priceFen === undefined, { message: 'only fixed-price listings have a price', path: ['priceFen'] })
  .refine((b) => (b.mode === 'auction') === (b.auction !== undefined), { message: 'auction terms go with auction listings only', path: ['auction'] });

export const ListingsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  mode: ListingMode.optional(),
  transferMode: TransferMode.optional(),
  industrySection: z.string().regex(/^[A-T]$/).optional(),
  minPriceFen: z.coerce.number().int().min(0).optional(),
  maxPriceFen: z.coerce.number().int().min(0).optional(),
  /** Public lists show open listings; "in_deal" lists those in 公示. */
  status: z.enum(['open', 'in_deal', 'sold']).default('open'),
  sort: z.enum(['newest', 'ending', 'price_asc', 'price_desc']).default('newest'),
});

const AchievementRef = z.object({ id: Id, title: z.string(), industrySection: z.string().nullable(), techField: z.string().nullable() });

export const DealPublic = z.object({
  id: Id,
  kind: DealKind,
  status: DealStatus,
  listingId: Id,
  achievement: AchievementRef,
  seller: Ref,
  buyer: Ref,
  amountFen: z.number().int(),
  transferMode: TransferMode,
  noticeEndsAt: IsoDateTime,
  openObjections: z.number().int(),
  finalisedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type DealPublic = z.infer<typeof DealPublic>;

export const ObjectionView = z.object({
  id: Id,
  dealId: Id,
  status: ObjectionStatus,
  reasons: z.string(),
  evidence: z.array(z.object({ id: Id, filename: z.string() })),
  filedBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  filedOrg: Ref.nullable(),
  resolution: z.string().nullable(),
  resolvedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** resolve */
  actions: z.array(z.string()),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const DealView = DealPublic.extend({
  /** Objections: all for the parties and staff, the caller's own for anyone else. */
  objections: z.array(ObjectionView),
  /** object (file an objection); register_contract (the seller, once the deal is final: 技术合同认定登记 prefilled from it); confirmation (parties and bureau, once final: 成交确认书, trading-confirmations.ts) */
  actions: z.array(z.string()),
});
export type DealView = z.infer<typeof DealView>;

export const OfferView = z.object({
  id: Id,
  buyer: Ref,
  amountFen: z.number().int(),
  message: z.string(),
  status: OfferStatus,
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  /** accept, decline (holder), withdraw (buyer) */
  actions: z.array(z.string()),
});

export const ListingSummary = z.object({
  id: Id,
  mode: ListingMode,
  status: ListingStatus,
  achievement: AchievementRef,
  holder: Ref,
  priceFen: z.number().int().nullable(),
  transferMode: TransferMode,
  listedFrom: IsoDateTime,
  listedUntil: IsoDateTime,
  /** For auction listings: the live auction's public figures. */
  auction: AuctionPublic.nullable(),
  createdAt: IsoDateTime,
});
export type ListingSummary = z.infer<typeof ListingSummary>;

export const ListingView = ListingSummary.extend({
  terms: z.string(),
  noticeWorkingDays: z.number().int(),
  /** The deal in 公示 or final, when there is one. */
  deal: DealPublic.nullable(),
  /** Earlier auctions (failed), newest first. */
  pastAuctions: z.array(AuctionPublic),
  /** Offers: all for the holder, the caller's own for a buyer. */
  offers: z.array(OfferView),
  /** The caller is of the holder organisation. */
  mine: z.boolean(),
  /** buy, offer, withdraw, auction (start a new one) */
  actions: z.array(z.string()),
});
export type ListingView = z.infer<typeof ListingView>;

export const MyTrading = z.object({
  listings: z.array(ListingSummary),
  /** With which sides confirmed the deal on the platform (成交确认书), and when both did (same content). */
  deals: z.array(DealPublic.extend({ confirmedSides: z.array(z.enum(['seller', 'buyer'])), confirmedAt: IsoDateTime.nullable() })),
  registrations: z.array(BidderView),
  offers: z.array(OfferView.extend({ listingId: Id, title: z.string() })),
});

const ListingParams = IdParams;

export const listListings = endpoint({
  method: 'GET',
  path: '/api/v1/trading/listings',
  summary: 'Listings for trade (public; open by default), with search and filters',
  tags: ['trading'],
  query: ListingsQuery,
  response: pageOf(ListingSummary),
});

export const getListing = endpoint({
  method: 'GET',
  path: '/api/v1/trading/listings/:id',
  summary: 'One listing for trade, its auction and its deal in public notice',
  tags: ['trading'],
  params: ListingParams,
  response: ListingView,
});

export const createListing = endpoint({
  method: 'POST',
  path: '/api/v1/trading/listings',
  summary: 'List a published achievement of the caller’s organisation for trade (fixed price, 面议 or auction)',
  tags: ['trading'],
  body: CreateListingBody,
  response: ListingView,
});

export const withdrawListing = endpoint({
  method: 'POST',
  path: '/api/v1/trading/listings/:id/withdraw',
  summary: 'The holder withdraws an open listing (not while an auction has bids or a deal is in notice)',
  tags: ['trading'],
  params: ListingParams,
  body: z.object({ reason: Text(1000) }),
  response: ListingView,
});

export const startAuction = endpoint({
  method: 'POST',
  path: '/api/v1/trading/listings/:id/auction',
  summary: 'The holder starts a new auction on an open auction listing (after a failed one or a cancelled deal)',
  tags: ['trading'],
  params: ListingParams,
  body: AuctionTerms,
  response: ListingView,
});

export const buyListing = endpoint({
  method: 'POST',
  path: '/api/v1/trading/listings/:id/buy',
  summary: 'A buyer accepts the fixed price: a deal in public notice',
  tags: ['trading'],
  params: ListingParams,
  body: z.object({ priceFen: Fen }),
  response: DealView,
});

export const makeOffer = endpoint({
  method: 'POST',
  path: '/api/v1/trading/listings/:id/offers',
  summary: 'A buyer offers a price on a 面议 listing',
  tags: ['trading'],
  params: ListingParams,
  body: z.object({ amountFen: Fen, message: Text(4000) }),
  response: ListingView,
});

export const acceptOffer = endpoint({
  method: 'POST',
  path: '/api/v1/trading/offers/:id/accept',
  summary: 'The holder agrees the offered price: a deal in public notice',
  tags: ['trading'],
  params: IdParams,
  response: DealView,
});

export const declineOffer = endpoint({
  method: 'POST',
  path: '/api/v1/trading/offers/:id/decline',
  summary: 'The holder declines an offer',
  tags: ['trading'],
  params: IdParams,
  response: Ok,
});

export const withdrawOffer = endpoint({
  method: 'POST',
  path: '/api/v1/trading/offers/:id/withdraw',
  summary: 'The buyer withdraws a pending offer',
  tags: ['trading'],
  params: IdParams,
  response: Ok,
});

export const myTrading = endpoint({
  method: 'GET',
  path: '/api/v1/trading/mine',
  summary: 'The caller’s organisation’s listings, deals, auction registrations and offers',
  tags: ['trading'],
  response: MyTrading,
});

export const listNotices = endpoint({
  method: 'GET',
  path: '/api/v1/trading/deals',
  summary: 'Deals in public notice (公示) and, with status, final or cancelled ones',
  tags: ['trading'],
  query: PageQuery.extend({ status: DealStatus.default('notice') }),
  response: pageOf(DealPublic),
});

export const getDeal = endpoint({
  method: 'GET',
  path: '/api/v1/trading/deals/:id',
  summary: 'A deal, its public notice and its objections',
  tags: ['trading'],
  params: IdParams,
  response: DealView,
});

export const fileObjection = endpoint({
  method: 'POST',
  path: '/api/v1/trading/deals/:id/objections',
  summary: 'Object to a deal in public notice, with reasons and evidence (attachments uploaded first)',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ reasons: Text(8000), evidenceFileIds: z.array(Id).max(10).default([]) }),
  response: DealView,
});

export const listObjections = endpoint({
  method: 'GET',
  path: '/api/v1/trading/objections',
  summary: 'Objections to resolve (bureau)',
  tags: ['trading'],
  query: PageQuery.extend({ status: ObjectionStatus.default('open') }),
  response: pageOf(ObjectionView.extend({ deal: DealPublic })),
});

export const resolveObjection = endpoint({
  method: 'POST',
  path: '/api/v1/trading/objections/:id/resolve',
  summary: 'Uphold (the deal is cancelled, the listing reopens) or dismiss an objection, with the reasoning',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ decision: z.enum(['uphold', 'dismiss']), resolution: Text(4000) }),
  response: DealView,
});

export const downloadEvidence = endpoint({
  method: 'GET',
  path: '/api/v1/trading/objections/:id/evidence/:fileId',
  summary: 'A piece of an objection’s evidence (bureau, the objector and the deal’s parties)',
  tags: ['trading'],
  params: z.object({ id: Id, fileId: Id }),
  response: z.unknown(),
  download: true,
});

export const exportDeals = endpoint({
  method: 'GET',
  path: '/api/v1/trading/deals/export.xlsx',
  summary: 'Deals (all, or by status) as an XLSX workbook with Chinese headers (bureau)',
  tags: ['trading'],
  query: z.object({ status: DealStatus.optional() }),
  response: z.unknown(),
  download: true,
});
