import { and, asc, count, desc, eq, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ListingsQuery } from '../../../shared/contracts/trading.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements } from '../catalog/schema.js';
import { likePattern } from '../users/repository.js';
import { type ListingRow } from './repository.js';
import { tradeListings } from './schema.js';

type Query = z.output<typeof ListingsQuery>;

/**
 * The public list: listings by status (open by default, within their period),
 * searched in the achievement's title and keywords, filtered by mode,
 * transfer mode, industry and price. For auctions, the price filters and
 * sorts use the current price (or the start price before the first bid).
 */
export async function listListings(db: DbOrTx, q: Query, now: Date): Promise<{ items: ListingRow[]; total: number }> {
  const price = sql<number>`coalesce(${tradeListings.priceFen}, (SELECT coalesce(a.current_price_fen, a.start_price_fen) FROM trade_auctions a WHERE a.listing_id = ${tradeListings.id} ORDER BY (a.status = 'open') DESC, a.created_at DESC LIMIT 1))`;
  const where: (SQL | undefined)[] = [eq(tradeListings.status, q.status)];
  if (q.status === 'open') where.push(lte(tradeListings.listedFrom, now), sql`${tradeListings.listedUntil} > ${now}`);
  if (q.mode) where.push(eq(tradeListings.mode, q.mode));
  if (q.transferMode) where.push(eq(tradeListings.transferMode, q.transferMode));
  if (q.industrySection) where.push(eq(achievements.industrySection, q.industrySection));
  if (q.minPriceFen !== undefined) where.push(gte(price, q.minPriceFen));
  if (q.maxPriceFen !== undefined) where.push(lte(price, q.maxPriceFen));
  if (q.q) {
    const p = likePattern(q.q);
    where.push(or(ilike(achievements.title, p), sql`array_to_string(${achievements.keywords}, ' ') ILIKE ${p}`, ilike(tradeListings.terms, p)));
  }
  const cond = and(...where);
  const order =
    q.sort === 'ending'
      ? [asc(sql`coalesce((SELECT a.ends_at FROM trade_auctions a WHERE a.listing_id = ${tradeListings.id} AND a.status = 'open' LIMIT 1), ${tradeListings.listedUntil})`)]
      : q.sort === 'price_asc'
        ? [sql`${price} ASC NULLS LAST`]
        : q.sort === 'price_desc'
          ? [sql`${price} DESC NULLS LAST`]
          : [desc(tradeListings.createdAt)];
  const rows = await db
    .select({ l: tradeListings })
    .from(tradeListings)
    .innerJoin(achievements, eq(achievements.id, tradeListings.achievementId))
    .where(cond)
    .orderBy(...order, desc(tradeListings.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = (await db.select({ n: count() }).from(tradeListings).innerJoin(achievements, eq(achievements.id, tradeListings.achievementId)).where(cond)) as [{ n: number }];
  return { items: rows.map((r) => r.l), total: n };
}

