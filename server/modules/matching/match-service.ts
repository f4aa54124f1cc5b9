import { sql } from 'drizzle-orm';
import type { MatchDirection, MatchFilters, MatchItem, MatchKind } from '../../../shared/contracts/matching.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { findListing, findRevision, type ListingRow } from '../catalog/repository.js';
import { engineFilters, listingDoc, tableSpec } from './adapters.js';
import {
  buildQuery,
  loadMatchConfig,
  match,
  PgCandidateSource,
  weightsFor,
  type CorpusStats,
  type Direction,
  type Match,
  type MatchConfig,
  type MatchDoc,
  type Query,
  type SqlExecutor,
} from './engine/index.js';
import { termStats } from './term-stats.js';

/**
 * The matching service over the catalog: builds the engine's query from free
 * text or a listing, retrieves candidates from the published records of the
 * other kind (filters in SQL), re-ranks and explains, and names the results.
 */

/** The engine direction for an API direction (free text → demands ranks like an achievement asking). */
export const ENGINE_DIRECTION: Record<Exclude<MatchDirection, 'achievement-enterprises'>, Direction> = {
  'demand-achievements': 'demand-achievements',
  'achievement-demands': 'achievement-demands',
  'achievement-similar': 'achievement-similar',
  'text-achievements': 'text-achievements',
  'text-demands': 'achievement-demands',
};

/** The most a record can score in a direction: every factor at its full weight (text 1). */
export function maxScore(direction: Direction): number {
  return Object.values(weightsFor(loadMatchConfig(), direction)).reduce((s, w) => s + w, 0);
}

/** score → 0–1 relevance (what thresholds and the web's percentage use). */
export function relevanceOf(score: number, direction: Direction): number {
  const max = maxScore(direction);
  return max > 0 ? Math.min(1, score / max) : 0;
}

export type ListingQuery = { kind: MatchKind; row: ListingRow; doc: MatchDoc };

/**
 * The listing a request asks matches for. Published: anyone. Not published
 * (draft, submitted, withdrawn…): only those who may read it (its
 * organisation, the bureau), from its latest content; everyone else gets
 * NOT_FOUND, exactly as for an unknown id.
 */
export async function listingForQuery(db: DbOrTx, actor: Actor, kind: MatchKind, id: string): Promise<ListingQuery> {
  return loadListingQuery(db, kind, id, (row) => can(actor, 'read', kind, { organisationId: row.organisationId }));
}

/** The same, with the rule for unpublished listings given by the caller (a subscription: its owner's organisation). */
export async function loadListingQuery(db: DbOrTx, kind: MatchKind, id: string, mayReadUnpublished: (row: ListingRow) => boolean): Promise<ListingQuery> {
  const row = await findListing(db, kind, id);
  if (!row) throw new AppError('NOT_FOUND');
  const published = row.status === 'published' && row.publishedRevisionId;
  if (!published && !mayReadUnpublished(row)) throw new AppError('NOT_FOUND');
  const revisionId = published ? row.publishedRevisionId : (row.pendingRevisionId ?? row.publishedRevisionId);
  const revision = revisionId ? await findRevision(db, revisionId) : null;
  const content = (revision?.content ?? {}) as Record<string, unknown>;
  return { kind, row, doc: listingDoc(kind, { id: row.id, externalId: row.externalId, title: row.title, content, publishedAt: row.publishedAt }) };
}

type RunInput = {
  /** The kind of records returned. */
  target: MatchKind;
  direction: Exclude<MatchDirection, 'achievement-enterprises'>;
  source: { text: string } | { doc: MatchDoc };
  filters?: MatchFilters;
  limit: number;
  now: Date;
  /** The target's corpus statistics when the caller already holds them (the batched subscription check: one set for all). */
  stats?: CorpusStats;
  /** Another configuration than the deployed one (offline evaluation of a weights change, feedback-evaluation.ts). */
  config?: MatchConfig;
};

