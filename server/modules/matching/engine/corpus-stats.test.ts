import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from './corpus-stats.js';
import { termsFrom } from './test-support.js';

const VOCAB = ['滴灌', '温室', '光伏', '储能', '肉羊', '饲料', '传感器'];
const arbDoc = fc.record({
  title: fc.array(fc.constantFrom(...VOCAB), { maxLength: 4 }),
  body: fc.array(fc.constantFrom(...VOCAB), { maxLength: 20 }),
});

describe('CorpusStats', () => {
  it('counts documents, document frequencies and average field lengths', () => {
    const s = CorpusStats.from([termsFrom({ title: ['滴灌', '滴灌'], body: ['温室'] }), termsFrom({ title: ['光伏'], body: ['滴灌', '储能', '储能'] })]);
    expect(s.n).toBe(2);
    expect(s.docFreq('滴灌')).toBe(2); // once per document, whatever the field or repeats
    expect(s.docFreq('储能')).toBe(1);
    expect(s.docFreq('肉羊')).toBe(0);
    expect(s.avgLength('title')).toBe(1.5);
    expect(s.avgLength('body')).toBe(2);
    expect(s.idf('储能')).toBeGreaterThan(s.idf('滴灌'));
    expect(s.idf('滴灌')).toBeGreaterThan(0); // a term in every document still adds a little
  });

  it('remove undoes add, so publishing and withdrawing are incremental', () => {
    fc.assert(
      fc.property(fc.array(arbDoc, { maxLength: 8 }), arbDoc, (docs, extra) => {
        const base = CorpusStats.from(docs.map(termsFrom));
        const s = CorpusStats.from(docs.map(termsFrom));
        s.add(termsFrom(extra));
        s.remove(termsFrom(extra));
        expect(s.toJSON()).toEqual(base.toJSON());
      }),
    );
  });

  it('survives a round trip through JSON', () => {
    const s = CorpusStats.from([termsFrom({ title: ['滴灌'], body: ['温室', '光伏'] })]);
    const back = CorpusStats.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.toJSON()).toEqual(s.toJSON());
    expect(back.idf('温室')).toBe(s.idf('温室'));
  });

  it('an empty corpus gives finite statistics', () => {
    const s = new CorpusStats();
    expect(s.avgLength('body')).toBe(1);
    expect(Number.isFinite(s.idf('x'))).toBe(true);
    s.remove(termsFrom({ body: ['x'] }));
    expect(s.n).toBe(0);
  });
});
