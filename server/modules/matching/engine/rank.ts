import type { Segmenter } from '../../search/index.js';
import { termsOf } from './analyze.js';
import { idealScore, pairIdfsFrom, textScorer, type TextScore } from './bm25.js';
import { CHAR_MARK, isCharKey } from './chars.js';
import { weightsFor, type MatchConfig } from './config.js';
import type { CorpusStats } from './corpus-stats.js';
import { explain } from './explain.js';
import { facetValues, passesFilters, type FacetValues } from './facets.js';
import { cmp } from './query.js';
import type { FactorKey, Match, MatchDoc, Query } from './types.js';

export type RankOptions = { limit?: number; seg?: Segmenter };

/**
 * Re-ranks candidates for a query.
 *
 * score = w_text · text + Σ w_facet · facet, where text is the BM25F score
 * divided by the best candidate's (but by no less than `minReference` × the
 * query's ideal score, so a weak best match is not inflated), and each facet
 * value is 0–1 (not applicable: no term at all). Every addend is ≥ 0, so each
 * factor's share of the score is its addend over the sum.
 *
 * Records failing the query's filters (or the query record itself) are
 * dropped before anything else. Ties break by id: equal input, equal output.
 */
export function rank(query: Query, candidates: readonly MatchDoc[], stats: CorpusStats, config: MatchConfig, opts: RankOptions = {}): Match[] {
  const weights = weightsFor(config, query.direction);
  // Each candidate once; the pair statistics (proximity.pairIdf 'pair') are a corpus estimate, so
  // they count every distinct candidate, filtered or not (they decide no record's presence).
  const unique = new Map<string, { doc: MatchDoc; terms: ReturnType<typeof termsOf> }>();
  for (const doc of candidates) if (!unique.has(doc.id)) unique.set(doc.id, { doc, terms: termsOf(doc, opts.seg) });
  const pairIdfs = pairIdfsFrom(query.pairs, [...unique.values()].map((u) => u.terms), stats, config);
  const scoreText = textScorer(query.terms, stats, config, query.pairs, pairIdfs);
  const scored: { doc: MatchDoc; text: TextScore }[] = [];
  for (const { doc, terms } of unique.values()) {
    if (!passesFilters(doc, query.filters, query.selfId)) continue;
    scored.push({ doc, text: scoreText(terms) });
  }
  // proximity.depth: the bonus of close pairs counts only for the best `depth` records by their
  // words, so it re-orders those and never lifts a record from below them. (Decided on the words
  // alone, not on the normalised totals: adding a query word to a record then never lowers its
  // score, since another record can only lose its bonus.)
  const depth = config.proximity.depth;
  if (depth > 0 && scored.length > depth) {
    const words = (s: { text: TextScore }) => s.text.score - s.text.proximity;
    const byWords = [...scored].sort((a, b) => words(b) - words(a) || cmp(a.doc.id, b.doc.id));
    for (const s of byWords.slice(depth)) s.text = { ...s.text, score: words(s), proximity: 0 };
  }
  const best = Math.max(0, ...scored.map((s) => s.text.score));
  const reference = Math.max(best, config.text.minReference * idealScore(query.terms, stats, config), Number.MIN_VALUE);
  const surface = new Map(query.terms.map((t) => [t.term, t.source === 'synonym' && t.of ? `${t.term}（${t.of}）` : t.term]));

  const totals = scored.map(({ doc, text }) => {
    const facets: FacetValues = facetValues(query, doc, config);
    const textValue = text.score / reference;
    const contributions: Partial<Record<FactorKey, number>> = { text: weights.text * textValue };
    for (const [key, v] of Object.entries(facets) as [keyof FacetValues, { value: number }][]) {
      contributions[key] = weights[key] * v.value;
    }
    const score = Object.values(contributions).reduce((s, v) => s + (v ?? 0), 0);
    return { doc, text, facets, textValue, contributions, score };
  });
  totals.sort((a, b) => b.score - a.score || cmp(a.doc.id, b.doc.id));
  // Explanations (wording in two languages) only for the matches returned.
  const kept = opts.limit !== undefined ? totals.slice(0, opts.limit) : totals;
  return kept.map(({ doc, text, facets, textValue, contributions, score }) => {
    // Words for people; a record sharing no word but some characters (口唇 / 唇部) lists those characters.
    const words = [...text.perTerm].filter(([t]) => !isCharKey(t));
    const matchedTerms = (words.length > 0 ? words : [...text.perTerm].map(([t, s]) => [t.slice(CHAR_MARK.length), s] as [string, number]))
      .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
      .slice(0, config.explanation.maxTerms)
      .map(([t]) => surface.get(t) ?? t);
    return { id: doc.id, externalId: doc.externalId ?? null, score, explanation: explain(contributions, facets, matchedTerms, textValue) };
  });
}
