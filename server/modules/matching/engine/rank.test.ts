import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCharKey } from './chars.js';
import { CorpusStats } from './corpus-stats.js';
import { rank } from './rank.js';
import { config, docOf, queryOf, termsFrom } from './test-support.js';
import { FIELDS, type Field, type Filters, type MatchDoc } from './types.js';

const VOCAB = ['滴灌', '温室', '光伏', '储能', '肉羊', '饲料', '传感器', '节水', '控制', '系统'];
const SECTIONS = ['A', 'C', 'D', 'I'];
const REGIONS = ['620602', '620621', '620102', '110101'];

const arbFields = fc.record({
  title: fc.array(fc.constantFrom(...VOCAB), { maxLength: 5 }),
  keywords: fc.array(fc.constantFrom(...VOCAB), { maxLength: 3 }),
  body: fc.array(fc.constantFrom(...VOCAB), { maxLength: 30 }),
  indicators: fc.array(fc.constantFrom(...VOCAB), { maxLength: 5 }),
});
const arbFacets = fc.record(
  {
    industrySections: fc.array(fc.constantFrom(...SECTIONS), { minLength: 1, maxLength: 2 }),
    techField: fc.constantFrom('F09.01', 'F09.02', 'F06.01'),
    transferModes: fc.array(fc.constantFrom('transfer', 'license', 'technical-service'), { minLength: 1, maxLength: 2 }),
    trl: fc.integer({ min: 1, max: 9 }),
    priceFen: fc.integer({ min: 0, max: 500_000_000 }),
    regionCode: fc.constantFrom(...REGIONS),
    publishedAt: fc.constantFrom('2025-01-01', '2026-05-01'),
  },
  { requiredKeys: [] },
);
const arbCorpus = fc
  .array(fc.tuple(arbFields, arbFacets), { minLength: 1, maxLength: 12 })
  .map((rows) => rows.map(([f, facets], i) => docOf(`d${String(i).padStart(2, '0')}`, f, facets)));
const arbQuery = fc.record({
  terms: fc.uniqueArray(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 5 }),
  weights: fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
  facets: arbFacets.map(({ industrySections, regionCode, trl }) => ({
    ...(industrySections ? { industrySections } : {}),
    ...(regionCode ? { regionCode } : {}),
    ...(trl ? { trl } : {}),
    cooperationModes: ['technology-license'],
    budget: { maxFen: 100_000_000 },
  })),
});

const statsOf = (docs: MatchDoc[]) => CorpusStats.from(docs.map((d) => d.terms!));
const queryFrom = (q: { terms: string[]; weights: number[]; facets: object }, extra = {}) =>
  queryOf(
    q.terms.map((t, i) => ({ term: t, weight: q.weights[i]!, source: 'text' as const })),
    { facets: q.facets, ...extra },
  );

