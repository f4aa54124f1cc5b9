import { sql, type SQL } from 'drizzle-orm';
import type { SearchMode } from '../../../../shared/contracts/catalog-public.js';
import type { Db } from '../../../db/client.js';
import { likePattern, normalise, queryTerms, rank, searchWithFallback, tokensForQuery } from '../../search/index.js';

/**
 * How a text query becomes a WHERE condition, chosen once per request and
 * reused by the list, its count, every facet and the export:
 *  - 'and': every term (or all of its parts) in the search vector;
 *  - 'or': when AND finds nothing, any term or part;
 *  - 'fuzzy': when both find nothing (misspellings, a single character inside
 *    a word, text the segmenter cannot cut): the title contains the query, or
 *    is trigram-similar to it (pg_trgm word similarity);
 *  - 'none': no query.
 */
export type QueryPlan = {
  mode: SearchMode;
  /** Condition on `l`, null without a query. */
  where: SQL | null;
  /** Relevance expression (higher is better), null without a query. */
  score: SQL | null;
  /** Query lexemes for highlighting. */
  tokens: string[];
};

/** Lower bound of pg_trgm word_similarity for the fuzzy title match. */
export const FUZZY_THRESHOLD = 0.4;

/**
 * The query as the database may see it: control characters (NUL cannot even
 * be stored in text) and unpaired surrogates removed, normalised, trimmed.
 */
export function cleanQuery(q: string | undefined): string {
  if (!q) return '';
  return normalise(q.replace(/\p{Cc}|\p{Cs}/gu, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

const vector = sql`l.search_vector`;

/**
 * Runs a read query. Fuzzy plans use pg_trgm's `<%` operator, whose threshold
 * is a setting: it is set for the one transaction only.
 */
export async function runQuery<T extends Record<string, unknown>>(db: Db, plan: QueryPlan, query: SQL): Promise<T[]> {
  if (plan.mode !== 'fuzzy') return (await db.execute<T>(query)).rows as T[];
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
    return (await tx.execute<T>(query)).rows as T[];
  });
}

/**
 * Picks the plan for `q` under the other filters (`count` says how many
 * listings a condition matches together with them).
 */
export async function planQuery(db: Db, q: string | undefined, count: (plan: QueryPlan) => Promise<number>): Promise<QueryPlan> {
  const text = cleanQuery(q);
  if (!text) return { mode: 'none', where: null, score: null, tokens: [] };
  const tokens = tokensForQuery(text);
  const found = await searchWithFallback(queryTerms(text), async (tsquery, mode) => {
    const plan: QueryPlan = { mode, where: sql`${vector} @@ ${tsquery}`, score: rank(vector, tsquery), tokens };
    return (await count(plan)) > 0 ? [plan] : [];
  });
  if (found.rows[0]) return found.rows[0];
  const pattern = likePattern(text);
  return {
    mode: 'fuzzy',
    where: sql`(l.title ILIKE ${pattern} OR ${text} <% l.title)`,
    score: sql`(CASE WHEN l.title ILIKE ${pattern} THEN 1 ELSE 0 END + word_similarity(${text}, l.title))`,
    tokens: tokens.length ? [...tokens, text] : [text],
  };
}
