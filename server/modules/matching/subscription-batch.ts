import { sql } from 'drizzle-orm';
import type { MatchFilters, MatchKind } from '../../../shared/contracts/matching.js';
import type { Db } from '../../db/client.js';
import { engineFilters, tableSpec } from './adapters.js';
import {
  bm25f,
  buildQuery,
  facetValues,
  idealScore,
  loadMatchConfig,
  passesFilters,
  termsFromTsvector,
  weightsFor,
  type CorpusStats,
  type MatchConfig,
  type MatchDoc,
  type Match,
  type Query,
} from './engine/index.js';
import { ENGINE_DIRECTION, loadListingQuery, maxScore, relevanceOf, runMatch } from './match-service.js';
import { HIT_POOL, publishedRecord, recordHit, subscriptionDirection, type ActiveSubscription } from './subscriptions.js';
import { termStats } from './term-stats.js';

/**
 * The publication check for many subscriptions (docs/decisions/0022).
 *
 * The first version ran one full match query per active subscription (a
 * PostgreSQL retrieval and a re-ranking of up to 500 records each): at ten
 * thousand subscriptions, minutes per publication. Most subscriptions cannot
 * be satisfied by the record at all, and that can be known without the
 * corpus:
 *
 * 1. One statement reads every active subscription of the kind with a key of
 *    its source (the profile text's hash, or the listing's revision ids,
 *    their update times, title and status), and the new record's row and
 *    vector once.
 * 2. Each subscription's engine query is taken from a per-process cache
 *    (rebuilt when the key or the corpus statistics change) and the record is
 *    scored against it in TypeScript: the record's BM25F, and its facets
 *    exactly as the ranking computes them. The ranking divides a text score
 *    by the best candidate's (at least the record's own) and by no less than
 *    `minReference` × the query's ideal score, so min(1, bm25 / (minReference
 *    × ideal)) bounds the record's text share from above, and the facets are
 *    exact: an upper bound of the relevance the API would give it. Below the
 *    subscription's threshold, or failing its filters, the subscription is
 *    done with, exactly as the full query would have decided.
 * 3. The few left (those the record may satisfy) get the full query, as
 *    before, with the same statistics: the same relevance, threshold,
 *    explanation and notification as the one-by-one check.
 */

type Source = { text: string } | { doc: MatchDoc };
type Cached = { key: string; stats: CorpusStats; source: Source | null; query: Query | null };
type Row = ActiveSubscription & { source_key: string };

const caches = new WeakMap<object, Map<MatchKind, Map<string, Cached>>>();

function cacheFor(db: Db, kind: MatchKind): Map<string, Cached> {
  let byKind = caches.get(db);
  if (!byKind) caches.set(db, (byKind = new Map()));
  let c = byKind.get(kind);
  if (!c) byKind.set(kind, (c = new Map()));
  return c;
}

/** Forget the cached subscription queries (tests and benches that compare cold and warm runs). */
export function clearSubscriptionQueryCache(db: object): void {
  caches.delete(db);
}

/** Active subscriptions to `kind` not yet hit by `id`, each with the key of what its query is built from. */
async function subscriptionsWithKeys(db: Db, kind: MatchKind, id: string): Promise<Row[]> {
  const r = await db.execute<Row>(sql`
    SELECT s.id, s.user_id AS "userId", s.target, s.source_kind AS "sourceKind", s.source_id AS "sourceId", s.profile_text AS "profileText",
      s.filters, s.threshold, u.organisation_id,
      CASE WHEN s.source_kind = 'profile' THEN md5(coalesce(s.profile_text, ''))
        ELSE md5(concat_ws('|', l.id, l.status, l.title, l.external_id, l.published_at, l.organisation_id, l.published_revision_id, l.pending_revision_id,
          rp.updated_at, rq.updated_at, l.organisation_id = u.organisation_id)) END AS source_key
    FROM match_subscriptions s JOIN users u ON u.id = s.user_id
    LEFT JOIN LATERAL (
      SELECT a.id, a.status, a.title, a.external_id, a.published_at, a.organisation_id, a.published_revision_id, a.pending_revision_id
        FROM achievements a WHERE s.source_kind = 'achievement' AND a.id = s.source_id
      UNION ALL
      SELECT d.id, d.status, d.title, d.external_id, d.published_at, d.organisation_id, d.published_revision_id, d.pending_revision_id
        FROM demands d WHERE s.source_kind = 'demand' AND d.id = s.source_id
    ) l ON TRUE
    LEFT JOIN listing_revisions rp ON rp.id = l.published_revision_id
    LEFT JOIN listing_revisions rq ON rq.id = l.pending_revision_id
    WHERE s.target = ${kind} AND s.active AND u.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM match_subscription_hits h WHERE h.subscription_id = s.id AND h.record_kind = ${kind} AND h.record_id = ${id})
    ORDER BY s.created_at, s.id`);
  return r.rows;
}

