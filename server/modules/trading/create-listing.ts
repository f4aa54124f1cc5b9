import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuctionTerms, CreateListingBody } from '../../../shared/contracts/trading.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findListing as findCatalogListing } from '../catalog/repository.js';
import { findOrganisation } from '../organisations/repository.js';
import { closeAuctionJob } from './jobs.js';
import { closeWithoutWinner } from './close-auction.js';
import { type AuctionRow, type ListingRow, currentAuctionOf, findTradeListing, liveDealOf, updateTradeListing } from './repository.js';
import { auctions, tradeListings, tradeOffers } from './schema.js';
import { auctionsChannelNotify } from './live.js';

type Input = z.output<typeof CreateListingBody>;

const field = AppError.field;

/** Pending offers on a listing that closes without a deal lapse. */
export async function lapseOffers(tx: Tx, listingId: string, now: Date): Promise<void> {
  await tx
    .update(tradeOffers)
    .set({ status: 'lapsed', decidedAt: now })
    .where(and(eq(tradeOffers.listingId, listingId), eq(tradeOffers.status, 'pending')));
}

/** Check auction terms against the clock and the listing period. */
function checkAuctionTerms(a: AuctionTerms, listedUntil: Date, now: Date): void {
  const start = new Date(a.startsAt);
  const end = new Date(a.endsAt);
  if (end.getTime() <= now.getTime()) throw field('auction.endsAt', '竞价结束时间须晚于当前时间', 'The auction must end in the future');
  if (end.getTime() > listedUntil.getTime()) throw field('auction.endsAt', '竞价须在挂牌期内结束', 'The auction must end within the listing period');
  if (start.getTime() >= end.getTime()) throw field('auction.endsAt', '结束时间须晚于开始时间', 'The end must be after the start');
}

/** Insert an auction for a listing and schedule its close at the end time. */
export async function insertAuction(tx: Tx, listing: ListingRow, a: AuctionTerms, now: Date): Promise<AuctionRow> {
  checkAuctionTerms(a, listing.listedUntil, now);
  const [row] = await tx
    .insert(auctions)
    .values({
      listingId: listing.id,
      startPriceFen: a.startPriceFen,
      incrementFen: a.incrementFen,
      reserveFen: a.reserveFen ?? null,
      depositFen: a.depositFen,
      startsAt: new Date(a.startsAt),
      scheduledEndsAt: new Date(a.endsAt),
      endsAt: new Date(a.endsAt),
      snipeWindowMinutes: a.snipeWindowMinutes,
      snipeExtendMinutes: a.snipeExtendMinutes,
      createdAt: now,
    })
    .returning();
  await enqueue(tx, closeAuctionJob, { auctionId: row!.id }, { runAt: row!.endsAt });
  return row!;
}

/**
 * List a published achievement of the caller's VERIFIED organisation for
 * trade. One live listing (open or with a deal in notice) per achievement.
 */
