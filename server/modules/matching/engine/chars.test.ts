import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tsvectorText } from '../../search/index.js';
import { analyzeFields } from './analyze.js';
import { bm25f } from './bm25.js';
import { retrievalTerms, termsFromTsvector } from './candidates.js';
import { charKey, hanChars, isCharKey } from './chars.js';
import type { MatchConfig } from './config.js';
import { CorpusStats } from './corpus-stats.js';
import { buildQuery } from './query.js';
import { rank } from './rank.js';
import { config, docOf, queryOf, termsFrom } from './test-support.js';

const NOW = '2026-06-01T00:00:00Z';
const withChars = (w: number): MatchConfig => ({ ...config, query: { ...config.query, charWeight: w } });

describe('character backoff', () => {
  it('counts only Han characters, each occurrence', () => {
    expect(hanChars('OLED器件2代器')).toEqual(['器', '件', '代', '器']);
    expect(hanChars('drip irrigation')).toEqual([]);
  });

  it('a record counts the characters of its words, and the statistics the records holding each', () => {
    const a = termsFrom({ title: ['唇部'], body: ['硬结', '唇部'] });
    const b = termsFrom({ body: ['口唇'] });
    expect(a.tf.body.get(charKey('唇'))).toBe(1);
    expect(a.tf.title.get(charKey('部'))).toBe(1);
    expect(a.len.body).toBe(2); // characters are not tokens of the length
    const s = CorpusStats.from([a, b, termsFrom({ body: ['外阴'] })]);
    expect(s.docFreq(charKey('唇'))).toBe(2);
    expect(s.docFreq(charKey('硬'))).toBe(1);
  });

  it('the tsvector scanner counts characters as analyzeFields does, and with query lexemes only the query\'s characters', () => {
    const fields = { title: '口唇溃疡', body: '唇部硬结，外阴溃疡。唇部肿胀' };
    const tokens = analyzeFields(fields);
    const seg = { A: [...tokens.tf.title].flatMap(([t, n]) => (isCharKey(t) ? [] : Array<string>(n).fill(t))), C: [...tokens.tf.body].flatMap(([t, n]) => (isCharKey(t) ? [] : Array<string>(n).fill(t))) };
    const all = termsFromTsvector(tsvectorText(seg));
    for (const f of ['title', 'body'] as const) for (const [t, n] of tokens.tf[f]) if (isCharKey(t)) expect(all.tf[f].get(t)).toBe(n);
    const some = termsFromTsvector(tsvectorText(seg), new Set(['溃疡', charKey('唇')]));
    expect(some.tf.body.get(charKey('唇'))).toBe(2);
    expect(some.tf.body.has(charKey('部'))).toBe(false);
    // Without character pseudo-terms in the query, the scanner keeps none.
    expect([...termsFromTsvector(tsvectorText(seg), new Set(['溃疡'])).tf.body.keys()]).toEqual(['溃疡']);
  });

  it('a query gets its words\' characters at charWeight of the strongest word holding each, skipping those no record holds, and never retrieves by them', () => {
    const s = CorpusStats.from([analyzeFields({ body: '唇部硬结' }), analyzeFields({ body: '外阴溃疡' })]);
    const q = buildQuery({ direction: 'text-achievements', source: { title: '口唇溃疡', text: '' }, now: NOW }, { stats: s, config: withChars(0.25) });
    const chars = q.terms.filter((t) => t.source === 'char');
    const words = q.terms.filter((t) => t.source === 'text');
    expect(chars.map((t) => t.term).sort()).toEqual([charKey('唇'), charKey('溃'), charKey('疡')].sort()); // 口 is in no record
    const strongest = Math.max(...words.filter((w) => w.term.includes('唇')).map((w) => w.weight));
    expect(chars.find((t) => t.term === charKey('唇'))!.weight).toBeCloseTo(0.25 * strongest, 12);
    expect(retrievalTerms(q, withChars(0.25)).some(isCharKey)).toBe(false);
    const off = buildQuery({ direction: 'text-achievements', source: { title: '口唇溃疡', text: '' }, now: NOW }, { stats: s, config: withChars(0) });
    expect(off.terms.some((t) => t.source === 'char')).toBe(false);
  });

  it('a record saying it in other words of the same characters scores; one holding the query word earns nothing more for its characters', () => {
    const other = termsFrom({ body: ['唇部', '硬结'] });
    const same = termsFrom({ body: ['口唇', '硬结'] });
    const s = CorpusStats.from([other, same, termsFrom({ body: ['外阴'] }), termsFrom({ body: ['其他'] })]);
    const q = queryOf([{ term: '口唇', weight: 1, source: 'text' }, { term: charKey('口'), weight: 0.25, source: 'char' }, { term: charKey('唇'), weight: 0.25, source: 'char' }]);
    expect(bm25f(q.terms, other, s, config).score).toBeGreaterThan(0);
    expect(bm25f(q.terms, other, s, config).perTerm.has(charKey('唇'))).toBe(true);
    expect(bm25f(q.terms, same, s, config).score).toBeCloseTo(bm25f(q.terms.slice(0, 1), same, s, config).score, 12);
    expect(bm25f(q.terms, same, s, config).score).toBeGreaterThan(bm25f(q.terms, other, s, config).score);
  });

  it('explains a match by its words, and by the shared characters only when no word is shared', () => {
    const docs = [docOf('a', { body: ['口唇', '唇部'] }), docOf('b', { body: ['唇部'] })];
    const s = CorpusStats.from(docs.map((d) => d.terms!));
    const q = queryOf([{ term: '口唇', weight: 1, source: 'text' }, { term: charKey('唇'), weight: 0.25, source: 'char' }]);
    const [a, b] = rank(q, docs, s, config);
    expect(a!.explanation.matchedTerms).toEqual(['口唇']);
    expect(b!.explanation.matchedTerms).toEqual(['唇']);
    for (const m of [a!, b!]) expect(m.explanation.matchedTerms.some(isCharKey)).toBe(false);
  });

  it('property: with characters on, adding an occurrence of a query word to a record never lowers its score', () => {
    const VOCAB = ['口唇', '唇部', '硬结', '硬下疳', '外阴', '溃疡', '下疳', '其他'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...VOCAB), { maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.constantFrom(...VOCAB.slice(0, 7)), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (bodies, words, pick, wordPick) => {
          const docs = bodies.map((body) => termsFrom({ body }));
          const s = CorpusStats.from(docs);
          const q = buildQuery({ direction: 'text-achievements', source: { text: words.join('，') }, now: NOW }, { stats: s, config: withChars(0.5) });
          const queryWords = q.terms.filter((t) => t.source === 'text').map((t) => t.term);
          fc.pre(queryWords.length > 0);
          const body = bodies[pick % bodies.length]!;
          const added = [...body, queryWords[wordPick % queryWords.length]!];
          expect(bm25f(q.terms, termsFrom({ body: added }), s, withChars(0.5)).score).toBeGreaterThanOrEqual(bm25f(q.terms, termsFrom({ body }), s, withChars(0.5)).score - 1e-9);
        },
      ),
    );
  });
});
