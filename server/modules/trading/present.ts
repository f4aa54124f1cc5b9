import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuctionLive, AuctionPublic, BidderView, DealPublic, DealView, ListingSummary, ListingView, MyBidderStatus, ObjectionView, OfferView } from '../../../shared/contracts/trading.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements } from '../catalog/schema.js';
import { findFilesMeta } from '../files/repository.js';
import { displayNames } from '../identity/repository.js';
import { organisations } from '../organisations/schema.js';
import { nextMinimum } from './bidding.js';
import { bothConfirmedAt, seesConfirmation } from './confirmations.js';
import {
  type AuctionRow,
  type BidderRow,
  type DealRow,
  type ListingRow,
  type ObjectionRow,
  type OfferRow,
  auctionsOf,
  bidsOf,
  countBidders,
  currentAuctionOf,
  dealOfAuction,
  findAuction,
  findBidderOf,
  findDeal,
  findTradeListing,
  highestBidOf,
  liveDealOf,
  objectionsOf,
  offersOf,
} from './repository.js';
import { auctionBidders, tradeDealConfirmations, tradeDeals, tradeListings, tradeObjections, tradeOffers } from './schema.js';

type Out<T extends z.ZodType> = z.input<T>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function orgNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  return new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, uniq))).map((r) => [r.id, r.name]));
}

async function achievementRefs(db: DbOrTx, ids: string[]) {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map<string, { id: string; title: string; industrySection: string | null; techField: string | null }>();
  const rows = await db
    .select({ id: achievements.id, title: achievements.title, industrySection: achievements.industrySection, techField: achievements.techField })
    .from(achievements)
    .where(inArray(achievements.id, uniq));
  return new Map(rows.map((r) => [r.id, r]));
}

export function auctionPhase(a: AuctionRow, now: Date): Out<typeof AuctionPublic>['phase'] {
  if (a.status !== 'open') return a.status as 'won' | 'failed';
  if (now.getTime() < a.startsAt.getTime()) return 'upcoming';
  if (now.getTime() < a.endsAt.getTime()) return 'bidding';
  return 'closing';
}

export async function presentAuctionPublic(db: DbOrTx, a: AuctionRow, now: Date): Promise<Out<typeof AuctionPublic>> {
  let leadingBidderNo: number | null = null;
  if (a.leadingBidderId) {
    const [b] = await db.select({ no: auctionBidders.bidderNo }).from(auctionBidders).where(eq(auctionBidders.id, a.leadingBidderId));
    leadingBidderNo = b?.no ?? null;
  }
  return {
    id: a.id,
    status: a.status as 'open',
    phase: auctionPhase(a, now),
    startPriceFen: a.startPriceFen,
    incrementFen: a.incrementFen,
    depositFen: a.depositFen,
    hasReserve: a.reserveFen !== null,
    reserveMet: a.reserveFen === null ? null : a.currentPriceFen !== null && a.currentPriceFen >= a.reserveFen,
    currentPriceFen: a.currentPriceFen,
    nextMinimumFen: nextMinimum(a),
    bidCount: a.bidCount,
    leadingBidderNo,
    startsAt: a.startsAt.toISOString(),
    scheduledEndsAt: a.scheduledEndsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    extensions: a.extensions,
    snipeWindowMinutes: a.snipeWindowMinutes,
    snipeExtendMinutes: a.snipeExtendMinutes,
    registeredBidders: await countBidders(db, a.id),
    failedReason: (a.failedReason as 'no_bids' | null) ?? null,
    closedAt: iso(a.closedAt),
    serverTime: now.toISOString(),
  };
}

