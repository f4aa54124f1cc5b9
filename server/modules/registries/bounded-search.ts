import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { FUZZY_THRESHOLD } from '../catalog/search/query-plan.js';
import { likePattern, normalise, queryTerms, rank, searchWithFallback, tokensForQuery } from '../search/index.js';

/**
 * Directory search whose cost does not grow with the number of matches
 * (docs/decisions/0024-bounded-directory-search.md). Used by the registry
 * directories and the shared-facilities directory: one published table,
 * aliased `l`, with `id`, `name`, `status`, `published_at` and a weighted
 * `search_vector`.
 *
 *  - Counts stop at COUNT_CAP: beyond it the total is COUNT_CAP and `capped`
 *    is true ("10,000+"), so a broad term never counts every match.
 *  - Relevance ranks the RANK_WINDOW newest matches; pages past the window
 *    continue newest first. With up to RANK_WINDOW matches (every real
 *    registry today) the order is exactly best match first, as before.
 *  - The mode is chosen as before (AND, then OR, then a fuzzy match on the
 *    name), but each step's capped count decides, in parallel with its page,
 *    instead of an exact count first and the page and count after.
 *  - The fuzzy step uses LIKE when the query has no cased letters (Chinese:
 *    ILIKE lower-cases every name, three times slower), and skips the
 *    trigram similarity for queries under three characters (no trigram of
 *    theirs can be similar without the substring matching), so a short query
 *    is an index-only scan of `<table>_directory_order`, and a longer one a
 *    trigram index scan.
 */
export const COUNT_CAP = 10_000;
export const RANK_WINDOW = 2_000;

export type SearchMode = 'none' | 'and' | 'or' | 'fuzzy';

export type BoundedPlan = {
  mode: SearchMode;
  /** Condition on `l` (null: browse). */
  where: SQL | null;
  /** Relevance on `l`, higher first (null: newest first). */
  score: SQL | null;
  /** Query lexemes (and, for fuzzy, the text) for highlighting. */
  tokens: string[];
};

export type BoundedSource = {
  /** The table, e.g. sql.identifier('spaces'); queried as `l`. */
  table: SQL | ReturnType<typeof sql.identifier>;
  /** Conditions on `l` besides the query: published, the filters. */
  base: SQL[];
};

export type BoundedResult = { ids: string[]; total: number; capped: boolean; plan: BoundedPlan };

const NEWEST = sql`l.published_at DESC, l.id DESC`;
const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);

type Plan = BoundedPlan & { trigram?: boolean };

/** Runs a read; fuzzy plans with the trigram operator set its threshold for their one transaction. */
async function read<T extends Record<string, unknown>>(db: DbOrTx, plan: Plan, q: SQL): Promise<T[]> {
  if (plan.mode !== 'fuzzy' || !plan.trigram) return (await db.execute<T>(q)).rows as T[];
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
    return (await tx.execute<T>(q)).rows as T[];
  });
}

function whereOf(src: BoundedSource, plan: Plan): SQL {
  return and(plan.where ? [...src.base, plan.where] : src.base);
}

/** Matches up to COUNT_CAP (+1 to know there are more). */
async function cappedCount(db: DbOrTx, src: BoundedSource, plan: Plan): Promise<{ total: number; capped: boolean }> {
  const rows = await read<{ n: number }>(db, plan, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${src.table} l WHERE ${whereOf(src, plan)} LIMIT ${COUNT_CAP + 1}) s`);
  const n = Number(rows[0]?.n ?? 0);
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/**
 * Ids of one page. Order: with a score, the RANK_WINDOW newest matches by
 * score (then newest), then the remaining matches newest first; without,
 * newest first.
 */
async function pageIds(db: DbOrTx, src: BoundedSource, plan: Plan, limit: number, offset: number): Promise<string[]> {
  const where = whereOf(src, plan);
  const newest = (lim: number, off: number) =>
    read<{ id: string }>(db, plan, sql`SELECT l.id FROM ${src.table} l WHERE ${where} ORDER BY ${NEWEST} LIMIT ${lim} OFFSET ${off}`);
  if (!plan.score) return (await newest(limit, offset)).map((r) => r.id);
  const parts: Promise<{ id: string }[]>[] = [];
  if (offset < RANK_WINDOW) {
    parts.push(
      read<{ id: string }>(
        db,
        plan,
        sql`SELECT w.id FROM (SELECT l.id, l.published_at, ${plan.score} AS score FROM ${src.table} l WHERE ${where} ORDER BY ${NEWEST} LIMIT ${RANK_WINDOW}) w
            ORDER BY w.score DESC, w.published_at DESC, w.id DESC LIMIT ${Math.min(limit, RANK_WINDOW - offset)} OFFSET ${offset}`,
      ),
    );
  }
  const end = offset + limit;
  if (end > RANK_WINDOW) {
    const from = Math.max(offset, RANK_WINDOW);
    parts.push(newest(end - from, from));
  }
  return (await Promise.all(parts)).flat().map((r) => r.id);
}

/** The fuzzy name match for text that no lexeme finds. */
function fuzzyPlan(text: string, tokens: string[]): Plan {
  const pattern = likePattern(text);
  const cased = normalise(text) !== normalise(text).toUpperCase();
  const like = cased ? sql`l.name ILIKE ${pattern}` : sql`l.name LIKE ${pattern}`;
  const trigram = [...text].length >= 3;
  return {
    mode: 'fuzzy',
    trigram,
    where: trigram ? sql`(${like} OR ${text} <% l.name)` : like,
    score: sql`(CASE WHEN ${like} THEN 1 ELSE 0 END + word_similarity(${text}, l.name))`,
    tokens: tokens.length ? [...tokens, text] : [text],
  };
}

/**
 * Searches `src` for `text` (already cleaned) and returns one page of ids in
 * order, the capped total and the plan (mode, tokens for highlighting).
 */
export async function boundedSearch(db: DbOrTx, src: BoundedSource, text: string, page: { limit: number; offset: number }): Promise<BoundedResult> {
  const attempt = async (plan: Plan) => {
    const [ids, count] = await Promise.all([pageIds(db, src, plan, page.limit, page.offset), cappedCount(db, src, plan)]);
    return { ids, ...count, plan: publicPlan(plan) };
  };
  if (!text) return attempt({ mode: 'none', where: null, score: null, tokens: [] });
  const tokens = tokensForQuery(text);
  const found = await searchWithFallback(queryTerms(text), async (tsquery, mode) => {
    const r = await attempt({ mode, where: sql`l.search_vector @@ ${tsquery}`, score: rank(sql`l.search_vector`, tsquery), tokens });
    return r.total > 0 ? [r] : [];
  });
  return found.rows[0] ?? attempt(fuzzyPlan(text, tokens));
}

function publicPlan(p: Plan): BoundedPlan {
  return { mode: p.mode, where: p.where, score: p.score, tokens: p.tokens };
}
