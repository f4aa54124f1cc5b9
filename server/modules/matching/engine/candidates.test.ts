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

  it('reads PostgreSQL output with quotes and weightless positions', () => {
    const t = termsFromTsvector(`'it''s':1A 'x':2,3 'y'`);
    expect(t.tf.title.get("it's")).toBe(1);
    expect(t.tf.indicators.get('x')).toBe(2);
    expect(t.tf.indicators.get('y')).toBe(1);
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
