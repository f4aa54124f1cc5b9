import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FIELDS, type Direction, type FactorKey } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Where the weights live: configuration, not code. */
export const MATCHING_CONFIG_FILE = path.join(ROOT, 'config', 'matching.json');

const PerField = z.object(Object.fromEntries(FIELDS.map((f) => [f, z.number().min(0)])) as Record<(typeof FIELDS)[number], z.ZodNumber>);
const FACTOR_KEYS = ['text', 'industry', 'techField', 'cooperation', 'readiness', 'budget', 'region', 'freshness'] as const satisfies readonly FactorKey[];
const Weights = z.object(Object.fromEntries(FACTOR_KEYS.map((k) => [k, z.number().min(0)])) as Record<FactorKey, z.ZodNumber>);

export const MatchConfig = z.object({
  bm25: z.object({
    /** Term-frequency saturation. */
    k1: z.number().positive(),
    /** How much a match in each field counts (BM25F field weights). */
    fieldWeights: PerField,
    /** Length normalisation per field (0 = none, 1 = full). */
    b: PerField,
  }),
  query: z.object({
    /** Query terms kept after weighting (highest weight × idf first). */
    maxTerms: z.number().int().positive(),
    /** A word in the query's title counts this many times a word of its body. */
    titleWeight: z.number().positive(),
    /** Saturation of repeated words in long queries (BM25's k3). */
    k3: z.number().min(0),
    /** TF-IDF keywords taken from the query text. */
    keywordsTopK: z.number().int().min(0),
    /** Extra weight of a query word that is among those keywords (× its normalised TF-IDF). */
    keywordBoost: z.number().min(0),
    /** Weight of a synonym relative to the word it stands for. */
    synonymWeight: z.number().min(0).max(1),
    /**
     * Character backoff (chars.ts): each Han character of the kept words joins
     * the query at this fraction of the strongest word containing it, so a
     * record saying the same thing in other words of the same characters
     * (口唇 / 唇部) still scores. 0 = words only.
     */
    charWeight: z.number().min(0).max(1).default(0),
  }),
  retrieval: z.object({
    /** Query keywords (plus synonyms) in the candidate OR query. */
    keywords: z.number().int().positive(),
    /**
     * A word in at most this fraction of the records is "selective": a second
     * candidate list matches only those words (ts_rank has no idf, so records
     * sharing only common words like 研究, 方法 can crowd out the one sharing
     * the rare words). All words still count in the re-ranking.
     */
    maxDocFrequency: z.number().min(0).max(1),
    /** Size of that second list (0: off). */
    selectiveLimit: z.number().int().min(0),
    /** Candidates fetched by the cheap SQL rank. */
    limit: z.number().int().positive(),
    /**
     * When the first list's words are expected (from the corpus statistics) to
     * match at most this many records, all of them are re-ranked instead of the
     * best `limit` by ts_rank, which has no idf (0: always `limit`). The cut only
     * bounds cost; below this size there is nothing to save by it.
     */
    rankAll: z.number().int().min(0).default(0),
    /**
     * Ranking budget of each candidate list: PostgreSQL ranks every record the
     * list's filter matches, so the filter's words are chosen (from the corpus
     * statistics) to match about this many records at most, whatever the
     * corpus size; the rows actually ranked are capped at twice this.
     */
    maxRanked: z.number().int().positive().default(4000),
    /** When every word alone is too common for the budget: pairs of the first this-many words must occur together. */
    pairTerms: z.number().int().min(2).default(8),
    /** Extra candidates by title similarity (pg_trgm). */
    trigramLimit: z.number().int().min(0),
    trigramThreshold: z.number().min(0).max(1),
  }),
  proximity: z.object({
    /** Weight of a neighbouring query word pair found close together, relative to a single word's BM25. */
    weight: z.number().min(0),
    /** How close counts: the two words within this many index positions (search mode adds a word's parts in between). */
    window: z.number().int().positive(),
    /** Pairs taken from a query (long texts: the first ones of title and body). */
    maxPairs: z.number().int().min(0),
    /**
     * A pair's idf: `mean` of its two words', or `min` (the commoner word's): a pair with a
     * word found everywhere (性能, 影响, 研究) is found close together by habit (器件性能) in
     * many records and says little about this one. `pair`: the idf of the pair's own document
     * frequency (records with the two words within the window), estimated from the candidates
     * (bm25.ts pairIdfsFrom).
     */
    pairIdf: z.enum(['mean', 'min', 'pair']).default('mean'),
    /** Scale the proximity bonus by the share of the query's idf the record matches (0–1), so close pairs cannot lift a record that shares little of the query. */
    coverage: z.boolean().default(false),
    /**
     * Proximity re-orders; it does not choose. With depth N > 0 the bonus counts only for the
     * best N candidates by their word score (rank.ts), so a record below them is never lifted
     * among them by close pairs alone. 0: the bonus counts for every candidate.
     */
    depth: z.number().int().min(0).default(0),
  }),
  text: z.object({
    /**
     * Text scores are divided by the best candidate's, but never by less than
     * this fraction of the query's ideal score, so a weak best match is not
     * inflated to 100 %.
     */
    minReference: z.number().min(0).max(1),
  }),
  weights: Weights,
  /** Per-direction overrides of `weights`. */
  directions: z.record(z.string(), z.object({ weights: Weights.partial() })).default({}),
  freshness: z.object({ halfLifeDays: z.number().positive() }),
  /** TRL assumed for a stage when a record gives no TRL. */
  trlByStage: z.record(z.string(), z.number().int().min(1).max(9)),
  explanation: z.object({ maxTerms: z.number().int().positive() }),
});
export type MatchConfig = z.infer<typeof MatchConfig>;

let cached: MatchConfig | null = null;

/** Reads and validates config/matching.json (cached per process unless a path is given). */
export function loadMatchConfig(file: string = MATCHING_CONFIG_FILE): MatchConfig {
  if (cached && file === MATCHING_CONFIG_FILE) return cached;
  const parsed = MatchConfig.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (file === MATCHING_CONFIG_FILE) cached = parsed;
  return parsed;
}

/** The factor weights for a direction: the defaults with that direction's overrides. */
export function weightsFor(config: MatchConfig, direction: Direction): Record<FactorKey, number> {
  return { ...config.weights, ...(config.directions[direction]?.weights ?? {}) };
}
