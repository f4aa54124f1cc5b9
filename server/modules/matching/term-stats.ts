import { sql } from 'drizzle-orm';
import type { MatchKind } from '../../../shared/contracts/matching.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { charDfSql, CorpusStats, FIELDS, type Field } from './engine/index.js';

/**
 * Corpus statistics (document frequency per term, field lengths, N) of the
 * published records of each kind, kept in `match_term_stats` and in memory.
 *
 * Kept by REBUILD, not incrementally: the re-indexing job overwrites a
 * record's vector before anything here runs, so the old terms an incremental
 * `remove` needs are gone; and a rebuild is two aggregate statements inside
 * PostgreSQL (`unnest(search_vector)`), debounced by a singleton job so a bulk
 * import of thousands of records costs one rebuild, not thousands. Slightly
 * stale statistics only shift idf marginally (0015); a new record is
 * matchable as soon as its vector is written, before the statistics catch up.
 *
 * Rows: kind `achievement` / `demand` hold (term, df); kind `<kind>#meta`
 * holds `n`, the four field lengths and `version`, bumped by every rebuild.
 * Each process caches the statistics with the version it loaded and checks
 * the version (one index lookup) at most once a second.
 */

const meta = (kind: MatchKind) => `${kind}#meta`;
const table = (kind: MatchKind) => sql.raw(kind === 'achievement' ? 'achievements' : 'demands');
const WEIGHT_FIELD: Record<string, Field> = { A: 'title', B: 'keywords', C: 'body', D: 'indicators' };

/** Recomputes a kind's statistics from the published records' vectors; returns the new version. */
export async function rebuildTermStats(db: Db | DbOrTx, kind: MatchKind): Promise<number> {
  const run = async (tx: DbOrTx) => {
    // One rebuild per kind at a time (a second waits, then redoes it over newer data).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`match_term_stats:${kind}`}))`);
    const prev = await tx.execute<{ df: number }>(sql`SELECT df FROM match_term_stats WHERE kind = ${meta(kind)} AND term = 'version'`);
    const version = (prev.rows[0]?.df ?? 0) + 1;
    await tx.execute(sql`DELETE FROM match_term_stats WHERE kind IN (${kind}, ${meta(kind)})`);
    const where = sql`l.status = 'published' AND l.search_vector IS NOT NULL`;
    await tx.execute(sql`
      INSERT INTO match_term_stats (kind, term, df)
      SELECT ${kind}, u.lexeme, count(*)::int FROM ${table(kind)} l, unnest(l.search_vector) u WHERE ${where} GROUP BY u.lexeme`);
    // The character pseudo-terms' (engine/chars.ts) beside the words'.
    await tx.execute(sql`INSERT INTO match_term_stats (kind, term, df) SELECT ${kind}, c.term, c.df FROM (${charDfSql(table(kind), sql.identifier('search_vector'), where)}) c`);
    const lens = await tx.execute<{ weight: string; n: number }>(sql`
      SELECT w::text AS weight, count(*)::int AS n FROM ${table(kind)} l, unnest(l.search_vector) u, unnest(u.weights) w WHERE ${where} GROUP BY w`);
    const n = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${table(kind)} l WHERE ${where}`);
    const sums: Record<Field, number> = { title: 0, keywords: 0, body: 0, indicators: 0 };
    for (const r of lens.rows) {
      const f = WEIGHT_FIELD[String(r.weight)];
      if (f) sums[f] += Number(r.n);
    }
    const rows: [string, number][] = [['n', n.rows[0]?.n ?? 0], ['version', version], ...FIELDS.map((f) => [f, sums[f]] as [string, number])];
    await tx.execute(sql`
      INSERT INTO match_term_stats (kind, term, df)
      SELECT ${meta(kind)}, t, d FROM unnest(${sql.param(rows.map((r) => r[0]))}::text[], ${sql.param(rows.map((r) => r[1]))}::int[]) AS v(t, d)`);
    return version;
  };
  return 'transaction' in db ? db.transaction(run) : run(db);
}

async function storedVersion(db: DbOrTx, kind: MatchKind): Promise<number | null> {
  const r = await db.execute<{ df: number }>(sql`SELECT df FROM match_term_stats WHERE kind = ${meta(kind)} AND term = 'version'`);
  return r.rows[0]?.df ?? null;
}

async function loadTermStats(db: DbOrTx, kind: MatchKind): Promise<CorpusStats> {
  const m = await db.execute<{ term: string; df: number }>(sql`SELECT term, df FROM match_term_stats WHERE kind = ${meta(kind)}`);
  const get = (t: string) => Number(m.rows.find((r) => r.term === t)?.df ?? 0);
  const df = await db.execute<{ term: string; df: number }>(sql`SELECT term, df FROM match_term_stats WHERE kind = ${kind}`);
  return CorpusStats.fromJSON({
    n: get('n'),
    lengthSum: Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as Record<Field, number>,
    df: df.rows.map((r) => [r.term, Number(r.df)] as [string, number]),
  });
}

type Cached = { version: number; stats: CorpusStats; checkedAt: number };
const caches = new WeakMap<object, Map<MatchKind, Cached>>();
/** How long a process trusts its cached statistics before checking the version again (ms). */
const RECHECK_MS = 1000;

/**
 * The statistics of a kind, from the process cache when its version is
 * current; built on first use when the table has none yet.
 */
export async function termStats(db: Db, kind: MatchKind): Promise<CorpusStats> {
  let byKind = caches.get(db);
  if (!byKind) caches.set(db, (byKind = new Map()));
  const hit = byKind.get(kind);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.stats;
  let version = await storedVersion(db, kind);
  if (hit && version === hit.version) {
    hit.checkedAt = Date.now();
    return hit.stats;
  }
  if (version === null) version = await rebuildTermStats(db, kind);
  const stats = await loadTermStats(db, kind);
  byKind.set(kind, { version, stats, checkedAt: Date.now() });
  return stats;
}

/** Forget the cached statistics (tests, and after this process rebuilt them). */
export function invalidateTermStats(db: object, kind?: MatchKind): void {
  if (!kind) caches.delete(db);
  else caches.get(db)?.delete(kind);
}
