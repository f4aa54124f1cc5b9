import { and, eq, lte, notExists, sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { closeAuction, dueAuctionIds } from './close-auction.js';
import { lapseOffers } from './create-listing.js';
import { finaliseDeal } from './deals.js';
import { auctions, tradeDeals, tradeListings, tradeObjections } from './schema.js';

/** Close due auctions, finalise due deals, expire listings past their period with nothing running. */
export async function sweep(db: Db, now: Date): Promise<{ auctions: number; deals: number; expired: number }> {
  let closed = 0;
  for (const id of await dueAuctionIds(db, now)) if ((await closeAuction(db, id, now)) !== 'not_due') closed++;

  const due = await db
    .select({ id: tradeDeals.id })
    .from(tradeDeals)
    .where(
      and(
        eq(tradeDeals.status, 'notice'),
        lte(tradeDeals.noticeEndsAt, now),
        notExists(db.select({ x: sql`1` }).from(tradeObjections).where(and(eq(tradeObjections.dealId, tradeDeals.id), eq(tradeObjections.status, 'open')))),
      ),
    );
  let deals = 0;
  for (const d of due) if (await withTx(db, (tx) => finaliseDeal(tx, systemActor(), d.id, now))) deals++;

  const expired = await withTx(db, async (tx) => {
    const rows = await tx
      .update(tradeListings)
      .set({ status: 'expired', updatedAt: now })
      .where(
        and(
          eq(tradeListings.status, 'open'),
          lte(tradeListings.listedUntil, now),
          notExists(tx.select({ x: sql`1` }).from(auctions).where(and(eq(auctions.listingId, tradeListings.id), eq(auctions.status, 'open')))),
        ),
      )
      .returning({ id: tradeListings.id });
    for (const r of rows) {
      await lapseOffers(tx, r.id, now);
      await recordAudit(tx, systemActor(), { action: 'trade_listing.expire', entityType: 'trade_listing', entityId: r.id, changes: { status: { before: 'open', after: 'expired' } } });
    }
    return rows.length;
  });
  return { auctions: closed, deals, expired };
}
