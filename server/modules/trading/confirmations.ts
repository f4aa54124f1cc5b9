import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ConfirmationContent, DealConfirmationView, SideConfirmation } from '../../../shared/contracts/trading.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { displayNames } from '../identity/repository.js';
import { reauthenticate } from '../identity/reauthenticate.js';
import { notify } from '../notifications/notify.js';
import { organisations } from '../organisations/schema.js';
import { achievementTitle } from './deals.js';
import { dealLink, orgAdminIds } from './parties.js';
import { type DealRow, findAuction, findDeal, findOffer, findTradeListing } from './repository.js';
import { tradeDealConfirmations } from './schema.js';

type Out<T extends z.ZodType> = z.input<T>;
export type Content = Out<typeof ConfirmationContent>;
export type Side = 'seller' | 'buyer';
export type ConfirmationRow = typeof tradeDealConfirmations.$inferSelect;

/**
 * Canonical JSON (decision record 0029): object keys sorted by code unit,
 * no whitespace, arrays in order; only strings, finite numbers, booleans and
 * null occur in the content. Hand-written (a dozen lines) because the content
 * is ours and flat; RFC 8785 differs only for numbers we never produce
 * (non-integers, exponents).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`canonicalJson: not a safe integer: ${v}`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  throw new Error(`canonicalJson: unsupported value ${typeof v}`);
}

export function contentHash(content: Content): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

async function party(db: DbOrTx, id: string) {
  const [o] = await db.select({ id: organisations.id, name: organisations.name, creditCode: organisations.creditCode }).from(organisations).where(eq(organisations.id, id));
  return { id, name: o?.name ?? '', creditCode: o?.creditCode ?? null };
}

/** The confirmation's content as it stands now (it changes if a party's name or the title changes). */
export async function confirmationContent(db: DbOrTx, d: DealRow): Promise<Content> {
  const listing = (await findTradeListing(db, d.listingId))!;
  const auction = d.auctionId ? await findAuction(db, d.auctionId) : null;
  const offer = d.offerId ? await findOffer(db, d.offerId) : null;
  return {
    version: 1,
    dealId: d.id,
    listingId: d.listingId,
    achievement: { id: d.achievementId, title: await achievementTitle(db, d.achievementId) },
    seller: await party(db, d.sellerOrgId),
    buyer: await party(db, d.buyerOrgId),
    amountFen: d.amountFen,
    transferMode: d.transferMode as Content['transferMode'],
    method: d.kind === 'auction' ? 'auction' : offer ? 'offer' : 'price',
    auction: auction ? { winningBidFen: auction.currentPriceFen ?? d.amountFen, bidCount: auction.bidCount } : null,
    offerFen: offer ? offer.amountFen : null,
    dealCreatedAt: d.createdAt.toISOString(),
    noticeWorkingDays: listing.noticeWorkingDays,
    noticeEndsAt: d.noticeEndsAt.toISOString(),
    finalisedAt: d.finalisedAt ? d.finalisedAt.toISOString() : null,
  };
}

export async function confirmationsOf(db: DbOrTx, dealId: string): Promise<ConfirmationRow[]> {
  return db.select().from(tradeDealConfirmations).where(eq(tradeDealConfirmations.dealId, dealId));
}

/** The caller's side in a deal: their organisation is the seller or the buyer. */
export function sideOf(actor: Actor, d: Pick<DealRow, 'sellerOrgId' | 'buyerOrgId'>): Side | null {
  if (!actor.organisationId) return null;
  if (actor.organisationId === d.sellerOrgId) return 'seller';
  if (actor.organisationId === d.buyerOrgId) return 'buyer';
  return null;
}

/**
 * Who may confirm for a side: a member of that organisation holding the
 * trading permission for it — `manage:trade_listing` for the seller (who
 * manages the listing), `buy:trade_listing` for the buyer.
 */
export function mayConfirm(actor: Actor, d: Pick<DealRow, 'sellerOrgId' | 'buyerOrgId'>, side: Side): boolean {
  const org = side === 'seller' ? d.sellerOrgId : d.buyerOrgId;
  return actor.organisationId === org && can(actor, side === 'seller' ? 'manage' : 'buy', 'trade_listing', { organisationId: org });
}

/** Parties (any member of either organisation) and the bureau see the confirmation. */
export function seesConfirmation(actor: Actor, d: Pick<DealRow, 'sellerOrgId' | 'buyerOrgId'>): boolean {
  return sideOf(actor, d) !== null || can(actor, 'read', 'trade_listing', { organisationId: null }) || can(actor, 'resolve', 'trade_objection');
}

/** When both sides confirmed the same content: the later confirmation's time. */
export function bothConfirmedAt(rows: Pick<ConfirmationRow, 'side' | 'contentHash' | 'confirmedAt'>[]): Date | null {
  const s = rows.find((r) => r.side === 'seller');
  const b = rows.find((r) => r.side === 'buyer');
  if (!s || !b || s.contentHash !== b.contentHash) return null;
  return s.confirmedAt > b.confirmedAt ? s.confirmedAt : b.confirmedAt;
}

export type ConfirmationState = { deal: DealRow; content: Content; hash: string; rows: ConfirmationRow[] };

