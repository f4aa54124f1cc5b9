import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { rank, searchWithFallback, tokensForQuery, type QueryMode } from '../search/index.js';
import type { FacilityRow } from './repository.js';
import { facilities } from './schema.js';

type Item = FacilityRow & { organisationName: string };

/**
 * The public directory: published facilities, by kind, with Chinese
 * full-text search (jieba tokens against the stored weighted vector, AND
 * first, OR when AND finds nothing), best match first; newest first without
 * a query.
 */
export async function searchDirectory(
  db: DbOrTx,
  q: { q?: string; kind?: string },
  page: { limit: number; offset: number },
): Promise<{ items: Item[]; total: number; mode: QueryMode | null }> {
  const base: SQL[] = [eq(facilities.status, 'published')];
  if (q.kind) base.push(eq(facilities.kind, q.kind));
  const run = async (query: SQL | null) => {
    const where = and(...base, ...(query ? [sql`${facilities.searchVector} @@ ${query}`] : []));
    const rows = await db
      .select({ f: facilities, organisationName: organisations.name, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
      .from(facilities)
      .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
      .where(where)
      .orderBy(...(query ? [desc(rank(facilities.searchVector, query))] : []), desc(facilities.publishedAt), facilities.id)
      .limit(page.limit)
      .offset(page.offset);
    return rows;
  };
  if (!q.q) {
    const rows = await run(null);
    return { items: rows.map((r) => ({ ...r.f, organisationName: r.organisationName })), total: rows[0]?.total ?? 0, mode: null };
  }
  const found = await searchWithFallback(tokensForQuery(q.q), (query) => run(query));
  return { items: found.rows.map((r) => ({ ...r.f, organisationName: r.organisationName })), total: found.rows[0]?.total ?? 0, mode: found.mode };
}
