import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFields } from './analyze.js';
import { bm25f, idealScore, pairIdfsFrom, pairKey } from './bm25.js';
import { CorpusStats } from './corpus-stats.js';
import type { MatchConfig } from './config.js';
import { config, queryOf, termsFrom } from './test-support.js';
import type { FieldTerms } from './types.js';

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

  // Field terms with positions (one body field, numbered from 1), as termsFromTsvector gives them.
  const withPos = (body: readonly string[]): FieldTerms => {
    const t = termsFrom({ body });
    const pos = new Map<string, number[]>();
    body.forEach((w, i) => pos.set(w, [...(pos.get(w) ?? []), i + 1]));
    return { ...t, pos };
  };
  const variant = (p: Partial<MatchConfig['proximity']>): MatchConfig => ({ ...config, proximity: { ...config.proximity, ...p } });
  const proxOf = (c: MatchConfig, q: ReturnType<typeof queryOf>['terms'], d: FieldTerms, s: CorpusStats, pairs: [string, string][]) =>
    bm25f(q, d, s, c, pairs).score - bm25f(q, d, s, c, []).score;

  it("pairIdf min: a pair with a word found everywhere adds the commoner word's idf, not the mean", () => {
    // 性能 in every record, 磷光 in one: the pair 磷光+性能 is worth 性能's idf under min.
    const docs = [withPos(['磷光', '性能', '其他']), withPos(['性能', '其他']), withPos(['性能', '材料']), withPos(['性能'])];
    const s = CorpusStats.from(docs);
    const q = queryOf(['磷光', '性能']).terms;
    const pairs: [string, string][] = [['磷光', '性能']];
    const mean = proxOf(variant({ pairIdf: 'mean' }), q, docs[0]!, s, pairs);
    const min = proxOf(variant({ pairIdf: 'min' }), q, docs[0]!, s, pairs);
    expect(mean).toBeGreaterThan(0);
    expect(min).toBeGreaterThan(0);
    expect(min / mean).toBeCloseTo(s.idf('性能') / ((s.idf('磷光') + s.idf('性能')) / 2), 9);
    // Two equally rare words: the same either way.
    const even = [withPos(['温室', '滴灌']), withPos(['其他'])];
    const se = CorpusStats.from(even);
    const qe = queryOf(['温室', '滴灌']).terms;
    expect(proxOf(variant({ pairIdf: 'min' }), qe, even[0]!, se, [['温室', '滴灌']])).toBeCloseTo(proxOf(variant({ pairIdf: 'mean' }), qe, even[0]!, se, [['温室', '滴灌']]), 9);
  });

  it('coverage: the proximity bonus scales with the share of the query (by idf) a record matches', () => {
    const docs = [withPos(['器件', '性能', '其他']), withPos(['器件', '性能', '磷光']), withPos(['其他']), withPos(['材料'])];
    const s = CorpusStats.from(docs);
    const q = queryOf(['器件', '性能', '磷光']).terms;
    const pairs: [string, string][] = [['器件', '性能']];
    const c = variant({ coverage: true });
    const share = (s.idf('器件') + s.idf('性能')) / (s.idf('器件') + s.idf('性能') + s.idf('磷光'));
    expect(proxOf(c, q, docs[0]!, s, pairs)).toBeCloseTo(proxOf(config, q, docs[0]!, s, pairs) * share, 9);
    // Matching every query word: the whole bonus.
    expect(proxOf(c, q, docs[1]!, s, pairs)).toBeCloseTo(proxOf(variant({ coverage: false }), q, docs[1]!, s, pairs), 9);
  });

  it('with positions, pairs, min pair idf and coverage, adding an occurrence of a query word (after the text: no pair is moved apart) never lowers the score', () => {
    const VOCAB = ['温室', '滴灌', '节水', '光伏', '储能', '其他'];
    const c = variant({ pairIdf: 'min', coverage: true });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...VOCAB), { maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.constantFrom(...VOCAB.slice(0, 5)), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (bodies, words, pick, wordPick) => {
          const docs = bodies.map(withPos);
          const s = CorpusStats.from(docs); // statistics fixed: the property is about the record
          const q = queryOf(words).terms;
          const pairs = words.slice(1).map((w, i) => [words[i]!, w] as [string, string]);
          const body = bodies[pick % bodies.length]!;
          const added = [...body, words[wordPick % words.length]!];
          expect(bm25f(q, withPos(added), s, c, pairs).score).toBeGreaterThanOrEqual(bm25f(q, withPos(body), s, c, pairs).score - 1e-12);
        },
      ),
    );
  });
  it("pairIdf pair: a pair close together in many records (a set phrase) earns less than a rare adjacency, and the pair's df is exact when the candidates are the corpus", () => {
    // 器件+性能 adjacent in four records (a set phrase); 磷光+材料 adjacent in one.
    const docs = [
      withPos(['器件', '性能', '磷光', '其他', '其他', '其他', '其他', '材料']),
      withPos(['器件', '性能', '其他']),
      withPos(['器件', '性能', '材料']),
      withPos(['器件', '性能']),
      withPos(['磷光', '材料', '其他']),
      withPos(['其他', '材料', '其他']),
    ];
    const s = CorpusStats.from(docs);
    const c = variant({ pairIdf: 'pair' });
    const pairs: [string, string][] = [['器件', '性能'], ['磷光', '材料']];
    const idfs = pairIdfsFrom(pairs, docs, s, c);
    const idfOf = (df: number) => Math.log(1 + (s.n - df + 0.5) / (df + 0.5));
    expect(idfs.get(pairKey('器件', '性能'))).toBeCloseTo(idfOf(4), 9);
    expect(idfs.get(pairKey('磷光', '材料'))).toBeCloseTo(idfOf(1), 9);
    const q = queryOf(['器件', '性能', '磷光', '材料']).terms;
    const phrase = proxOf(c, q, docs[1]!, s, pairs);
    const rare = proxOf(c, q, docs[4]!, s, pairs);
    expect(phrase).toBeGreaterThan(0);
    expect(rare).toBeGreaterThan(phrase);
    // Off (mean) or without the estimates, nothing changes: the pair option falls back to the mean idf.
    expect(pairIdfsFrom(pairs, docs, s, config).size).toBe(0);
    expect(bm25f(q, docs[1]!, s, c, pairs).score).toBeCloseTo(bm25f(q, docs[1]!, s, config, pairs).score, 9);
  });

  it('pairIdf pair: from a sample of candidates the pair df is scaled to the corpus by its rarer word', () => {
    // The corpus has 磷光 in 4 records; the candidates hold 2 of them, one with 磷光 next to 材料.
    const corpus = [withPos(['磷光', '材料']), withPos(['磷光', '其他', '其他', '其他', '其他', '其他', '材料']), withPos(['磷光']), withPos(['磷光']), withPos(['材料']), withPos(['材料'])];
    const s = CorpusStats.from(corpus);
    const c = variant({ pairIdf: 'pair' });
    const idfs = pairIdfsFrom([['磷光', '材料']], corpus.slice(0, 2), s, c);
    const est = (1 / 2) * s.docFreq('磷光'); // half the candidates with 磷光 have the pair close, × 4
    expect(idfs.get(pairKey('磷光', '材料'))).toBeCloseTo(Math.log(1 + (s.n - est + 0.5) / (est + 0.5)), 9);
  });

  it('pairIdf pair: with the pair statistics fixed, adding an occurrence of a query word after the text never lowers the score', () => {
    const VOCAB = ['温室', '滴灌', '节水', '光伏', '储能', '其他'];
    const c = variant({ pairIdf: 'pair' });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...VOCAB), { maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.constantFrom(...VOCAB.slice(0, 5)), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (bodies, words, pick, wordPick) => {
          const docs = bodies.map(withPos);
          const s = CorpusStats.from(docs);
          const q = queryOf(words).terms;
          const pairs = words.slice(1).map((w, i) => [words[i]!, w] as [string, string]);
          const idfs = pairIdfsFrom(pairs, docs, s, c);
          const body = bodies[pick % bodies.length]!;
          const added = [...body, words[wordPick % words.length]!];
          expect(bm25f(q, withPos(added), s, c, pairs, idfs).score).toBeGreaterThanOrEqual(bm25f(q, withPos(body), s, c, pairs, idfs).score - 1e-12);
        },
      ),
    );
  });
});