/** The caller's standing in an auction (what the bidding page shows under "my status"). */
async function myStatus(db: DbOrTx, actor: Actor, a: AuctionRow, holderOrgId: string, now: Date): Promise<Out<typeof MyBidderStatus>> {
  const none = { bidderNo: null, depositStatus: null, myHighestFen: null };
  if (!actor.userId) return { state: 'anonymous', ...none, actions: [] };
  if (actor.organisationId === holderOrgId) return { state: 'holder', ...none, actions: [] };
  if (!actor.organisationId || !can(actor, 'bid', 'auction', { organisationId: actor.organisationId })) return { state: 'not_eligible', ...none, actions: [] };
  const open = a.status === 'open' && now.getTime() < a.endsAt.getTime();
  const b = await findBidderOf(db, a.id, actor.organisationId);
  if (!b) return { state: actor.orgVerified ? 'none' : 'not_eligible', ...none, actions: open && actor.orgVerified ? ['register'] : [] };
  const mine = await highestBidOf(db, a.id, b.id);
  const base = { bidderNo: b.bidderNo, depositStatus: b.depositStatus as 'paid', myHighestFen: mine };
  if (a.status === 'won') return { state: a.winnerOrgId === actor.organisationId ? 'won' : 'lost', ...base, actions: [] };
  if (a.status === 'failed') return { state: 'lost', ...base, actions: [] };
  if (b.depositStatus !== 'paid') return { state: 'registered', ...base, actions: [] };
  const leading = a.leadingBidderId === b.id;
  const state = leading ? 'leading' : mine !== null ? 'outbid' : 'eligible';
  const canBid = open && now.getTime() >= a.startsAt.getTime() && !leading;
  return { state, ...base, actions: canBid ? ['bid'] : [] };
}

export async function auctionLive(db: DbOrTx, actor: Actor, auctionId: string, now: Date, afterSeq = 0): Promise<Out<typeof AuctionLive>> {
  const a = await findAuction(db, auctionId);
  if (!a) throw new AppError('NOT_FOUND');
  const listing = (await findTradeListing(db, a.listingId))!;
  const titles = await achievementRefs(db, [listing.achievementId]);
  const myOrg = actor.organisationId;
  const bids = await bidsOf(db, auctionId, afterSeq);
  const deal = a.status === 'won' ? await dealOfAuction(db, auctionId) : null;
  return {
    auction: await presentAuctionPublic(db, a, now),
    me: await myStatus(db, actor, a, listing.organisationId, now),
    bids: bids.map((b) => ({
      seq: b.seq,
      bidderNo: b.bidderNo,
      amountFen: b.amountFen,
      createdAt: b.createdAt.toISOString(),
      extendedTo: iso(b.extendedTo),
      mine: myOrg !== null && b.organisationId === myOrg,
    })),
    dealId: deal?.id ?? null,
    listingId: listing.id,
    title: titles.get(listing.achievementId)?.title ?? '',
  };
}

export async function presentListingSummaries(db: DbOrTx, rows: ListingRow[], now: Date): Promise<Out<typeof ListingSummary>[]> {
  const names = await orgNames(db, rows.map((r) => r.organisationId));
  const refs = await achievementRefs(db, rows.map((r) => r.achievementId));
  const all = await auctionsOf(db, rows.filter((r) => r.mode === 'auction').map((r) => r.id));
  const out: Out<typeof ListingSummary>[] = [];
  for (const r of rows) {
    const a = all.find((x) => x.listingId === r.id && x.status === 'open') ?? all.find((x) => x.listingId === r.id) ?? null;
    out.push({
      id: r.id,
      mode: r.mode as 'fixed',
      status: r.status as 'open',
      achievement: refs.get(r.achievementId) ?? { id: r.achievementId, title: '', industrySection: null, techField: null },
      holder: { id: r.organisationId, name: names.get(r.organisationId) ?? '' },
      priceFen: r.priceFen,
      transferMode: r.transferMode as 'transfer',
      listedFrom: r.listedFrom.toISOString(),
      listedUntil: r.listedUntil.toISOString(),
      auction: a ? await presentAuctionPublic(db, a, now) : null,
      createdAt: r.createdAt.toISOString(),
    });
  }
  return out;
}

