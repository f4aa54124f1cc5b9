import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findListing as findCatalogListing } from '../catalog/repository.js';
import { notify } from '../notifications/notify.js';
import { finaliseDealJob } from './jobs.js';
import { noticeEnd } from './notice-period.js';
import { dealLink, orgAdminIds } from './parties.js';
import { type DealRow, type ListingRow, findDeal, openObjectionCount, updateTradeListing } from './repository.js';
import { tradeDeals } from './schema.js';

/** Who hears about a deal: both organisations' administrators and the listing's author. */
async function dealAudience(db: DbOrTx, deal: Pick<DealRow, 'sellerOrgId' | 'buyerOrgId'>, listing: Pick<ListingRow, 'createdBy'>, extra: (string | null)[] = []): Promise<string[]> {
  return [...(await orgAdminIds(db, deal.sellerOrgId)), ...(await orgAdminIds(db, deal.buyerOrgId)), ...[listing.createdBy, ...extra].filter((x): x is string => !!x)];
}

export async function achievementTitle(db: DbOrTx, achievementId: string): Promise<string> {
  return (await findCatalogListing(db, 'achievement', achievementId))?.title ?? '';
}

/**
 * Strike a deal on a locked listing: the deal enters public notice (公示)
 * for the listing's working days, the listing is `in_deal`, the parties are
 * told, and finalisation is scheduled for the end of the notice.
 */
export async function openDeal(
  tx: Tx,
  actor: Actor,
  listing: ListingRow,
  d: { kind: 'listing' | 'auction'; auctionId?: string; offerId?: string; buyerOrgId: string; buyerUserId?: string | null; amountFen: number },
  now: Date,
): Promise<DealRow> {
  const noticeEndsAt = noticeEnd(now, listing.noticeWorkingDays);
  const [deal] = await tx
    .insert(tradeDeals)
    .values({
      listingId: listing.id,
      kind: d.kind,
      auctionId: d.auctionId ?? null,
      offerId: d.offerId ?? null,
      achievementId: listing.achievementId,
      sellerOrgId: listing.organisationId,
      buyerOrgId: d.buyerOrgId,
      amountFen: d.amountFen,
      transferMode: listing.transferMode,
      noticeEndsAt,
      createdAt: now,
    })
    .returning();
  await updateTradeListing(tx, listing.id, { status: 'in_deal', updatedAt: now });
  await enqueue(tx, finaliseDealJob, { dealId: deal!.id }, { runAt: noticeEndsAt });
  await notify(tx, {
    userIds: await dealAudience(tx, deal!, listing, [d.buyerUserId ?? null]),
    kind: 'trade.deal',
    params: { title: await achievementTitle(tx, listing.achievementId), amountFen: d.amountFen, noticeEndsAt: noticeEndsAt.toISOString() },
    link: dealLink(deal!.id),
  });
  await recordAudit(tx, actor, {
    action: 'trade_deal.open',
    entityType: 'trade_deal',
    entityId: deal!.id,
    changes: { status: { before: null, after: 'notice' }, kind: d.kind, listingId: listing.id, buyerOrgId: d.buyerOrgId, amountFen: d.amountFen, noticeEndsAt: noticeEndsAt.toISOString() },
  });
  return deal!;
}

/**
 * Make a deal final when its notice has passed and no objection is open
 * (idempotent: anything else leaves it as it is). Returns whether it did.
 */
export async function finaliseDeal(tx: Tx, actor: Actor, dealId: string, now: Date): Promise<boolean> {
  const deal = await findDeal(tx, dealId, { forUpdate: true });
  if (!deal || deal.status !== 'notice' || deal.noticeEndsAt.getTime() > now.getTime()) return false;
  if ((await openObjectionCount(tx, dealId)) > 0) return false;
  await tx
    .update(tradeDeals)
    .set({ status: 'final', finalisedAt: now })
    .where(eq(tradeDeals.id, dealId));
  const listing = await updateTradeListing(tx, deal.listingId, { status: 'sold', updatedAt: now });
  await notify(tx, {
    userIds: await dealAudience(tx, deal, listing),
    kind: 'trade.deal_final',
    params: { title: await achievementTitle(tx, deal.achievementId), amountFen: deal.amountFen },
    link: dealLink(dealId),
  });
  await recordAudit(tx, actor, { action: 'trade_deal.finalise', entityType: 'trade_deal', entityId: dealId, changes: { status: { before: 'notice', after: 'final' } } });
  return true;
}
