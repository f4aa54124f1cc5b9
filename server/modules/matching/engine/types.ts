/**
 * Plain data the matching engine works on. Nothing here knows about tables or
 * routes: the catalog (or a benchmark) maps its records onto MatchDoc, and the
 * engine returns Match objects with their explanations.
 */

/** The text fields the engine weighs separately (BM25F), in tsvector weight order A–D. */
export const FIELDS = ['title', 'keywords', 'body', 'indicators'] as const;
export type Field = (typeof FIELDS)[number];

/** A record's text: title, keywords, abstract or problem description, technical indicators. */
export type DocFields = Partial<Record<Field, string | readonly string[] | null>>;

/**
 * Term frequencies per field and each field's length in tokens; optionally
 * each term's positions over the whole record (fields numbered on from one
 * another, as in the tsvector), for the proximity of query word pairs.
 */
export type FieldTerms = { tf: Record<Field, ReadonlyMap<string, number>>; len: Record<Field, number>; pos?: ReadonlyMap<string, readonly number[]> };

/**
 * Structured attributes of a record. Codes are the catalog's: GB/T 4754
 * section letters and division codes, tech-field codes (F04.05), GB/T 2260
 * region codes, cooperation/transfer mode codes. Anything missing is simply
 * not used (no penalty, no boost).
 */
export type Facets = {
  /** GB/T 4754 section letters; a demand may name several. */
  industrySections?: readonly string[];
  industryDivision?: string;
  techField?: string;
  /** The top-level field of techField (F04 for F04.05), when the adapter knows it. */
  techFieldTop?: string;
  /** What a demand accepts (cooperationMode codes). */
  cooperationModes?: readonly string[];
  /** What an achievement offers (transferMode codes). */
  transferModes?: readonly string[];
  /** Technology readiness level 1–9. */
  trl?: number;
  /** early | middle | mature (used when trl is missing). */
  stage?: string;
  /** Asking price in fen; undefined = negotiable / unknown. */
  priceFen?: number;
  /** A demand's budget in fen. */
  budget?: { minFen?: number; maxFen?: number };
  regionCode?: string;
  /** ISO date or date-time. */
  publishedAt?: string;
};

/** One record to be ranked. `terms` (precomputed, e.g. parsed from the stored tsvector) saves tokenising `fields` again. */
export type MatchDoc = {
  id: string;
  externalId?: string | null;
  fields: DocFields;
  facets: Facets;
  terms?: FieldTerms;
};

/** Which way a match goes; decides the facet rules (who offers, who asks). */
export type Direction = 'demand-achievements' | 'achievement-demands' | 'achievement-similar' | 'text-achievements';

/** Hard filters: a record failing any is never returned. */
export type Filters = {
  industrySections?: readonly string[];
  techFields?: readonly string[];
  /** Region code prefixes (620000 province, 620600 city, 620602 district): trailing zeros ignored. */
  regionCodes?: readonly string[];
  transferModes?: readonly string[];
  cooperationModes?: readonly string[];
  minTrl?: number;
  maxPriceFen?: number;
  excludeIds?: readonly string[];
};

/** A weighted query term. `source` says why it is in the query (for explanations). */
export type QueryTerm = {
  term: string;
  weight: number;
  /** `char`: a Han character of the query's words, as a pseudo-term (chars.ts). */
  source: 'text' | 'synonym' | 'char';
  /** the query word a synonym stands for */
  of?: string;
};

/** What to match against: weighted terms, the asking side's facets, filters. */
export type Query = {
  direction: Direction;
  terms: QueryTerm[];
  /** The TF-IDF keywords of the query text (for candidate retrieval and explanations). */
  keywords: string[];
  /** Neighbouring word pairs of the query text (precise mode), for proximity. */
  pairs: [string, string][];
  /** The query's title (for trigram candidate retrieval), when it has one. */
  title?: string;
  facets: Facets;
  filters: Filters;
  /** The id of the query record (never matched with itself). */
  selfId?: string;
  /** "Now" for freshness; fixed by the caller so ranking is deterministic. */
  now: string;
};

/** A factor of the score: its share (0–1) and what it means, in both languages. */
export type Factor = { key: FactorKey; share: number; value: number; zh: string; en: string };
export type FactorKey = 'text' | 'industry' | 'techField' | 'cooperation' | 'readiness' | 'budget' | 'region' | 'freshness';

/** A facet that agreed (or partly agreed), named for users. */
export type MatchedFacet = { key: FactorKey; fit: 'full' | 'partial'; zh: string; en: string };

export type Explanation = {
  factors: Factor[];
  matchedTerms: string[];
  matchedFacets: MatchedFacet[];
  summary: { zh: string; en: string };
};

export type Match = { id: string; externalId: string | null; score: number; explanation: Explanation };