export async function presentDealsPublic(db: DbOrTx, rows: DealRow[]): Promise<Out<typeof DealPublic>[]> {
  const names = await orgNames(db, rows.flatMap((r) => [r.sellerOrgId, r.buyerOrgId]));
  const refs = await achievementRefs(db, rows.map((r) => r.achievementId));
  const out: Out<typeof DealPublic>[] = [];
  for (const d of rows) {
    const open = (await db.select({ id: tradeObjections.id }).from(tradeObjections).where(and(eq(tradeObjections.dealId, d.id), eq(tradeObjections.status, 'open')))).length;
    out.push({
      id: d.id,
      kind: d.kind as 'listing',
      status: d.status as 'notice',
      listingId: d.listingId,
      achievement: refs.get(d.achievementId) ?? { id: d.achievementId, title: '', industrySection: null, techField: null },
      seller: { id: d.sellerOrgId, name: names.get(d.sellerOrgId) ?? '' },
      buyer: { id: d.buyerOrgId, name: names.get(d.buyerOrgId) ?? '' },
      amountFen: d.amountFen,
      transferMode: d.transferMode as 'transfer',
      noticeEndsAt: d.noticeEndsAt.toISOString(),
      openObjections: open,
      finalisedAt: iso(d.finalisedAt),
      cancelledAt: iso(d.cancelledAt),
      cancelReason: d.cancelReason,
      createdAt: d.createdAt.toISOString(),
    });
  }
  return out;
}

async function presentOffers(db: DbOrTx, actor: Actor, listing: ListingRow, rows: OfferRow[]): Promise<Out<typeof OfferView>[]> {
  const names = await orgNames(db, rows.map((r) => r.buyerOrgId));
  const holder = can(actor, 'manage', 'trade_listing', { organisationId: listing.organisationId });
  return rows.map((o) => {
    const buyer = actor.organisationId === o.buyerOrgId && can(actor, 'buy', 'trade_listing', { organisationId: o.buyerOrgId });
    const actions = o.status !== 'pending' || listing.status !== 'open' ? [] : [...(holder ? ['accept', 'decline'] : []), ...(buyer ? ['withdraw'] : [])];
    return {
      id: o.id,
      buyer: { id: o.buyerOrgId, name: names.get(o.buyerOrgId) ?? '' },
      amountFen: o.amountFen,
      message: o.message,
      status: o.status as 'pending',
      createdAt: o.createdAt.toISOString(),
      decidedAt: iso(o.decidedAt),
      actions,
    };
  });
}

