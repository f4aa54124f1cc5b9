import { describe, expect, it } from 'vitest';
import { analyzeFields } from './analyze.js';
import { bm25f, idealScore } from './bm25.js';
import { CorpusStats } from './corpus-stats.js';
import { config, queryOf, termsFrom } from './test-support.js';

describe('bm25f', () => {
  const docs = [termsFrom({ title: ['滴灌'], body: ['温室', '节水'] }), termsFrom({ body: ['滴灌', '光伏', '储能', '储能'] }), termsFrom({ body: ['肉羊'] })];
  const stats = CorpusStats.from(docs);

  it('a word in the title counts more than the same word in the body', () => {
    const q = queryOf(['滴灌']).terms;
    expect(bm25f(q, docs[0]!, stats, config).score).toBeGreaterThan(bm25f(q, docs[1]!, stats, config).score);
  });

  it('a rare word counts more than a common one, and repeats saturate', () => {
    const s = CorpusStats.from([...docs, termsFrom({ body: ['温室'] }), termsFrom({ body: ['温室'] })]);
    const d = termsFrom({ body: ['温室', '节水'] });
    expect(bm25f(queryOf(['节水']).terms, d, s, config).score).toBeGreaterThan(bm25f(queryOf(['温室']).terms, d, s, config).score);
    const once = bm25f(queryOf(['温室']).terms, termsFrom({ body: ['温室'] }), s, config).score;
    const many = bm25f(queryOf(['温室']).terms, termsFrom({ body: Array(20).fill('温室') }), s, config).score;
    expect(many).toBeLessThan(once * (config.bm25.k1 + 1));
    expect(many).toBeLessThanOrEqual(idealScore(queryOf(['温室']).terms, s, config));
  });

  it('the query words close together score higher than the same words far apart', () => {
    const near = analyzeFields({ body: '温室，滴灌。其他内容，其他内容，其他内容，其他内容' });
    const far = analyzeFields({ body: '温室。其他内容，其他内容，其他内容，其他内容，滴灌' });
    const s = CorpusStats.from([near, far]);
    const q = queryOf(['温室', '滴灌']).terms;
    const pairs: [string, string][] = [['温室', '滴灌']];
    expect(bm25f(q, near, s, config, pairs).score).toBeGreaterThan(bm25f(q, far, s, config, pairs).score);
    expect(bm25f(q, near, s, config, []).score).toBeCloseTo(bm25f(q, far, s, config, []).score, 9);
  });
});