/** Retrieval and re-ranking; returns the engine's matches (ids, scores, explanations). */
export async function runMatch(db: Db, input: RunInput): Promise<Match[]> {
  const config = input.config ?? loadMatchConfig();
  const stats = input.stats ?? (await termStats(db, input.target));
  const direction = ENGINE_DIRECTION[input.direction];
  const selfId = 'doc' in input.source ? input.source.doc.id : undefined;
  const query = buildQuery(
    {
      direction,
      source: input.source,
      filters: engineFilters(input.filters, selfId ? [selfId] : undefined),
      now: input.now.toISOString(),
    },
    { stats, config },
  );
  const source = new PgCandidateSource(db as unknown as SqlExecutor, tableSpec(input.target, input.filters), config, stats);
  return match(preferKnownTerms(query, stats), source, stats, config, { limit: input.limit });
}

/**
 * The engine orders query words by weight × idf and retrieves candidates with
 * the first `retrieval.keywords` of them; a word no record contains has the
 * largest idf, so in a small catalog a long description's absent words fill
 * that list and nothing it shares is retrieved. Words the corpus knows go
 * first (order otherwise kept); absent words stay in the query (a record
 * published since the statistics were rebuilt may have them) and still count
 * in the scoring, which does not depend on the order. Reported to the
 * engine's owner; a no-op once the engine prefers them itself.
 */
export function preferKnownTerms(query: Query, stats: CorpusStats): Query {
  if (stats.n === 0) return query;
  const text = query.terms.filter((t) => t.source === 'text');
  const known = text.filter((t) => stats.docFreq(t.term) > 0);
  if (known.length === text.length || known.length === 0) return query;
  const absent = text.filter((t) => stats.docFreq(t.term) === 0);
  return { ...query, terms: [...known, ...absent, ...query.terms.filter((t) => t.source !== 'text')] };
}

/** Titles and organisations of matched records, in the matches' order. */
export async function nameMatches(db: DbOrTx, kind: MatchKind, direction: MatchDirection, matches: Match[]): Promise<MatchItem[]> {
  if (matches.length === 0) return [];
  const table = sql.raw(kind === 'achievement' ? 'achievements' : 'demands');
  const r = await db.execute<{ id: string; title: string; organisation_id: string; organisation_name: string }>(sql`
    SELECT l.id, l.title, l.organisation_id, o.name AS organisation_name
    FROM ${table} l JOIN organisations o ON o.id = l.organisation_id
    WHERE l.id = ANY(${sql.param(matches.map((m) => m.id))}::uuid[])`);
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  const engineDirection = direction === 'achievement-enterprises' ? 'achievement-demands' : ENGINE_DIRECTION[direction];
  return matches.flatMap((m) => {
    const row = byId.get(m.id);
    if (!row) return [];
    return [
      {
        id: m.id,
        externalId: m.externalId,
        score: m.score,
        explanation: m.explanation,
        kind,
        title: row.title,
        organisation: { id: row.organisation_id, name: row.organisation_name },
        relevance: relevanceOf(m.score, engineDirection),
      },
    ];
  });
}

/**
 * Enterprises likely to need an achievement: the organisations behind the
 * best-matching demands, each scored by its best demand (whose explanation
 * it carries), ties broken by how many of its demands matched.
 */
export function enterprisesOf(items: MatchItem[], limit: number): MatchItem[] {
  const byOrg = new Map<string, MatchItem>();
  for (const item of items) {
    const org = item.organisation!;
    const seen = byOrg.get(org.id);
    if (seen) {
      seen.matchedRecords = (seen.matchedRecords ?? 1) + 1;
      continue;
    }
    byOrg.set(org.id, { ...item, id: org.id, externalId: null, kind: 'organisation', title: org.name, matchedRecords: 1 });
  }
  return [...byOrg.values()]
    .sort((a, b) => b.score - a.score || (b.matchedRecords ?? 0) - (a.matchedRecords ?? 0) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}
