import { charKey, hanChars, isCharKey } from './chars.js';
import type { MatchConfig } from './config.js';
import type { CorpusStats } from './corpus-stats.js';
import { FIELDS, type FieldTerms, type QueryTerm } from './types.js';

/** `score` includes `proximity`, the part from close query word pairs. */
export type TextScore = { score: number; perTerm: Map<string, number>; proximity: number };

/**
 * Field-weighted BM25 (BM25F): each query term's frequencies in the fields are
 * length-normalised per field, weighted, summed, and then saturated once, so
 * a word in the title and again in the abstract is one strong match rather
 * than two independent ones.
 *
 * One deliberate difference from the textbook: a field's length counts only
 * the tokens that are NOT query terms. Length normalisation is meant to
 * discount verbose texts, not the matches themselves; counting this way makes
 * the score strictly increase with every added occurrence of a query term
 * (property-tested), at a negligible change in ranking.
 *
 * Character pseudo-terms (chars.ts) count a record's characters outside the
 * query's own words only: a record holding 唇部 earns the query word 口唇's 唇,
 * one holding 口唇 earns the word and nothing more for its characters.
 *
 * Plus proximity: neighbouring query words found close together (see proximity).
 */
export function bm25f(
  terms: readonly QueryTerm[],
  doc: FieldTerms,
  stats: CorpusStats,
  config: MatchConfig,
  pairs: readonly (readonly [string, string])[] = [],
  pairIdfs?: ReadonlyMap<string, number>,
): TextScore {
  return textScorer(terms, stats, config, pairs, pairIdfs)(doc);
}

/**
 * bm25f for one query over many records: what depends only on the query (its
 * words, their idf, which words hold which characters) is worked out once,
 * and the returned function scores each record. The re-ranking scores a few
 * thousand candidates per query with it.
 */
export function textScorer(
  terms: readonly QueryTerm[],
  stats: CorpusStats,
  config: MatchConfig,
  pairs: readonly (readonly [string, string])[] = [],
  pairIdfs?: ReadonlyMap<string, number>,
): (doc: FieldTerms) => TextScore {
  const { k1, fieldWeights, b } = config.bm25;
  // Words only: a character pseudo-term is not a token of the field's length.
  const queryLexemes = [...new Set(terms.filter((t) => !isCharKey(t.term)).map((t) => t.term))];
  const inWords = charsInWords(queryLexemes);
  const weighted = terms.map(({ term, weight }) => ({ term, within: inWords.get(term), scale: weight * stats.idf(term) }));
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  const avgLength = Object.fromEntries(FIELDS.map((f) => [f, stats.avgLength(f)])) as Record<(typeof FIELDS)[number], number>;
  return (doc) => {
    const norm = {} as Record<(typeof FIELDS)[number], number>;
    for (const f of FIELDS) {
      let matched = 0;
      const tfs = doc.tf[f];
      for (const t of queryLexemes) matched += tfs.get(t) ?? 0;
      const len = Math.max(0, doc.len[f] - matched);
      // Floor: with b = 1 an all-match field would otherwise divide by zero.
      norm[f] = Math.max(1 - b[f] + (b[f] * len) / avgLength[f], 0.1);
    }
    const perTerm = new Map<string, number>();
    let score = 0;
    for (const { term, within, scale } of weighted) {
      let tf = 0;
      for (const f of FIELDS) {
        let n = doc.tf[f].get(term) ?? 0;
        // A character counts only outside the query's own words: backoff for the words a record lacks, not a second score for those it has.
        if (n && within) for (const [word, k] of within) n -= k * (doc.tf[f].get(word) ?? 0);
        if (n > 0) tf += (fieldWeights[f] * n) / norm[f];
      }
      if (tf === 0) continue;
      const s = (scale * ((k1 + 1) * tf)) / (k1 + tf);
      perTerm.set(term, (perTerm.get(term) ?? 0) + s);
      score += s;
    }
    let prox = proximity(pairs, weights, doc, stats, config, pairIdfs);
    if (prox > 0 && config.proximity.coverage) {
      // Share of the query's idf mass the record matches (0–1): more matched words, more of the bonus.
      let all = 0;
      let got = 0;
      for (const { term, scale } of weighted) {
        all += scale;
        if (perTerm.has(term)) got += scale;
      }
      prox *= all > 0 ? got / all : 0;
    }
    score += prox;
    return { score, perTerm, proximity: prox };
  };
}