export async function createListing(tx: Tx, actor: Actor, input: Input, now: Date): Promise<ListingRow> {
  requireCan(actor, 'create', 'trade_listing', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const org = await findOrganisation(tx, actor.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  const achievement = await findCatalogListing(tx, 'achievement', input.achievementId, { forUpdate: true });
  if (!achievement || achievement.status !== 'published') throw field('achievementId', '成果不存在或尚未发布', 'The achievement does not exist or is not published');
  if (achievement.organisationId !== actor.organisationId) {
    throw field('achievementId', '只能挂牌本单位持有的成果', 'You can only list your own organisation’s achievements');
  }
  const listedFrom = input.listedFrom ? new Date(input.listedFrom) : now;
  const listedUntil = new Date(input.listedUntil);
  if (listedUntil.getTime() <= Math.max(now.getTime(), listedFrom.getTime())) {
    throw field('listedUntil', '挂牌截止时间须晚于开始时间和当前时间', 'The listing must end after it starts and in the future');
  }
  if (input.mode === 'auction' && input.auction && new Date(input.auction.startsAt).getTime() < listedFrom.getTime()) {
    throw field('auction.startsAt', '竞价不能早于挂牌开始', 'The auction cannot start before the listing');
  }
  const [row] = await tx
    .insert(tradeListings)
    .values({
      achievementId: achievement.id,
      organisationId: actor.organisationId,
      createdBy: actor.userId,
      mode: input.mode,
      priceFen: input.mode === 'fixed' ? input.priceFen! : null,
      transferMode: input.transferMode,
      terms: input.terms,
      listedFrom,
      listedUntil,
      noticeWorkingDays: input.noticeWorkingDays,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new AppError('CONFLICT', { message: { zh: '该成果已有挂牌中的交易，请勿重复挂牌。', en: 'This achievement is already listed for trade.' } });
  }
  let auction: AuctionRow | null = null;
  if (input.mode === 'auction') auction = await insertAuction(tx, row, input.auction!, now);
  await recordAudit(tx, actor, {
    action: 'trade_listing.create',
    entityType: 'trade_listing',
    entityId: row.id,
    changes: {
      status: { before: null, after: 'open' },
      mode: input.mode,
      priceFen: row.priceFen,
      transferMode: input.transferMode,
      achievementId: achievement.id,
      ...(auction ? { auctionId: auction.id, startPriceFen: auction.startPriceFen, depositFen: auction.depositFen } : {}),
    },
  });
  return row;
}

/** Load a listing the caller's organisation holds, locked; others' listings are FORBIDDEN. */
async function ownListing(tx: Tx, actor: Actor, id: string): Promise<ListingRow> {
  const listing = await findTradeListing(tx, id, { forUpdate: true });
  if (!listing) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'trade_listing', { organisationId: listing.organisationId });
  return listing;
}

/**
 * The holder starts a new auction on an open auction listing that has none
 * running: after a failed auction, or after an upheld objection cancelled the deal.
 */
export async function startAuction(tx: Tx, actor: Actor, id: string, input: AuctionTerms, now: Date): Promise<ListingRow> {
  const listing = await ownListing(tx, actor, id);
  if (listing.mode !== 'auction' || listing.status !== 'open') throw new AppError('INVALID_STATE');
  const current = await currentAuctionOf(tx, id);
  if (current?.status === 'open') throw new AppError('INVALID_STATE');
  const auction = await insertAuction(tx, listing, input, now);
  await recordAudit(tx, actor, {
    action: 'auction.create',
    entityType: 'auction',
    entityId: auction.id,
    changes: { listingId: id, startPriceFen: auction.startPriceFen, incrementFen: auction.incrementFen, depositFen: auction.depositFen, hasReserve: auction.reserveFen !== null },
  });
  return listing;
}

/**
 * The holder withdraws an open listing. Not while a deal is in notice, nor
 * while its auction has bids (bidders rely on it); an auction without bids
 * is closed as failed with it.
 */
export async function withdrawListing(tx: Tx, actor: Actor, id: string, input: { reason: string }, now: Date): Promise<ListingRow> {
  const listing = await ownListing(tx, actor, id);
  if (listing.status !== 'open' || (await liveDealOf(tx, id))) throw new AppError('INVALID_STATE');
  const current = await currentAuctionOf(tx, id);
  if (current?.status === 'open') {
    if (current.bidCount > 0) {
      throw new AppError('INVALID_STATE', { message: { zh: '竞价已有出价，不能撤回挂牌。', en: 'The auction has bids; the listing cannot be withdrawn.' } });
    }
    await closeWithoutWinner(tx, current.id, 'no_bids', now);
    await auctionsChannelNotify(tx, current.id);
  }
  const updated = await updateTradeListing(tx, id, { status: 'withdrawn', updatedAt: now });
  await lapseOffers(tx, id, now);
  await recordAudit(tx, actor, { action: 'trade_listing.withdraw', entityType: 'trade_listing', entityId: id, changes: { status: { before: 'open', after: 'withdrawn' }, reason: input.reason } });
  return updated;
}
