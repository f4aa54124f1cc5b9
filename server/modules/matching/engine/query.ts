import { segmenter, type Segmenter } from '../../search/index.js';
import { charKey, hanChars } from './chars.js';
import type { MatchConfig } from './config.js';
import type { CorpusStats } from './corpus-stats.js';
import { projectSynonyms, type Synonyms } from './synonyms.js';
import type { Direction, Facets, Filters, MatchDoc, Query, QueryTerm } from './types.js';

/** What a query is made from: free text (a title and/or a longer description) or a record. */
export type QuerySource =
  | { text: string; title?: string }
  | { doc: MatchDoc };

export type BuildQueryInput = {
  direction: Direction;
  source: QuerySource;
  /** The asking side's facets (a record's own facets are used when the source is a record and this is omitted). */
  facets?: Facets;
  filters?: Filters;
  /** ISO time used for freshness; pass the clock's now. */
  now: string;
};

export type QueryContext = { stats: CorpusStats; config: MatchConfig; synonyms?: Synonyms; seg?: Segmenter };

function asText(v: string | readonly string[] | null | undefined): string {
  if (v == null) return '';
  return typeof v === 'string' ? v : v.join('，');
}

/**
 * Turns a text or a record into weighted query terms:
 * 1. tokenise like the index (search mode), words of the title (and a record's
 *    keywords) counting `titleWeight` times a word of the body;
 * 2. saturate repeats (BM25's k3) so a long description's repeated word does
 *    not drown the rest;
 * 3. boost the text's TF-IDF keywords (jieba's IDF table, project dictionary),
 *    which picks the characteristic words of a long description;
 * 4. keep the `maxTerms` terms with the highest weight × corpus idf (words
 *    no record contains last: they cannot match);
 * 5. add synonyms of the kept terms at `synonymWeight` of their weight;
 * 6. add the Han characters of the kept terms at `charWeight` (chars.ts).
 */
export function buildQuery(input: BuildQueryInput, ctx: QueryContext): Query {
  const { config, stats } = ctx;
  const seg = ctx.seg ?? segmenter();
  const synonyms = ctx.synonyms ?? projectSynonyms();
  const q = config.query;

  let title: string;
  let body: string;
  let facets: Facets;
  let selfId: string | undefined;
  if ('doc' in input.source) {
    const d = input.source.doc;
    title = [asText(d.fields.title), asText(d.fields.keywords)].filter(Boolean).join('，');
    body = [asText(d.fields.body), asText(d.fields.indicators)].filter(Boolean).join('\n');
    facets = input.facets ?? d.facets;
    selfId = d.id;
  } else {
    title = input.source.title ?? '';
    body = input.source.text;
    facets = input.facets ?? {};
  }

  const qtf = new Map<string, number>();
  for (const t of seg.tokensForIndex(title)) qtf.set(t, (qtf.get(t) ?? 0) + q.titleWeight);
  for (const t of seg.tokensForIndex(body)) qtf.set(t, (qtf.get(t) ?? 0) + 1);

  const fullText = [title, body].filter(Boolean).join('\n');
  const kws = q.keywordsTopK > 0 ? seg.keywords(fullText, q.keywordsTopK) : [];
  const maxKw = Math.max(...kws.map((k) => k.weight), 0);
  const kwNorm = new Map(kws.map((k) => [k.keyword, maxKw > 0 ? k.weight / maxKw : 0]));

  const weighted: QueryTerm[] = [];
  for (const [term, n] of qtf) {
    const saturated = q.k3 > 0 ? ((q.k3 + 1) * n) / (q.k3 + n) : 1;
    weighted.push({ term, weight: saturated * (1 + q.keywordBoost * (kwNorm.get(term) ?? 0)), source: 'text' });
  }
  // A word no record contains (a name, a number, a typo) has the highest idf
  // but can match nothing: it goes last, so it never takes the place of a
  // word that can (in maxTerms, and in the candidate query's strongest words).
  const absent = (t: QueryTerm) => stats.n > 0 && stats.docFreq(t.term) === 0;
  weighted.sort((a, b) => Number(absent(a)) - Number(absent(b)) || b.weight * stats.idf(b.term) - a.weight * stats.idf(a.term) || cmp(a.term, b.term));
  const kept = weighted.slice(0, q.maxTerms);

  const present = new Set(kept.map((t) => t.term));
  const expansions: QueryTerm[] = [];
  if (q.synonymWeight > 0) {
    for (const t of kept) {
      for (const variant of synonyms.of(t.term)) {
        for (const lexeme of variant) {
          if (present.has(lexeme)) continue;
          present.add(lexeme);
          expansions.push({ term: lexeme, weight: (t.weight * q.synonymWeight) / variant.length, source: 'synonym', of: t.term });
        }
      }
    }
  }

  // Character backoff: the Han characters of the kept words, at charWeight of the strongest word holding each.
  if (q.charWeight > 0) {
    const chars = new Map<string, number>();
    for (const t of kept) for (const c of hanChars(t.term)) chars.set(c, Math.max(chars.get(c) ?? 0, t.weight));
    for (const [c, w] of chars) {
      const key = charKey(c);
      // As for words: a character no record holds can match nothing.
      if (stats.n > 0 && stats.docFreq(key) === 0) continue;
      expansions.push({ term: key, weight: w * q.charWeight, source: 'char' });
    }
  }

  // Neighbouring words of the text, both kept: a record that has them close
  // together says the same thing, not just the same words (proximity in bm25.ts).
  const pairs: [string, string][] = [];
  const seenPairs = new Set<string>();
  for (const part of [title, body]) {
    const words = seg.queryTerms(part).map((t) => t.term);
    for (let i = 1; i < words.length && pairs.length < config.proximity.maxPairs; i++) {
      const a = words[i - 1]!;
      const b = words[i]!;
      const key = `${a} ${b}`;
      if (a === b || seenPairs.has(key) || !present.has(a) || !present.has(b)) continue;
      seenPairs.add(key);
      pairs.push([a, b]);
    }
  }

  return {
    direction: input.direction,
    terms: [...kept, ...expansions],
    pairs,
    keywords: kws.map((k) => k.keyword),
    ...(title ? { title } : {}),
    facets,
    filters: input.filters ?? {},
    ...(selfId !== undefined ? { selfId } : {}),
    now: input.now,
  };
}

/** Code-point order, so ties break the same way everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