/** The record as a ranked candidate: its facets from its columns and its field terms from its vector. */
async function recordDoc(db: Db, kind: MatchKind, id: string): Promise<MatchDoc | null> {
  const spec = tableSpec(kind);
  const cols = sql.join(
    spec.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const r = await db.execute(sql`SELECT id, ${cols}, search_vector::text AS "__vector" FROM ${sql.identifier(spec.table)} WHERE id = ${id} AND ${spec.where!}`);
  const row = r.rows[0];
  if (!row) return null;
  return { ...spec.toDoc(row), terms: termsFromTsvector(String(row.__vector ?? '')) };
}

/**
 * The most relevance the record can get in this subscription's full match
 * (see the file comment): its text share at most min(1, bm25 / (minReference
 * × ideal)), its facets exactly.
 */
export function relevanceBound(query: Query, doc: MatchDoc, stats: CorpusStats, config: MatchConfig): number {
  const weights = weightsFor(config, query.direction);
  const text = bm25f(query.terms, doc.terms!, stats, config, query.pairs).score;
  const floor = config.text.minReference * idealScore(query.terms, stats, config);
  let score = weights.text * (text > 0 ? (floor > 0 ? Math.min(1, text / floor) : 1) : 0);
  for (const [key, v] of Object.entries(facetValues(query, doc, config)) as [keyof typeof weights, { value: number }][]) score += weights[key] * v.value;
  const max = maxScore(query.direction);
  return max > 0 ? score / max : 0;
}

/** A bound this close under a threshold still gets the full query (floating-point sums in another order). */
const EPSILON = 1e-9;

export type BatchStats = { subscriptions: number; fullQueries: number; hits: number };

/**
 * Matches a newly published record against every active subscription to its
 * kind (batched; same hits as matchNewRecordOneByOne). Returns the number of
 * hits recorded; `onStats` gets how many subscriptions needed the full query.
 */
export async function matchNewRecord(db: Db, kind: MatchKind, id: string, now: Date, onStats?: (s: BatchStats) => void): Promise<number> {
  const record = await publishedRecord(db, kind, id);
  if (!record) return 0;
  const doc = await recordDoc(db, kind, id);
  if (!doc) return 0;
  const config = loadMatchConfig();
  const stats = await termStats(db, kind);
  const subs = await subscriptionsWithKeys(db, kind, id);
  const cache = cacheFor(db, kind);
  const seen = new Set<string>();
  let hits = 0;
  let fullQueries = 0;
  const decided = new Map<string, Match | null>();
  for (const s of subs) {
    seen.add(s.id);
    if (s.organisation_id && s.organisation_id === record.organisation_id) continue;
    const direction = subscriptionDirection(s.sourceKind, kind);
    if (!direction) continue;
    let entry = cache.get(s.id);
    if (!entry || entry.key !== s.source_key || entry.stats !== stats) {
      let source: Source | null;
      if (s.sourceKind === 'profile') source = { text: s.profileText ?? '' };
      else {
        // The subscriber's view of the listing: their own organisation's even when not published.
        const q = await loadListingQuery(db, s.sourceKind as MatchKind, s.sourceId!, (row) => row.organisationId === s.organisation_id).catch(() => null);
        source = q ? { doc: q.doc } : null;
      }
      const query = source ? buildQuery({ direction: ENGINE_DIRECTION[direction], source, now: now.toISOString() }, { stats, config }) : null;
      entry = { key: s.source_key, stats, source, query };
      cache.set(s.id, entry);
    }
    if (!entry.source || !entry.query) continue;
    const selfId = entry.query.selfId;
    const filters = engineFilters(s.filters as MatchFilters, selfId ? [selfId] : undefined);
    if (!passesFilters(doc, filters, selfId)) continue;
    const query: Query = { ...entry.query, filters, now: now.toISOString() };
    if (relevanceBound(query, doc, stats, config) < s.threshold - EPSILON) continue;

    // The record may reach the threshold: the full query decides, exactly as one by one. Subscriptions
    // with the same source, filters and direction (the same interest saved by several people, or with
    // several thresholds) share one query: its result does not depend on who asks.
    const same = `${direction}|${s.sourceKind}|${s.source_key}|${JSON.stringify(s.filters ?? {})}`;
    let m = decided.get(same);
    if (m === undefined) {
      fullQueries += 1;
      const matches = await runMatch(db, { target: kind, direction, source: entry.source, filters: s.filters as MatchFilters, limit: HIT_POOL, now, stats });
      m = matches.find((x) => x.id === id) ?? null;
      decided.set(same, m);
    }
    if (!m) continue;
    const relevance = relevanceOf(m.score, ENGINE_DIRECTION[direction]);
    if (relevance < s.threshold) continue;
    if (await recordHit(db, s, { kind, id, title: record.title }, relevance, m.explanation, now)) hits += 1;
  }
  // Subscriptions gone (deleted, switched off, already hit) leave the cache; they are rebuilt if they come back.
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  onStats?.({ subscriptions: subs.length, fullQueries, hits });
  return hits;
}
