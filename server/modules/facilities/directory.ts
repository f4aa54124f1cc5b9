import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cleanQuery } from '../catalog/search/query-plan.js';
import { organisations } from '../organisations/schema.js';
import { boundedSearch, type SearchMode } from '../registries/bounded-search.js';
import type { FacilityRow } from './repository.js';
import { facilities } from './schema.js';

type Item = FacilityRow & { organisationName: string };

/**
 * The public directory: published facilities, by kind, with Chinese
 * full-text search (jieba tokens against the stored weighted vector, AND
 * first, OR when AND finds nothing, then a fuzzy match on the name), best
 * match first; newest first without a query. Counts stop at 10,000
 * (`capped`) and relevance ranks a bounded window of matches, like the
 * registry directories (registries/bounded-search.ts).
 */
export async function searchDirectory(
  db: DbOrTx,
  q: { q?: string; kind?: string },
  page: { limit: number; offset: number },
): Promise<{ items: Item[]; total: number; capped: boolean; mode: Exclude<SearchMode, 'none'> | null }> {
  const base: SQL[] = [sql`l.status = 'published'`];
  if (q.kind) base.push(sql`l.kind = ${q.kind}`);
  const found = await boundedSearch(db, { table: sql.identifier('facilities'), base }, cleanQuery(q.q), page);
  const rows = found.ids.length
    ? await db
        .select({ f: facilities, organisationName: organisations.name })
        .from(facilities)
        .innerJoin(organisations, eq(organisations.id, facilities.organisationId))
        .where(inArray(facilities.id, found.ids))
    : [];
  const byId = new Map(rows.map((r) => [r.f.id, { ...r.f, organisationName: r.organisationName }]));
  return {
    items: found.ids.flatMap((id) => byId.get(id) ?? []),
    total: found.total,
    capped: found.capped,
    mode: found.plan.mode === 'none' ? null : found.plan.mode,
  };
}
