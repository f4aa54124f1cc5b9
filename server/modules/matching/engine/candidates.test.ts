import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tsvectorText } from '../../search/index.js';
import { budgetedFilter, estimatedMatches, filterTsquery, firstListSize, retrievalTerms, selectiveTerms, termsFromTsvector, tsvectorReader } from './candidates.js';
import { charKey, charsOfKeys, isCharKey } from './chars.js';
import { CorpusStats } from './corpus-stats.js';
import { termsFrom } from './test-support.js';
import { config, queryOf } from './test-support.js';

describe('termsFromTsvector', () => {
  it('reads back the field frequencies a weighted vector was built from', () => {
    const text = tsvectorText({ A: ['滴灌', '系统'], B: ['节水'], C: ['滴灌', '滴灌', '传感器'], D: ['精度'] });
    const t = termsFromTsvector(text);
    expect(t.tf.title.get('滴灌')).toBe(1);
    expect(t.tf.body.get('滴灌')).toBe(2);
    expect(t.tf.keywords.get('节水')).toBe(1);
    expect(t.tf.indicators.get('精度')).toBe(1);
    expect(t.len).toEqual({ title: 2, keywords: 1, body: 3, indicators: 1 });
  });

  it('with the query lexemes given, keeps only theirs but still counts every token into the field lengths', () => {
    const text = tsvectorText({ A: ['滴灌', '系统'], B: ['节水'], C: ['滴灌', '滴灌', '传感器', '系统'], D: ['精度'] });
    const all = termsFromTsvector(text);
    const some = termsFromTsvector(text, new Set(['滴灌', '精度']));
    expect(some.len).toEqual(all.len);
    expect(some.tf.body.get('滴灌')).toBe(2);
    expect(some.tf.indicators.get('精度')).toBe(1);
    expect(some.tf.body.has('传感器')).toBe(false);
    expect(some.pos!.get('滴灌')).toEqual(all.pos!.get('滴灌'));
    expect(some.pos!.has('系统')).toBe(false);
  });

  it('reads the same with the query\'s characters passed in as without (one set for many vectors)', () => {
    const text = tsvectorText({ A: ['滴灌', '系统'], C: ['灌溉', '传感器', '水肥'] });
    const keep = new Set(['滴灌', charKey('灌'), charKey('水')]);
    expect(termsFromTsvector(text, keep, charsOfKeys(keep))).toEqual(termsFromTsvector(text, keep));
    expect(termsFromTsvector(text, keep).tf.body.get(charKey('灌'))).toBe(1);
    expect(termsFromTsvector(text, keep).tf.body.get(charKey('水'))).toBe(1);
    expect(termsFromTsvector(text, new Set(['滴灌'])).tf.body.size).toBe(0);
  });

  it('with the query lexemes given, reads exactly their part of the full reading (any vector, any query)', () => {
    const word = fc.stringMatching(/^[滴灌水系统传感器精度a'\\]{1,4}$/);
    fc.assert(
      fc.property(fc.record({ A: fc.array(word), B: fc.array(word), C: fc.array(word), D: fc.array(word) }), fc.array(word), fc.array(fc.constantFrom('滴', '水', '度', 'a')), (fields, words, chars) => {
        const text = tsvectorText(fields);
        const keep = new Set([...words, ...chars.map(charKey)]);
        const all = termsFromTsvector(text);
        const some = tsvectorReader(keep)(text);
        expect(some.len).toEqual(all.len);
        const held = charsOfKeys(keep);
        for (const f of ['title', 'keywords', 'body', 'indicators'] as const) {
          const expected = new Map([...all.tf[f]].filter(([t]) => keep.has(t) && (!isCharKey(t) || held.has(t.slice(1)))));
          expect(some.tf[f]).toEqual(expected);
        }
        expect(some.pos).toEqual(new Map([...all.pos!].filter(([t]) => keep.has(t))));
      }),
    );
  });

  it('reads PostgreSQL output with quotes and weightless positions', () => {
    const t = termsFromTsvector(`'it''s':1A 'x':2,3 'y'`);
    expect(t.tf.title.get("it's")).toBe(1);
    expect(t.tf.indicators.get('x')).toBe(2);
    expect(t.tf.indicators.get('y')).toBe(1);
    expect(t.pos!.get('x')).toEqual([2, 3]);
    expect(termsFromTsvector(`'a\\\\b':4C`).tf.body.get('a\\b')).toBe(1);
  });
});

describe('retrievalTerms', () => {
  it('takes the strongest text terms and only the synonyms of those', () => {
    const q = queryOf([
      { term: 'a', weight: 3, source: 'text' },
      { term: 'b', weight: 1, source: 'text' },
      { term: 'a2', weight: 1, source: 'synonym', of: 'a' },
      { term: 'b2', weight: 1, source: 'synonym', of: 'b' },
    ]);
    expect(retrievalTerms(q, { ...config, retrieval: { ...config.retrieval, keywords: 1 } })).toEqual(['a', 'a2']);
  });
});

describe('selectiveTerms', () => {
  it('keeps the rarer words for the second candidate list, and nothing when all are rare', () => {
    const stats = CorpusStats.from([
      ...Array.from({ length: 30 }, () => termsFrom({ body: ['研究'] })),
      termsFrom({ body: ['滴灌', '研究'] }),
    ]);
    const cfg = { ...config, retrieval: { ...config.retrieval, maxDocFrequency: 0.1 } };
    expect(selectiveTerms(queryOf(['研究', '滴灌']), cfg, stats)).toEqual(['滴灌']);
    expect(selectiveTerms(queryOf(['滴灌']), cfg, stats)).toEqual([]);
    expect(selectiveTerms(queryOf(['研究', '滴灌']), cfg)).toEqual([]);
  });
});

describe('budgetedFilter (the ranking budget of a candidate list)', () => {
  // A corpus of 10 000 records described by document frequencies only.
  const statsWith = (df: Record<string, number>, n = 10_000) =>
    CorpusStats.fromJSON({ n, lengthSum: { title: n, keywords: 0, body: 10 * n, indicators: 0 }, df: Object.entries(df) });
  const cfg = (maxRanked: number) => ({ ...config, retrieval: { ...config.retrieval, maxRanked, pairTerms: 4 } });

  it('keeps every word when the corpus is smaller than the budget', () => {
    const stats = statsWith({ 研究: 900, 滴灌: 3 }, 1000);
    expect(budgetedFilter(['研究', '滴灌'], cfg(4000), stats)).toEqual({ terms: ['研究', '滴灌'], pairs: [] });
    expect(budgetedFilter(['研究', '滴灌'], cfg(4000))).toEqual({ terms: ['研究', '滴灌'], pairs: [] });
  });

  it('skips a word that would break the budget and keeps rarer words after it', () => {
    const stats = statsWith({ 滴灌: 300, 研究: 6000, 温室: 500, 系统: 5000 });
    expect(budgetedFilter(['滴灌', '研究', '温室', '系统'], cfg(1000), stats)).toEqual({ terms: ['滴灌', '温室'], pairs: [] });
  });

  it('when every word alone is too common, asks for pairs of them together, rarest pairs first', () => {
    const stats = statsWith({ 研究: 6000, 系统: 5000, 方法: 3000 });
    const f = budgetedFilter(['研究', '系统', '方法'], cfg(2000), stats);
    expect(f.terms).toEqual([]);
    expect(f.pairs[0]).toEqual(['系统', '方法']); // 5000 · 3000 / 10 000 = 1500
    expect(filterTsquery(f)).toBe("('系统' & '方法')");
  });

  it('property: the chosen words are the query\'s own, in its order, and within the budget unless none fits', () => {
    const words = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 8, maxLength: 8 }), fc.integer({ min: 1, max: 9_999 }), fc.uniqueArray(fc.constantFrom(...words), { minLength: 1 }), (dfs, budget, query) => {
        const stats = statsWith(Object.fromEntries(words.map((w, i) => [w, dfs[i]!])));
        const f = budgetedFilter(query, cfg(budget), stats);
        expect(filterTsquery(f)).not.toBeNull(); // a query with words always gets candidates
        if (query.some((w) => stats.docFreq(w) > 0)) expect([...f.terms, ...f.pairs.flat()].every((w) => stats.docFreq(w) > 0)).toBe(true);
        if (f.pairs.length === 0) {
          expect(query.filter((w) => f.terms.includes(w))).toEqual(f.terms);
          // Over the budget only as the fallback for a single word that records contain (other words in the
          // query, that no record contains, do not count): that word alone, ranked capped.
          const present = query.filter((w) => stats.docFreq(w) > 0).length;
          if (present > 1) expect(estimatedMatches(f.terms, stats)).toBeLessThanOrEqual(budget + 1e-6);
        } else {
          expect(f.terms).toEqual([]);
          for (const [a, b] of f.pairs) expect(query.includes(a) && query.includes(b) && a !== b).toBe(true);
        }
      }),
    );
  });
});