describe('rank: properties', () => {
  it('adding an occurrence of a query term to a record never lowers its score', () => {
    fc.assert(
      fc.property(arbCorpus, arbQuery, fc.nat(), fc.constantFrom(...FIELDS), fc.nat(), (docs, q, pick, field, termPick) => {
        const stats = statsOf(docs); // statistics fixed: the property is about the record, not the corpus
        const query = queryFrom(q);
        const target = docs[pick % docs.length]!;
        const term = q.terms[termPick % q.terms.length]!;
        const before = rank(query, docs, stats, config).find((m) => m.id === target.id)!.score;
        // The record's words (its character pseudo-terms are derived from them, not words of their own).
        const lists = Object.fromEntries(FIELDS.map((f) => [f, [...target.terms!.tf[f]].flatMap(([t, n]) => (isCharKey(t) ? [] : Array<string>(n).fill(t)))])) as Record<Field, string[]>;
        lists[field].push(term);
        const changed = { ...target, terms: termsFrom(lists) };
        const after = rank(query, docs.map((d) => (d.id === target.id ? changed : d)), stats, config).find((m) => m.id === target.id)!.score;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
    );
  });

  it('never returns a record its filters exclude', () => {
    const arbFilters: fc.Arbitrary<Filters> = fc.record(
      {
        industrySections: fc.array(fc.constantFrom(...SECTIONS), { minLength: 1, maxLength: 2 }),
        techFields: fc.constantFrom(['F09'], ['F06.01']),
        regionCodes: fc.constantFrom(['620000'], ['620600'], ['110101']),
        transferModes: fc.constantFrom(['license'], ['transfer', 'technical-service']),
        minTrl: fc.integer({ min: 1, max: 9 }),
        maxPriceFen: fc.integer({ min: 0, max: 500_000_000 }),
        excludeIds: fc.constantFrom(['d00'], ['d01', 'd02']),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbCorpus, arbQuery, arbFilters, (docs, q, filters) => {
        for (const m of rank(queryFrom(q, { filters }), docs, statsOf(docs), config)) {
          const d = docs.find((x) => x.id === m.id)!.facets;
          if (filters.industrySections) expect(d.industrySections?.some((s) => filters.industrySections!.includes(s))).toBe(true);
          if (filters.techFields) expect(filters.techFields.some((f) => d.techField === f || d.techField?.startsWith(`${f}.`))).toBe(true);
          if (filters.regionCodes) expect(filters.regionCodes.some((r) => d.regionCode?.startsWith(r.replace(/(00)+$/, '')))).toBe(true);
          if (filters.transferModes) expect(d.transferModes?.some((t) => filters.transferModes!.includes(t))).toBe(true);
          if (filters.minTrl !== undefined) expect(d.trl).toBeGreaterThanOrEqual(filters.minTrl);
          if (filters.maxPriceFen !== undefined && d.priceFen !== undefined) expect(d.priceFen).toBeLessThanOrEqual(filters.maxPriceFen);
          expect(filters.excludeIds ?? []).not.toContain(m.id);
        }
      }),
    );
  });

  it('is deterministic: same input, same scores and order, whatever the candidate order', () => {
    fc.assert(
      fc.property(arbCorpus, arbQuery, fc.nat(), (docs, q, seed) => {
        const stats = statsOf(docs);
        const a = rank(queryFrom(q), docs, stats, config);
        const shuffled = [...docs].sort((x, y) => ((x.id.charCodeAt(2) * 31 + seed) % 7) - ((y.id.charCodeAt(2) * 31 + seed) % 7));
        expect(rank(queryFrom(q), shuffled, stats, config)).toEqual(a);
        for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
      }),
    );
  });

  it('explanation shares add up to 1 and name every contributing factor', () => {
    fc.assert(
      fc.property(arbCorpus, arbQuery, (docs, q) => {
        for (const m of rank(queryFrom(q), docs, statsOf(docs), config)) {
          if (m.score === 0) continue;
          const sum = m.explanation.factors.reduce((s, f) => s + f.share, 0);
          expect(sum).toBeCloseTo(1, 9);
          for (const f of m.explanation.factors) expect(f.zh.length * f.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('rank: what users see', () => {
  const docs = [
    docOf('a', { title: ['滴灌', '控制', '系统'], body: ['节水', '滴灌', '传感器'] }, { industrySections: ['A'], transferModes: ['license'], trl: 7, priceFen: 50_000_000, regionCode: '620602' }),
    docOf('b', { title: ['光伏', '储能'], body: ['储能', '系统'] }, { industrySections: ['D'], transferModes: ['transfer'], trl: 5 }),
    docOf('c', { title: ['温室', '控制'], body: ['温室', '滴灌'] }, { industrySections: ['C'], transferModes: ['technical-service'] }),
  ];
  const stats = CorpusStats.from(docs.map((d) => d.terms!));

  it('ranks the record that matches the words and the facets first, and says why', () => {
    const q = queryOf(['滴灌', '控制'], { facets: { industrySections: ['A'], cooperationModes: ['technology-license'], budget: { maxFen: 80_000_000 }, regionCode: '620602' } });
    const [first] = rank(q, docs, stats, config);
    expect(first!.id).toBe('a');
    expect(first!.externalId).toBe('ext-a');
    expect(first!.explanation.matchedTerms).toEqual(expect.arrayContaining(['滴灌', '控制']));
    const keys = first!.explanation.factors.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['text', 'industry', 'cooperation', 'budget', 'region', 'readiness']));
    expect(first!.explanation.matchedFacets.map((f) => f.key)).toEqual(expect.arrayContaining(['industry', 'cooperation', 'budget', 'region']));
    expect(first!.explanation.summary.zh).toContain('滴灌');
    expect(first!.explanation.summary.en).toMatch(/Matched words: .*滴灌/);
  });

  it('a demand for a licence fits an achievement offering a licence better than one offering a service', () => {
    const q = queryOf(['控制'], { facets: { cooperationModes: ['technology-license'] } });
    const ms = rank(q, docs, stats, config);
    const coop = (id: string) => ms.find((m) => m.id === id)!.explanation.factors.find((f) => f.key === 'cooperation');
    expect(coop('a')?.value).toBe(1);
    expect(coop('c')).toBeUndefined(); // technical-service does not serve a licence demand: no contribution
  });

  it('never matches the query record with itself', () => {
    const q = queryOf(['滴灌'], { direction: 'achievement-similar', selfId: 'a' });
    expect(rank(q, docs, stats, config).map((m) => m.id)).not.toContain('a');
  });

  it('a query that matches no word still ranks by facets, and says so', () => {
    const q = queryOf(['肉羊'], { facets: { industrySections: ['D'] } });
    const [first] = rank(q, docs, stats, config);
    expect(first!.id).toBe('b');
    expect(first!.explanation.matchedTerms).toEqual([]);
    expect(first!.explanation.summary.en).toContain('No words in common');
  });
});

describe('rank with proximity weighed by pair frequency (proximity.pairIdf pair)', () => {
  const pairConfig = { ...config, proximity: { ...config.proximity, pairIdf: 'pair' as const } };
  // One body field with positions numbered from 1, as termsFromTsvector gives them.
  const withPos = (id: string, body: readonly string[], facets: MatchDoc['facets'] = {}): MatchDoc => {
    const pos = new Map<string, number[]>();
    body.forEach((w, i) => pos.set(w, [...(pos.get(w) ?? []), i + 1]));
    return { ...docOf(id, { body }), facets, terms: { ...termsFrom({ body }), pos } };
  };
  const arbPosCorpus = fc
    .array(fc.tuple(fc.array(fc.constantFrom(...VOCAB), { maxLength: 20 }), arbFacets), { minLength: 1, maxLength: 10 })
    .map((rows) => rows.map(([body, facets], i) => ({ body, doc: withPos(`d${String(i).padStart(2, '0')}`, body, facets) })));
  const pairsOf = (terms: string[]) => terms.slice(1).map((w, i) => [terms[i]!, w] as [string, string]);

  it('adding an occurrence of a query word after a record\'s text never lowers its score, though the pair statistics are estimated from the candidates', () => {
    fc.assert(
      fc.property(arbPosCorpus, arbQuery, fc.nat(), fc.nat(), (rows, q, pick, termPick) => {
        const docs = rows.map((r) => r.doc);
        const stats = statsOf(docs);
        const query = queryFrom(q, { pairs: pairsOf(q.terms) });
        const target = rows[pick % rows.length]!;
        const before = rank(query, docs, stats, pairConfig).find((m) => m.id === target.doc.id)!.score;
        const changed = withPos(target.doc.id, [...target.body, q.terms[termPick % q.terms.length]!], target.doc.facets);
        const after = rank(query, docs.map((d) => (d.id === target.doc.id ? changed : d)), stats, pairConfig).find((m) => m.id === target.doc.id)!.score;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
    );
  });

  it('never returns a record its filters exclude (the excluded still count in the pair statistics, never in the results)', () => {
    fc.assert(
      fc.property(
        arbPosCorpus,
        arbQuery,
        fc.constantFrom<string[]>(['A'], ['C', 'D']),
        fc.constantFrom(['d00'], ['d01', 'd02']),
        (rows, q, industrySections, excludeIds) => {
          const docs = rows.map((r) => r.doc);
          const query = queryFrom(q, { pairs: pairsOf(q.terms), filters: { industrySections, excludeIds } });
          for (const m of rank(query, docs, statsOf(docs), pairConfig)) {
            expect(docs.find((x) => x.id === m.id)!.facets.industrySections?.some((s) => industrySections.includes(s))).toBe(true);
            expect(excludeIds).not.toContain(m.id);
          }
        },
      ),
    );
  });
});

describe('rank with proximity re-ordering only the best by words (proximity.depth)', () => {
  const withPos = (id: string, body: readonly string[]): MatchDoc => {
    const pos = new Map<string, number[]>();
    body.forEach((w, i) => pos.set(w, [...(pos.get(w) ?? []), i + 1]));
    return { ...docOf(id, { body }), terms: { ...termsFrom({ body }), pos } };
  };
  const wordsOnly = Object.fromEntries(Object.keys(config.weights).map((k) => [k, k === 'text' ? 1 : 0])) as typeof config.weights;
  const textOnly = { ...config, weights: wordsOnly, directions: {} };
  const at = (depth: number, weight = config.proximity.weight) => ({ ...textOnly, proximity: { ...textOnly.proximity, weight: Math.max(weight, 0), depth } });
  const pairsOf = (terms: string[]) => terms.slice(1).map((w, i) => [terms[i]!, w] as [string, string]);
  const arbPosCorpus = fc
    .array(fc.array(fc.constantFrom(...VOCAB), { maxLength: 20 }), { minLength: 1, maxLength: 12 })
    .map((bodies) => bodies.map((body, i) => withPos(`d${String(i).padStart(2, '0')}`, body)));

  it('close pairs re-order the best records by words but never lift another record among them', () => {
    // d1 holds both words apart and more often; d2 holds them side by side once.
    const docs = [
      withPos('d1', ['滴灌', '滴灌', '控制', '系统', '光伏', '储能', '温室', '节水', '节水']),
      withPos('d2', ['滴灌', '节水', '温室', '肉羊', '饲料', '光伏', '储能', '系统', '控制']),
      withPos('d3', ['滴灌', '光伏', '储能', '系统', '温室', '肉羊', '饲料', '控制', '传感器']),
    ];
    const query = queryOf(['滴灌', '节水'], { pairs: [['滴灌', '节水']] });
    const stats = statsOf(docs);
    expect(rank(query, docs, stats, at(0)).map((m) => m.id)).toEqual(['d2', 'd1', 'd3']);
    expect(rank(query, docs, stats, at(1)).map((m) => m.id)).toEqual(['d1', 'd2', 'd3']);
    expect(rank(query, docs, stats, at(2)).map((m) => m.id)).toEqual(['d2', 'd1', 'd3']);
  });

  it('adding an occurrence of a query word to a record never lowers its score, whichever records get the bonus (facets on)', () => {
    const arbPosFacetCorpus = fc
      .array(fc.tuple(fc.array(fc.constantFrom(...VOCAB), { maxLength: 20 }), arbFacets), { minLength: 2, maxLength: 12 })
      .map((rows) => rows.map(([body, facets], i) => ({ body, doc: { ...withPos(`d${String(i).padStart(2, '0')}`, body), facets } })));
    fc.assert(
      fc.property(arbPosFacetCorpus, arbQuery, fc.integer({ min: 1, max: 6 }), fc.nat(), fc.nat(), (rows, q, depth, pick, termPick) => {
        const docs = rows.map((r) => r.doc);
        const stats = statsOf(docs);
        const cfg = { ...config, proximity: { ...config.proximity, depth } };
        const query = queryFrom(q, { pairs: pairsOf(q.terms) });
        const target = rows[pick % rows.length]!;
        const before = rank(query, docs, stats, cfg).find((m) => m.id === target.doc.id)!.score;
        const changed = { ...withPos(target.doc.id, [...target.body, q.terms[termPick % q.terms.length]!]), facets: target.doc.facets };
        const after = rank(query, docs.map((d) => (d.id === target.doc.id ? changed : d)), stats, cfg).find((m) => m.id === target.doc.id)!.score;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
    );
  });

  it('for any corpus and query, the first N are the first N without proximity, and scores never rise down the list', () => {
    fc.assert(
      fc.property(arbPosCorpus, arbQuery, fc.integer({ min: 1, max: 12 }), (docs, q, depth) => {
        const stats = statsOf(docs);
        const query = queryFrom(q, { pairs: pairsOf(q.terms), facets: {} });
        const cascade = rank(query, docs, stats, at(depth));
        const plain = rank(query, docs, stats, at(0, 0));
        expect(new Set(cascade.slice(0, depth).map((m) => m.id))).toEqual(new Set(plain.slice(0, depth).map((m) => m.id)));
        cascade.slice(1).forEach((m, i) => expect(m.score).toBeLessThanOrEqual(cascade[i]!.score + 1e-12));
      }),
    );
  });
});
