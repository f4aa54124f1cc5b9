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
 *    name), each step deciding on its capped count, which comes with its
 *    page from one query (collectedPage) unless the count is capped.
 *  - The fuzzy step uses LIKE when the query has no cased letters (Chinese:
 *    ILIKE lower-cases every name, three times slower), and skips the
 *    trigram similarity for queries under three characters (no trigram of
 *    theirs can be similar without the substring matching), so a short query
 *    is an index-only scan of `<table>_directory_order`, and a longer one a
 *    trigram index scan.
 */
export const COUNT_CAP = 10_000;
export const RANK_WINDOW = 1_000;

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

/**
 * Runs a read. Fuzzy plans with the trigram operator set its threshold for
 * their one transaction; `noSeqScan` keeps the planner off a sequential scan
 * (the capped count: with LIMIT 10,001 it expects a scan of the table to stop
 * early, and under-counts how much of it a broad OR query must read; the
 * bitmap of the matches reads only their pages).
 */
async function read<T extends Record<string, unknown>>(db: DbOrTx, plan: Plan, q: SQL, opts: { noSeqScan?: boolean; walk?: boolean } = {}): Promise<T[]> {
  const trigram = plan.mode === 'fuzzy' && plan.trigram;
  if (!trigram && !opts.noSeqScan && !opts.walk) return (await db.execute<T>(q)).rows as T[];
  return db.transaction(async (tx) => {
    if (trigram) await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
    if (opts.noSeqScan || opts.walk) await tx.execute(sql`SELECT set_config('enable_seqscan', 'off', true)`);
    if (opts.walk) await tx.execute(sql`SELECT set_config('enable_bitmapscan', 'off', true)`);
    return (await tx.execute<T>(q)).rows as T[];
  });
}

function whereOf(src: BoundedSource, plan: Plan): SQL {
  return and(plan.where ? [...src.base, plan.where] : src.base);
}

/** Matches up to COUNT_CAP (+1 to know there are more). */
async function cappedCount(db: DbOrTx, src: BoundedSource, plan: Plan): Promise<{ total: number; capped: boolean }> {
  const rows = await read<{ n: number }>(db, plan, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${src.table} l WHERE ${whereOf(src, plan)} LIMIT ${COUNT_CAP + 1}) s`, {
    noSeqScan: true,
  });
  const n = Number(rows[0]?.n ?? 0);
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Ids of one page, newest first (browse, and past the ranked window). */
function newestIds(db: DbOrTx, src: BoundedSource, plan: Plan, limit: number, offset: number): Promise<{ id: string }[]> {
  return read<{ id: string }>(db, plan, sql`SELECT l.id FROM ${src.table} l WHERE ${whereOf(src, plan)} ORDER BY ${NEWEST} LIMIT ${limit} OFFSET ${offset}`);
}

/**
 * One page of a scored plan and its capped count, in one query: the matches
 * (up to COUNT_CAP + 1) are collected through the search index into a
 * materialised CTE, counted, and the page cut from them: positions up to
 * RANK_WINDOW by score among the RANK_WINDOW newest, then newest first.
 * Collecting through the index keeps the planner from walking the
 * published-order index hoping to meet matches soon (with a filter
 * correlated to the words, such as kind = instrument for 中试, it would read
 * every row). `n` is COUNT_CAP + 1 when there are more matches; the page is
 * then not the newest ones' and windowIds() is used instead.
 */
async function collectedPage(db: DbOrTx, src: BoundedSource, plan: Plan & { score: SQL }, limit: number, offset: number): Promise<{ n: number; ids: string[] }> {
  const parts: SQL[] = [];
  if (offset < RANK_WINDOW) {
    parts.push(sql`SELECT w.id, row_number() OVER (ORDER BY ${plan.score} DESC, w.published_at DESC, w.id DESC) AS pos
      FROM (SELECT m.id, m.published_at FROM m ORDER BY m.published_at DESC, m.id DESC LIMIT ${RANK_WINDOW}) w JOIN ${src.table} l ON l.id = w.id`);
  }
  if (offset + limit > RANK_WINDOW) {
    parts.push(sql`SELECT r.id, ${RANK_WINDOW} + row_number() OVER (ORDER BY r.published_at DESC, r.id DESC) AS pos
      FROM (SELECT m.id, m.published_at FROM m ORDER BY m.published_at DESC, m.id DESC OFFSET ${RANK_WINDOW}) r`);
  }
  const rows = await read<{ n: number; id: string | null }>(
    db,
    plan,
    sql`WITH m AS MATERIALIZED (SELECT l.id, l.published_at FROM ${src.table} l WHERE ${whereOf(src, plan)} LIMIT ${COUNT_CAP + 1})
        SELECT c.n, p.id FROM (SELECT count(*)::int AS n FROM m) c
        LEFT JOIN (SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) u WHERE u.pos > ${offset} AND u.pos <= ${offset + limit}) p ON TRUE
        ORDER BY p.pos`,
    { noSeqScan: true },
  );
  return { n: Number(rows[0]?.n ?? 0), ids: rows.flatMap((r) => (r.id ? [r.id] : [])) };
}

/**
 * A page of a plan with more than COUNT_CAP matches: they are common enough
 * that walking the published-order index meets RANK_WINDOW of them within
 * about RANK_WINDOW × (rows / COUNT_CAP) rows. The walk is required (bitmap
 * scans off for the one transaction): the planner, under-estimating an AND of
 * two common words, would otherwise collect and sort every match.
 */
async function windowIds(db: DbOrTx, src: BoundedSource, plan: Plan & { score: SQL }, limit: number, offset: number): Promise<string[]> {
  const parts: Promise<{ id: string }[]>[] = [];
  if (offset < RANK_WINDOW) {
    parts.push(
      read<{ id: string }>(
        db,
        plan,
        // The score on the window's rows only (the subquery is `l` again for the score's columns).
        sql`SELECT l.id FROM (SELECT l.id, l.published_at, l.name, l.search_vector FROM ${src.table} l WHERE ${whereOf(src, plan)} ORDER BY ${NEWEST} LIMIT ${RANK_WINDOW}) l
            ORDER BY ${plan.score} DESC, l.published_at DESC, l.id DESC LIMIT ${Math.min(limit, RANK_WINDOW - offset)} OFFSET ${offset}`,
        { walk: true },
      ),
    );
  }
  if (offset + limit > RANK_WINDOW) {
    const from = Math.max(offset, RANK_WINDOW);
    parts.push(newestIds(db, src, plan, offset + limit - from, from));
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
  const attempt = async (plan: Plan): Promise<BoundedResult> => {
    const { score } = plan;
    if (!score) {
      const [rows, count] = await Promise.all([newestIds(db, src, plan, page.limit, page.offset), cappedCount(db, src, plan)]);
      return { ids: rows.map((r) => r.id), ...count, plan: publicPlan(plan) };
    }
    const collected = await collectedPage(db, src, { ...plan, score }, page.limit, page.offset);
    if (collected.n <= COUNT_CAP) return { ids: collected.ids, total: collected.n, capped: false, plan: publicPlan(plan) };
    return { ids: await windowIds(db, src, { ...plan, score }, page.limit, page.offset), total: COUNT_CAP, capped: true, plan: publicPlan(plan) };
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