export async function loadConfirmation(db: DbOrTx, actor: Actor, dealId: string): Promise<ConfirmationState> {
  const deal = await findDeal(db, dealId);
  if (!deal) throw new AppError('NOT_FOUND');
  if (!seesConfirmation(actor, deal)) throw new AppError('FORBIDDEN');
  const content = await confirmationContent(db, deal);
  return { deal, content, hash: contentHash(content), rows: await confirmationsOf(db, dealId) };
}

export async function presentConfirmation(db: DbOrTx, actor: Actor, s: ConfirmationState): Promise<Out<typeof DealConfirmationView>> {
  const people = await displayNames(db, s.rows.map((r) => r.confirmedBy));
  const view = (side: Side): Out<typeof SideConfirmation> | null => {
    const r = s.rows.find((x) => x.side === side);
    if (!r) return null;
    const org = side === 'seller' ? s.content.seller : s.content.buyer;
    return {
      side,
      organisation: { id: r.organisationId, name: org.id === r.organisationId ? org.name : '' },
      confirmedBy: r.confirmedBy ? { id: r.confirmedBy, displayName: people.get(r.confirmedBy) ?? '' } : null,
      confirmedAt: r.confirmedAt.toISOString(),
      contentHash: r.contentHash,
      current: r.contentHash === s.hash,
    };
  };
  const mySide = sideOf(actor, s.deal);
  // A side confirms once, and again only if what it confirmed is no longer the content (a party renamed since).
  const canConfirm = s.deal.status === 'final' && mySide !== null && !s.rows.some((r) => r.side === mySide && r.contentHash === s.hash) && mayConfirm(actor, s.deal, mySide);
  const both = bothConfirmedAt(s.rows);
  return { content: s.content, contentHash: s.hash, seller: view('seller'), buyer: view('buyer'), confirmedAt: both ? both.toISOString() : null, actions: canConfirm ? ['confirm'] : [], mySide };
}

/**
 * A party confirms a final deal for its organisation: the caller re-enters
 * their password, checked first by identity's `reauthenticate` (a wrong one
 * counts toward the sign-in lockout and is audited on the deal; a locked
 * account is refused even with the right one; decision record 0009, "Password re-entry"), and
 * sends the hash of the content they were shown; a stale hash (the content
 * changed since) is refused. The
 * deal row is locked, so two confirmations of one side queue and the second
 * is refused (the unique index is the backstop). A side whose confirmation
 * no longer matches the content (a party or the title renamed since)
 * confirms again: its row is replaced, and the audit keeps the hash it
 * replaced. When this completes both sides on the same content, both
 * parties are told.
 */
export async function confirmDeal(db: Db, actor: Actor, dealId: string, input: { password: string; contentHash: string }, now: Date): Promise<ConfirmationRow> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  await reauthenticate(db, actor, input.password, now, { action: 'trade_deal.confirm', entityType: 'trade_deal', entityId: dealId });
  return withTx(db, (tx) => confirmInTx(tx, actor, dealId, input, now));
}

/** The confirmation itself, once the password was right. */
async function confirmInTx(tx: Tx, actor: Actor, dealId: string, input: { contentHash: string }, now: Date): Promise<ConfirmationRow> {
  const deal = await findDeal(tx, dealId, { forUpdate: true });
  if (!deal) throw new AppError('NOT_FOUND');
  const side = sideOf(actor, deal);
  if (!side || !mayConfirm(actor, deal, side)) throw new AppError('FORBIDDEN');
  if (deal.status !== 'final') {
    throw new AppError('INVALID_STATE', { message: { zh: '交易尚未生效（公示期满且无异议后方可确认）。', en: 'The deal is not final yet; it can be confirmed once its public notice has passed with no objection upheld.' } });
  }
  const rows = await confirmationsOf(tx, dealId);
  const content = await confirmationContent(tx, deal);
  const hash = contentHash(content);
  const previous = rows.find((r) => r.side === side);
  if (previous && previous.contentHash === hash) throw new AppError('DEAL_ALREADY_CONFIRMED');
  if (input.contentHash !== hash) throw new AppError('CONFIRMATION_STALE');
  const values = { organisationId: actor.organisationId!, confirmedBy: actor.userId, contentHash: hash, confirmedAt: now };
  const [row] = previous
    ? await tx.update(tradeDealConfirmations).set(values).where(eq(tradeDealConfirmations.id, previous.id)).returning()
    : await tx.insert(tradeDealConfirmations).values({ dealId, side, ...values }).returning();
  await recordAudit(tx, actor, {
    action: 'trade_deal.confirm',
    entityType: 'trade_deal_confirmation',
    entityId: row!.id,
    changes: { dealId, side, contentHash: hash, ...(previous ? { replaces: { contentHash: previous.contentHash, confirmedBy: previous.confirmedBy, confirmedAt: previous.confirmedAt.toISOString() } } : {}) },
  });
  const all = [...rows.filter((r) => r.side !== side), row!];
  const both = bothConfirmedAt(all);
  if (both) {
    const people = all.map((r) => r.confirmedBy).filter((x): x is string => !!x);
    await notify(tx, {
      userIds: [...new Set([...(await orgAdminIds(tx, deal.sellerOrgId)), ...(await orgAdminIds(tx, deal.buyerOrgId)), ...people])],
      kind: 'trade.deal_confirmed',
      params: { title: content.achievement.title, amountFen: deal.amountFen, confirmedAt: both.toISOString() },
      link: dealLink(dealId),
    });
  }
  return row!;
}
