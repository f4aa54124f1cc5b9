import { describe, expect, it } from 'vitest';
import { tsvectorText } from '../../search/index.js';
import { retrievalTerms, selectiveTerms, termsFromTsvector } from './candidates.js';
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