export async function presentListing(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<Out<typeof ListingView>> {
  const listing = await findTradeListing(db, id);
  if (!listing) throw new AppError('NOT_FOUND');
  const mine = actor.organisationId === listing.organisationId && can(actor, 'manage', 'trade_listing', { organisationId: listing.organisationId });
  // Withdrawn listings are the holder's and the bureau's business only.
  if (listing.status === 'withdrawn' && !mine && !can(actor, 'read', 'trade_listing')) throw new AppError('NOT_FOUND');
  const [summary] = await presentListingSummaries(db, [listing], now);
  const deal = await liveDealOf(db, id);
  const past = (await auctionsOf(db, [id])).filter((a) => a.id !== summary!.auction?.id);
  const allOffers = await offersOf(db, id);
  const offers = mine || can(actor, 'read', 'trade_listing') ? allOffers : allOffers.filter((o) => actor.organisationId !== null && o.buyerOrgId === actor.organisationId);
  const inPeriod = now.getTime() >= listing.listedFrom.getTime() && now.getTime() < listing.listedUntil.getTime();
  const buyer = !mine && actor.organisationId !== null && actor.orgVerified && can(actor, 'buy', 'trade_listing', { organisationId: actor.organisationId });
  const current = await currentAuctionOf(db, id);
  const actions: string[] = [];
  if (listing.status === 'open' && inPeriod && buyer) {
    if (listing.mode === 'fixed') actions.push('buy');
    if (listing.mode === 'negotiable' && !offers.some((o) => o.status === 'pending' && o.buyerOrgId === actor.organisationId)) actions.push('offer');
  }
  if (mine && listing.status === 'open') {
    if (!(current?.status === 'open' && current.bidCount > 0)) actions.push('withdraw');
    if (listing.mode === 'auction' && current?.status !== 'open') actions.push('auction');
  }
  return {
    ...summary!,
    terms: listing.terms,
    noticeWorkingDays: listing.noticeWorkingDays,
    deal: deal ? (await presentDealsPublic(db, [deal]))[0]! : null,
    pastAuctions: await Promise.all(past.map((a) => presentAuctionPublic(db, a, now))),
    offers: await presentOffers(db, actor, listing, offers),
    mine,
    actions,
  };
}

async function presentObjections(db: DbOrTx, actor: Actor, rows: ObjectionRow[]): Promise<Out<typeof ObjectionView>[]> {
  const names = await orgNames(db, rows.map((r) => r.filedOrgId).filter((x): x is string => !!x));
  const people = await displayNames(db, rows.map((r) => r.filedBy));
  const files = new Map((await findFilesMeta(db, rows.flatMap((r) => r.evidenceFileIds))).map((f) => [f.id, f.filename]));
  const resolver = can(actor, 'resolve', 'trade_objection');
  return rows.map((o) => ({
    id: o.id,
    dealId: o.dealId,
    status: o.status as 'open',
    reasons: o.reasons,
    evidence: o.evidenceFileIds.map((id) => ({ id, filename: files.get(id) ?? '' })),
    filedBy: o.filedBy ? { id: o.filedBy, displayName: people.get(o.filedBy) ?? '' } : null,
    filedOrg: o.filedOrgId ? { id: o.filedOrgId, name: names.get(o.filedOrgId) ?? '' } : null,
    resolution: o.resolution,
    resolvedAt: iso(o.resolvedAt),
    createdAt: o.createdAt.toISOString(),
    actions: resolver && o.status === 'open' ? ['resolve'] : [],
  }));
}

/** Whether the caller sees every objection to a deal: its parties and the bureau. */
export function seesAllObjections(actor: Actor, d: Pick<DealRow, 'sellerOrgId' | 'buyerOrgId'>): boolean {
  return can(actor, 'resolve', 'trade_objection') || can(actor, 'read', 'trade_listing', { organisationId: null }) || (actor.organisationId !== null && (actor.organisationId === d.sellerOrgId || actor.organisationId === d.buyerOrgId));
}

export async function presentDeal(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<Out<typeof DealView>> {
  const d = await findDeal(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  const [pub] = await presentDealsPublic(db, [d]);
  const rows = await objectionsOf(db, id);
  const visible = seesAllObjections(actor, d) ? rows : rows.filter((o) => actor.userId !== null && o.filedBy === actor.userId);
  const canObject = actor.userId !== null && d.status === 'notice' && now.getTime() < d.noticeEndsAt.getTime();
  // The seller registers the technology contract of a final deal (the form is prefilled from it).
  const canRegister = d.status === 'final' && actor.organisationId !== null && actor.organisationId === d.sellerOrgId && can(actor, 'create', 'contract', { organisationId: actor.organisationId });
  // The parties and the bureau see the deal confirmation (成交确认书) of a final deal.
  const canSeeConfirmation = d.status === 'final' && seesConfirmation(actor, d);
  return {
    ...pub!,
    objections: await presentObjections(db, actor, visible),
    actions: [...(canObject ? ['object'] : []), ...(canRegister ? ['register_contract'] : []), ...(canSeeConfirmation ? ['confirmation'] : [])],
  };
}

export async function presentObjectionRows(db: DbOrTx, actor: Actor, rows: ObjectionRow[]) {
  const views = await presentObjections(db, actor, rows);
  const deals = await presentDealsPublic(db, (await Promise.all([...new Set(rows.map((r) => r.dealId))].map((id) => findDeal(db, id)))).filter((x): x is DealRow => !!x));
  return views.map((v) => ({ ...v, deal: deals.find((d) => d.id === v.dealId)! }));
}

export async function presentBidders(db: DbOrTx, actor: Actor, rows: BidderRow[]): Promise<Out<typeof BidderView>[]> {
  const names = await orgNames(db, rows.map((r) => r.organisationId));
  const out: Out<typeof BidderView>[] = [];
  const manage = can(actor, 'manage', 'auction');
  for (const b of rows) {
    const a = (await findAuction(db, b.auctionId))!;
    const listing = (await findTradeListing(db, a.listingId))!;
    const title = (await achievementRefs(db, [listing.achievementId])).get(listing.achievementId)?.title ?? '';
    out.push({
      id: b.id,
      auctionId: a.id,
      listingId: listing.id,
      title,
      bidderNo: b.bidderNo,
      organisation: { id: b.organisationId, name: names.get(b.organisationId) ?? '' },
      depositFen: a.depositFen,
      depositStatus: b.depositStatus as 'paid',
      depositReference: b.depositReference,
      depositPaidAt: iso(b.depositPaidAt),
      refundReference: b.refundReference,
      refundedAt: iso(b.refundedAt),
      registeredAt: b.registeredAt.toISOString(),
      actions: !manage ? [] : b.depositStatus === 'unpaid' && a.status === 'open' ? ['record_deposit'] : b.depositStatus === 'refund_due' ? ['record_refund'] : [],
    });
  }
  return out;
}

/** The caller's organisation's trading: listings, deals, registrations, offers. */
export async function myTrading(db: DbOrTx, actor: Actor, now: Date) {
  const org = actor.organisationId;
  if (!org) return { listings: [], deals: [], registrations: [], offers: [] };
  const listings = await db.select().from(tradeListings).where(eq(tradeListings.organisationId, org)).orderBy(desc(tradeListings.createdAt)).limit(200);
  const deals = await db.select().from(tradeDeals).where(or(eq(tradeDeals.sellerOrgId, org), eq(tradeDeals.buyerOrgId, org))).orderBy(desc(tradeDeals.createdAt)).limit(200);
  const regs = await db.select().from(auctionBidders).where(eq(auctionBidders.organisationId, org)).orderBy(desc(auctionBidders.registeredAt)).limit(200);
  const offers = await db.select().from(tradeOffers).where(eq(tradeOffers.buyerOrgId, org)).orderBy(desc(tradeOffers.createdAt)).limit(200);
  const offerListings = new Map<string, ListingRow>();
  for (const o of offers) if (!offerListings.has(o.listingId)) offerListings.set(o.listingId, (await findTradeListing(db, o.listingId))!);
  const refs = await achievementRefs(db, [...offerListings.values()].map((l) => l.achievementId));
  const offerViews = [];
  for (const o of offers) {
    const l = offerListings.get(o.listingId)!;
    const [v] = await presentOffers(db, actor, l, [o]);
    offerViews.push({ ...v!, listingId: l.id, title: refs.get(l.achievementId)?.title ?? '' });
  }
  // Which sides confirmed each deal on the platform (one query for all of them).
  const confirmations = deals.length
    ? await db.select().from(tradeDealConfirmations).where(inArray(tradeDealConfirmations.dealId, deals.map((d) => d.id)))
    : [];
  const byDeal = new Map<string, typeof confirmations>();
  for (const r of confirmations) byDeal.set(r.dealId, [...(byDeal.get(r.dealId) ?? []), r]);
  return {
    listings: await presentListingSummaries(db, listings, now),
    deals: (await presentDealsPublic(db, deals)).map((d) => {
      const rows = byDeal.get(d.id) ?? [];
      const both = bothConfirmedAt(rows);
      return { ...d, confirmedSides: rows.map((r) => r.side as 'seller' | 'buyer').sort(), confirmedAt: both ? both.toISOString() : null };
    }),
    registrations: await presentBidders(db, actor, regs),
    offers: offerViews,
  };
}