/** For each character pseudo-term, the query words holding that character and how many times. */
function charsInWords(words: Iterable<string>): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const w of words) {
    const counts = new Map<string, number>();
    for (const c of hanChars(w)) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const [c, k] of counts) {
      const key = charKey(c);
      const list = out.get(key);
      if (list) list.push([w, k]);
      else out.set(key, [[w, k]]);
    }
  }
  return out;
}

/**
 * Sequential-dependence style proximity: for each neighbouring pair of query
 * words, how often they occur within `window` positions of each other in the
 * record, saturated like a term frequency and weighted by the pair's mean idf.
 * Needs positions (from the tsvector or analyzeFields); without them it is 0.
 * Only ever adds: more occurrences can only make more close pairs.
 */
function proximity(
  pairs: readonly (readonly [string, string])[],
  weights: ReadonlyMap<string, number>,
  doc: FieldTerms,
  stats: CorpusStats,
  config: MatchConfig,
  pairIdfs?: ReadonlyMap<string, number>,
): number {
  const { weight, window, pairIdf } = config.proximity;
  if (weight === 0 || !doc.pos || pairs.length === 0) return 0;
  const k1 = config.bm25.k1;
  let s = 0;
  for (const [a, b] of pairs) {
    const n = closeCount(doc, a, b, window);
    if (n === 0) continue;
    const qw = ((weights.get(a) ?? 0) + (weights.get(b) ?? 0)) / 2;
    const mean = (stats.idf(a) + stats.idf(b)) / 2;
    const idf = pairIdf === 'min' ? Math.min(stats.idf(a), stats.idf(b)) : pairIdf === 'pair' ? (pairIdfs?.get(pairKey(a, b)) ?? mean) : mean;
    s += weight * qw * idf * ((k1 + 1) * n) / (k1 + n);
  }
  return s;
}

/** How many of a's occurrences have some b within `window` positions (0 without positions). */
function closeCount(doc: FieldTerms, a: string, b: string, window: number): number {
  const pa = doc.pos?.get(a);
  const pb = doc.pos?.get(b);
  if (!pa || !pb) return 0;
  // Positions are sorted: two pointers.
  let n = 0;
  let j = 0;
  for (const p of pa) {
    while (j < pb.length && pb[j]! < p - window) j++;
    if (j < pb.length && pb[j]! <= p + window) n++;
  }
  return n;
}

export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

/**
 * `proximity.pairIdf: 'pair'`: each query pair weighed by its own document
 * frequency (records with the two words within the window), as the pair/phrase
 * idf of term-proximity models (BM25TP, Büttcher et al.): a pair found together
 * in many records (a set phrase of common words, 器件性能) earns little, a rare
 * adjacency much. The corpus statistics hold no positions, so the pair's df is
 * estimated from the candidates: the share of candidates containing the pair's
 * rarer word that also have the pair close, times that word's corpus df
 * (exact when the candidates hold every record with the rarer word; an
 * over-estimate, so a smaller bonus, when candidates lean to the query's words).
 * Returns the pair idfs keyed by `pairKey`; empty unless the option is on.
 */
export function pairIdfsFrom(
  pairs: readonly (readonly [string, string])[],
  docs: readonly FieldTerms[],
  stats: CorpusStats,
  config: MatchConfig,
): Map<string, number> {
  const out = new Map<string, number>();
  if (config.proximity.pairIdf !== 'pair' || config.proximity.weight === 0) return out;
  const n = stats.n;
  for (const [a, b] of pairs) {
    const key = pairKey(a, b);
    if (out.has(key)) continue;
    const rarer = stats.docFreq(b) < stats.docFreq(a) ? b : a;
    let withRarer = 0;
    let close = 0;
    for (const d of docs) {
      if (!d.pos?.has(rarer)) continue;
      withRarer++;
      if (closeCount(d, a, b, config.proximity.window) > 0) close++;
    }
    const df = Math.min(n, Math.max(close, withRarer > 0 ? (close * stats.docFreq(rarer)) / withRarer : 0));
    out.set(key, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return out;
}

/** The score a document matching every query term without limit would approach: the scale of "a perfect text match". */
export function idealScore(terms: readonly QueryTerm[], stats: CorpusStats, config: MatchConfig): number {
  let s = 0;
  for (const { term, weight } of terms) s += weight * stats.idf(term) * (config.bm25.k1 + 1);
  return s;
}
