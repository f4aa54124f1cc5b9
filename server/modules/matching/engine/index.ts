/**
 * The matching engine: candidate retrieval (PostgreSQL, any table with a
 * search-library tsvector) and re-ranking in TypeScript (BM25F with corpus
 * statistics, synonyms, facet agreement), every match explained.
 * Pure library: no routes, no tables of its own.
 * See docs/decisions/0015-matching-engine.md.
 */
import type { MatchConfig } from './config.js';
import type { CandidateSource } from './candidates.js';
import type { CorpusStats } from './corpus-stats.js';
import { rank, type RankOptions } from './rank.js';
import type { Match, Query } from './types.js';

export { analyzeFields, countTerms, fieldTf, termsOf } from './analyze.js';
export { CHAR_MARK, charKey, charDfSql, HAN_CLASS_SQL, hanChars, isCharKey } from './chars.js';
export { bm25f, idealScore, pairIdfsFrom, pairKey, type TextScore } from './bm25.js';
export { PgCandidateSource, retrievalTerms, termsFromTsvector, type CandidateSource, type SqlExecutor, type TableSpec } from './candidates.js';
export { loadMatchConfig, MatchConfig, MATCHING_CONFIG_FILE, weightsFor } from './config.js';
export { CorpusStats, type CorpusStatsJson } from './corpus-stats.js';
export { explain, FACTOR_LABELS } from './explain.js';
export { facetValues, passesFilters, regionPrefix, type FacetValue, type FacetValues } from './facets.js';
export { buildQuery, type BuildQueryInput, type QueryContext, type QuerySource } from './query.js';
export { rank, type RankOptions } from './rank.js';
export { corpusStatsFromTable } from './pg-stats.js';
export { projectSynonyms, resetProjectSynonyms, Synonyms, SYNONYMS_FILE } from './synonyms.js';
export * from './types.js';

/**
 * Retrieval then re-ranking: the whole engine for one query. `limit` bounds
 * the returned matches; the candidate pool size comes from the configuration.
 */
export async function match(
  query: Query,
  source: CandidateSource,
  stats: CorpusStats,
  config: MatchConfig,
  opts: RankOptions = {},
): Promise<Match[]> {
  const candidates = await source.candidates(query);
  return rank(query, candidates, stats, config, opts);
}
