import { and, eq, ne } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { achievementTitle, openDeal } from './deals.js';
import { buyerOrgOf, listingLink, orgAdminIds } from './parties.js';
import { type DealRow, type ListingRow, type OfferRow, findOffer, findTradeListing } from './repository.js';
import { tradeOffers } from './schema.js';

/** An open listing within its period, locked. */
async function openListing(tx: Tx, id: string, now: Date): Promise<ListingRow> {
  const listing = await findTradeListing(tx, id, { forUpdate: true });
  if (!listing) throw new AppError('NOT_FOUND');
  if (listing.status !== 'open') throw new AppError('INVALID_STATE');
  if (now.getTime() < listing.listedFrom.getTime() || now.getTime() >= listing.listedUntil.getTime()) {
    throw new AppError('INVALID_STATE', { message: { zh: '不在挂牌期内。', en: 'The listing is not within its listing period.' } });
  }
  return listing;
}

/**
 * A buyer accepts the fixed price. The price the buyer saw is sent back and
 * must equal the listing's, so a buyer never agrees to a price they did not see.
 */
export async function buyListing(tx: Tx, actor: Actor, id: string, input: { priceFen: number }, now: Date): Promise<DealRow> {
  const listing = await openListing(tx, id, now);
  await buyerOrgOf(tx, actor, listing, ['buy', 'trade_listing']);
  if (listing.mode !== 'fixed') throw new AppError('INVALID_STATE');
  if (input.priceFen !== listing.priceFen) {
    throw AppError.field('priceFen', '挂牌价格已变化，请刷新后确认', 'The listed price has changed; reload and confirm');
  }
  return openDeal(tx, actor, listing, { kind: 'listing', buyerOrgId: actor.organisationId!, buyerUserId: actor.userId, amountFen: listing.priceFen }, now);
}

/** A buyer offers a price on a 面议 listing (one pending offer per organisation). */
export async function makeOffer(tx: Tx, actor: Actor, id: string, input: { amountFen: number; message: string }, now: Date): Promise<OfferRow> {
  const listing = await openListing(tx, id, now);
  await buyerOrgOf(tx, actor, listing, ['buy', 'trade_listing']);
  if (listing.mode !== 'negotiable') throw new AppError('INVALID_STATE');
  const [row] = await tx
    .insert(tradeOffers)
    .values({ listingId: id, buyerOrgId: actor.organisationId!, createdBy: actor.userId, amountFen: input.amountFen, message: input.message, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', { message: { zh: '本单位已有待答复的报价，请先撤回。', en: 'Your organisation already has a pending offer; withdraw it first.' } });
  await notify(tx, {
    userIds: [...(await orgAdminIds(tx, listing.organisationId)), ...(listing.createdBy ? [listing.createdBy] : [])],
    kind: 'trade.offer',
    params: { title: await achievementTitle(tx, listing.achievementId), amountFen: input.amountFen },
    link: listingLink(id),
  });
  await recordAudit(tx, actor, { action: 'trade_offer.create', entityType: 'trade_offer', entityId: row.id, changes: { listingId: id, amountFen: input.amountFen, status: { before: null, after: 'pending' } } });
  return row;
}

/** A pending offer and its listing, both locked (listing first, as every listing operation does). */
async function pendingOffer(tx: Tx, id: string): Promise<{ offer: OfferRow; listing: ListingRow }> {
  const peek = await findOffer(tx, id);
  if (!peek) throw new AppError('NOT_FOUND');
  const listing = (await findTradeListing(tx, peek.listingId, { forUpdate: true }))!;
  const offer = (await findOffer(tx, id, { forUpdate: true }))!;
  return { offer, listing };
}

/** The holder agrees the offered price: a deal; the other pending offers lapse. */
export async function acceptOffer(tx: Tx, actor: Actor, id: string, now: Date): Promise<DealRow> {
  const { offer, listing } = await pendingOffer(tx, id);
  requireCan(actor, 'manage', 'trade_listing', { organisationId: listing.organisationId });
  if (offer.status !== 'pending') throw new AppError('INVALID_STATE');
  await openListing(tx, listing.id, now);
  await tx.update(tradeOffers).set({ status: 'accepted', decidedAt: now }).where(eq(tradeOffers.id, id));
  await tx
    .update(tradeOffers)
    .set({ status: 'lapsed', decidedAt: now })
    .where(and(eq(tradeOffers.listingId, listing.id), eq(tradeOffers.status, 'pending'), ne(tradeOffers.id, id)));
  await recordAudit(tx, actor, { action: 'trade_offer.accept', entityType: 'trade_offer', entityId: id, changes: { status: { before: 'pending', after: 'accepted' }, amountFen: offer.amountFen } });
  return openDeal(tx, actor, listing, { kind: 'listing', offerId: id, buyerOrgId: offer.buyerOrgId, buyerUserId: offer.createdBy, amountFen: offer.amountFen }, now);
}

export async function declineOffer(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  const { offer, listing } = await pendingOffer(tx, id);
  requireCan(actor, 'manage', 'trade_listing', { organisationId: listing.organisationId });
  if (offer.status !== 'pending') throw new AppError('INVALID_STATE');
  await tx.update(tradeOffers).set({ status: 'declined', decidedAt: now }).where(eq(tradeOffers.id, id));
  if (offer.createdBy) {
    await notify(tx, { userIds: [offer.createdBy], kind: 'trade.offer_declined', params: { title: await achievementTitle(tx, listing.achievementId), amountFen: offer.amountFen }, link: listingLink(listing.id) });
  }
  await recordAudit(tx, actor, { action: 'trade_offer.decline', entityType: 'trade_offer', entityId: id, changes: { status: { before: 'pending', after: 'declined' } } });
}

export async function withdrawOffer(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  const { offer } = await pendingOffer(tx, id);
  requireCan(actor, 'buy', 'trade_listing', { organisationId: offer.buyerOrgId });
  if (offer.status !== 'pending') throw new AppError('INVALID_STATE');
  await tx.update(tradeOffers).set({ status: 'withdrawn', decidedAt: now }).where(eq(tradeOffers.id, id));
  await recordAudit(tx, actor, { action: 'trade_offer.withdraw', entityType: 'trade_offer', entityId: id, changes: { status: { before: 'pending', after: 'withdrawn' } } });
}