describe('firstListSize (a small catalog is re-ranked whole)', () => {
  const statsWith = (df: Record<string, number>, n: number) =>
    CorpusStats.fromJSON({ n, lengthSum: { title: n, keywords: 0, body: 10 * n, indicators: 0 }, df: Object.entries(df) });
  const cfg = (rankAll: number) => ({ ...config, retrieval: { ...config.retrieval, limit: 400, rankAll } });

  it('takes every matching record, up to rankAll, when the words are expected to match no more', () => {
    const stats = statsWith({ 研究: 900, 滴灌: 30 }, 1000);
    expect(firstListSize({ terms: ['研究', '滴灌'], pairs: [] }, 400, cfg(3000), stats)).toBe(3000);
  });

  it('keeps the ts_rank cut when more would match, without statistics, for pairs, and when off', () => {
    const big = statsWith({ 研究: 90_000, 滴灌: 300 }, 100_000);
    expect(firstListSize({ terms: ['研究', '滴灌'], pairs: [] }, 400, cfg(3000), big)).toBe(400);
    expect(firstListSize({ terms: ['滴灌'], pairs: [] }, 400, cfg(3000), big)).toBe(3000);
    expect(firstListSize({ terms: ['滴灌'], pairs: [] }, 400, cfg(3000))).toBe(400);
    expect(firstListSize({ terms: [], pairs: [['研究', '滴灌']] }, 400, cfg(3000), big)).toBe(400);
    expect(firstListSize({ terms: ['滴灌'], pairs: [] }, 400, cfg(0), big)).toBe(400);
  });
});
