import { describe, expect, it } from 'vitest';
import { segmenter } from '../../search/index.js';
import { analyzeFields } from './analyze.js';
import { CorpusStats } from './corpus-stats.js';
import { buildQuery } from './query.js';
import { Synonyms } from './synonyms.js';
import { config } from './test-support.js';

// Sentences written for this test.
const TEXTS = [
  { title: '日光温室滴灌控制系统', body: '采用土壤墒情传感器，远程控制滴灌阀门，节水三成。' },
  { title: '光伏电站清扫机器人', body: '戈壁光伏组件无水清扫，提高发电效率。' },
  { title: '肉羊全混合日粮饲喂技术', body: '利用玉米秸秆青贮，降低肉羊养殖饲料成本。' },
];
const stats = CorpusStats.from(TEXTS.map((t) => analyzeFields(t)));
const synonyms = Synonyms.parse('光伏, 太阳能发电\n污水, 废水\n', segmenter());
const NOW = '2026-06-01T00:00:00Z';

describe('buildQuery', () => {
  it('weights title words above body words and keeps the text keywords', () => {
    const q = buildQuery({ direction: 'text-achievements', source: { title: '滴灌', text: '需要一种节水的灌溉方法' }, now: NOW }, { stats, config, synonyms });
    const w = (t: string) => q.terms.find((x) => x.term === t)?.weight ?? 0;
    expect(w('滴灌')).toBeGreaterThan(w('灌溉'));
    expect(q.keywords.length).toBeGreaterThan(0);
    expect(q.title).toBe('滴灌');
  });

  it('adds synonyms at a reduced weight and says which word they stand for', () => {
    const q = buildQuery({ direction: 'text-achievements', source: { text: '寻求光伏清洗技术' }, now: NOW }, { stats, config, synonyms });
    const syn = q.terms.filter((t) => t.source === 'synonym');
    expect(syn.map((t) => t.of)).toContain('光伏');
    const pv = q.terms.find((t) => t.term === '光伏')!;
    for (const s of syn) expect(s.weight).toBeLessThan(pv.weight);
  });

  it('puts words no record contains (names, numbers) after every word that can match', () => {
    const q = buildQuery({ direction: 'text-achievements', source: { title: '滴灌控制系统 张三丰 410125', text: '' }, now: NOW }, { stats, config, synonyms });
    const text = q.terms.filter((t) => t.source === 'text').map((t) => t.term);
    const firstAbsent = text.findIndex((t) => stats.docFreq(t) === 0);
    expect(firstAbsent).toBeGreaterThan(0);
    expect(text.slice(firstAbsent).every((t) => stats.docFreq(t) === 0)).toBe(true);
    expect(text.slice(0, firstAbsent)).toContain('滴灌');
  });

  it('bounds a pasted page of text to maxTerms text terms', () => {
    const long = Array.from({ length: 40 }, (_, i) => `${TEXTS[i % 3]!.body}第${i}段`).join('');
    const q = buildQuery({ direction: 'text-achievements', source: { text: long }, now: NOW }, { stats, config: { ...config, query: { ...config.query, maxTerms: 10 } }, synonyms });
    expect(q.terms.filter((t) => t.source === 'text').length).toBeLessThanOrEqual(10);
  });

  it('from a record: uses its fields and facets, and remembers it to exclude it', () => {
    const doc = { id: 'x1', fields: { title: '滴灌控制', body: '节水灌溉' }, facets: { industrySections: ['A'] } };
    const q = buildQuery({ direction: 'achievement-similar', source: { doc }, now: NOW }, { stats, config, synonyms });
    expect(q.selfId).toBe('x1');
    expect(q.facets.industrySections).toEqual(['A']);
    expect(q.terms.map((t) => t.term)).toContain('滴灌');
  });

  it('the same input always gives the same query', () => {
    const input = { direction: 'text-achievements' as const, source: { text: '光伏组件清扫与肉羊饲料' }, now: NOW };
    expect(buildQuery(input, { stats, config, synonyms })).toEqual(buildQuery(input, { stats, config, synonyms }));
  });
});

describe('Synonyms', () => {
  it('parses groups, ignores comments and one-word lines', () => {
    const s = Synonyms.parse('# note\n无人机, 无人飞行器 # inline\n单独\n', segmenter());
    const seg = segmenter();
    const variant = seg.queryTerms('无人飞行器').map((t) => t.term);
    expect(s.of(seg.queryTerms('无人机')[0]!.term)).toEqual([variant]);
    expect(s.of('单独')).toEqual([]);
  });

  it('the project file loads and every group expands both ways', () => {
    const s = Synonyms.load();
    expect(s.size).toBeGreaterThan(50);
    expect(s.of('废水').flat()).toContain('污水');
    expect(s.of('污水').flat()).toContain('废水');
  });
});
