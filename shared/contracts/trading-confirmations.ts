import { z } from 'zod';
import { TransferMode } from '../taxonomies/codes.js';
import { endpoint, Id, IdParams, IsoDateTime } from './endpoint.js';

/**
 * Deal confirmation (成交确认书, docs/workflows/trading.md, decision record
 * 0029): once a deal is final, a member of the seller and of the buyer each
 * confirm its content on the platform by re-entering their password; the
 * confirmation binds them to the SHA-256 of the content they were shown.
 */

export const CONFIRMATION_SIDES = ['seller', 'buyer'] as const;
export const ConfirmationSide = z.enum(CONFIRMATION_SIDES);

const Party = z.object({ id: Id, name: z.string(), creditCode: z.string().nullable() });

/**
 * How the deal was made: at the fixed price (price), by an accepted offer on
 * a 面议 listing (offer), or won at auction (auction, with the winning bid).
 */
export const DealMethod = z.enum(['price', 'offer', 'auction']);

/** The content both parties confirm; its canonical JSON is what is hashed. */
export const ConfirmationContent = z.object({
  /** The document's format version: a new field means a new version. */
  version: z.literal(1),
  dealId: Id,
  listingId: Id,
  achievement: z.object({ id: Id, title: z.string() }),
  seller: Party,
  buyer: Party,
  /** Integer fen. */
  amountFen: z.number().int(),
  transferMode: TransferMode,
  method: DealMethod,
  /** The winning bid in fen and the number of bids, for an auction; null otherwise. */
  auction: z.object({ winningBidFen: z.number().int(), bidCount: z.number().int() }).nullable(),
  /** The accepted offer in fen, for a 面议 deal; null otherwise. */
  offerFen: z.number().int().nullable(),
  dealCreatedAt: IsoDateTime,
  noticeWorkingDays: z.number().int(),
  noticeEndsAt: IsoDateTime,
  finalisedAt: IsoDateTime.nullable(),
});

export const SideConfirmation = z.object({
  side: ConfirmationSide,
  organisation: z.object({ id: Id, name: z.string() }),
  confirmedBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  confirmedAt: IsoDateTime,
  contentHash: z.string(),
  /** Whether the hash confirmed is that of the content as it is now. */
  current: z.boolean(),
});

export const DealConfirmationView = z.object({
  content: ConfirmationContent,
  /** Hex SHA-256 of the content's canonical JSON (keys sorted, no spaces, UTF-8). */
  contentHash: z.string(),
  seller: SideConfirmation.nullable(),
  buyer: SideConfirmation.nullable(),
  /** When the second side confirmed the same content; null until both have. */
  confirmedAt: IsoDateTime.nullable(),
  /** The caller's side, if they may confirm for it now: confirm */
  actions: z.array(z.string()),
  /** The caller's organisation's side in this deal, if any. */
  mySide: ConfirmationSide.nullable(),
});

export const getDealConfirmation = endpoint({
  method: 'GET',
  path: '/api/v1/trading/deals/:id/confirmation',
  summary: 'The deal confirmation (成交确认书): its content, hash and each side’s confirmation (parties and bureau)',
  tags: ['trading'],
  params: IdParams,
  response: DealConfirmationView,
});

export const confirmDeal = endpoint({
  method: 'POST',
  path: '/api/v1/trading/deals/:id/confirm',
  summary: 'Confirm a final deal for one’s organisation, re-entering one’s password, against the content hash shown',
  tags: ['trading'],
  params: IdParams,
  body: z.object({ password: z.string().min(1).max(200), contentHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  response: DealConfirmationView,
});

export const dealConfirmationPdf = endpoint({
  method: 'GET',
  path: '/api/v1/trading/deals/:id/confirmation.pdf',
  summary: 'The deal confirmation (成交确认书) as a PDF (parties and bureau)',
  tags: ['trading'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});

export type ConfirmationContent = z.infer<typeof ConfirmationContent>;
export type SideConfirmation = z.infer<typeof SideConfirmation>;
export type DealConfirmationView = z.infer<typeof DealConfirmationView>;
