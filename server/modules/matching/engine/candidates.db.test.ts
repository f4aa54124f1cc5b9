import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../../../tests/support/harness.js';
import { weightedTsvector } from '../../search/index.js';
import { analyzeFields } from './analyze.js';
import { PgCandidateSource, type SqlExecutor } from './candidates.js';
import { CorpusStats } from './corpus-stats.js';
import { corpusStatsFromTable, match } from './index.js';
import { buildQuery } from './query.js';
import { config } from './test-support.js';

const env = await setupTestEnv();

// Records written for this test; a scratch table shows the source works on any table with a search vector.
const ROWS = [
  { id: 'r1', title: '日光温室膜下滴灌水肥一体化', body: '滴灌带铺设于地膜下，水肥同步供给，节水节肥。', section: 'A' },
  { id: 'r2', title: '光伏电站清扫机器人', body: '戈壁光伏组件无水清扫，提高发电效率。', section: 'D' },
  { id: 'r3', title: '温室环境远程监控系统', body: '传感器采集温湿度，手机远程控制卷帘与滴灌。', section: 'I' },
  { id: 'r4', title: '肉羊全混合日粮', body: '玉米秸秆青贮饲喂肉羊。', section: 'A' },
];

beforeAll(async () => {
  await env.db.execute(sql`CREATE TABLE match_scratch (id text PRIMARY KEY, title text NOT NULL, section text, published boolean NOT NULL DEFAULT true, search_vector tsvector)`);
  for (const r of ROWS) {
    await env.db.execute(sql`INSERT INTO match_scratch (id, title, section, published, search_vector)
      VALUES (${r.id}, ${r.title}, ${r.section}, ${r.id !== 'r4'}, ${weightedTsvector({ A: r.title, C: r.body })})`);
  }
});

const stats = CorpusStats.from(ROWS.map((r) => analyzeFields({ title: r.title, body: r.body })));
const source = new PgCandidateSource(env.db as unknown as SqlExecutor, {
  table: 'match_scratch',
  titleColumn: 'title',
  columns: ['section'],
  where: sql`published`,
  toDoc: (row) => ({ id: String(row.id), externalId: null, fields: {}, facets: { industrySections: [String(row.section)] } }),
}, config);
const NOW = '2026-06-01T00:00:00Z';

describe('PgCandidateSource', () => {
  it('finds records sharing any strong word, with their field terms read from the vector', async () => {
    const q = buildQuery({ direction: 'text-achievements', source: { text: '温室里的滴灌怎么远程控制' }, now: NOW }, { stats, config });
    const docs = await source.candidates(q);
    const ids = docs.map((d) => d.id).sort();
    expect(ids).toEqual(['r1', 'r3']);
    expect(docs.find((d) => d.id === 'r1')!.terms!.tf.title.get('滴灌')).toBe(1);
  });

  it('adds title look-alikes by trigram and honours the table condition', async () => {
    const q = buildQuery({ direction: 'text-achievements', source: { title: '光伏电站清扫机器', text: '' }, now: NOW }, { stats, config });
    expect((await source.candidates(q)).map((d) => d.id)).toContain('r2');
    const sheep = buildQuery({ direction: 'text-achievements', source: { text: '肉羊日粮' }, now: NOW }, { stats, config });
    expect((await source.candidates(sheep)).map((d) => d.id)).not.toContain('r4'); // not published
  });

  it('retrieval then re-ranking puts the best explained match first', async () => {
    const q = buildQuery(
      { direction: 'demand-achievements', source: { title: '温室滴灌', text: '需要节水的滴灌技术' }, facets: { industrySections: ['A'] }, now: NOW },
      { stats, config },
    );
    const [first] = await match(q, source, stats, config);
    expect(first!.id).toBe('r1');
    expect(first!.explanation.matchedTerms).toContain('滴灌');
    expect(first!.explanation.matchedFacets.map((f) => f.key)).toContain('industry');
  });

  it('corpus statistics rebuilt from the stored vectors equal those computed in TypeScript', async () => {
    const published = ROWS.filter((r) => r.id !== 'r4');
    const expected = CorpusStats.from(published.map((r) => analyzeFields({ title: r.title, body: r.body })));
    const fromDb = await corpusStatsFromTable(env.db as unknown as SqlExecutor, { table: 'match_scratch', where: sql`published` });
    expect(fromDb.toJSON()).toEqual(expected.toJSON());
  });

  it('under a ranking budget smaller than the table, still finds the record with the rare words, and leaves the caller\'s settings alone', async () => {
    const tight = { ...config, retrieval: { ...config.retrieval, maxRanked: 1 } };
    const statsOf4 = CorpusStats.from(ROWS.map((r) => analyzeFields({ title: r.title, body: r.body })));
    const q = buildQuery({ direction: 'text-achievements', source: { text: '光伏组件清扫机器人，提高发电效率' }, now: NOW }, { stats: statsOf4, config: tight });
    await env.db.transaction(async (tx) => {
      const inTx = new PgCandidateSource(tx as unknown as SqlExecutor, {
        table: 'match_scratch',
        columns: ['section'],
        where: sql`published`,
        toDoc: (row) => ({ id: String(row.id), externalId: null, fields: {}, facets: {} }),
      }, tight, statsOf4);
      expect((await inTx.candidates(q)).map((d) => d.id)).toEqual(['r2']);
      const after = await tx.execute(sql`SELECT current_setting('enable_seqscan') AS seq, current_setting('jit') AS jit`);
      expect(after.rows[0]).toEqual({ seq: 'on', jit: expect.any(String) });
    });
  });

  it('a query of common words only, under a tight budget, asks for pairs of them and still answers', async () => {
    const tight = { ...config, retrieval: { ...config.retrieval, maxRanked: 1, selectiveLimit: 0 } };
    // Every word in every record: no word alone fits the budget.
    const common = CorpusStats.fromJSON({ n: 4, lengthSum: { title: 20, keywords: 0, body: 40, indicators: 0 }, df: [['滴灌', 4], ['温室', 4], ['系统', 4]] });
    const src = new PgCandidateSource(env.db as unknown as SqlExecutor, {
      table: 'match_scratch',
      columns: ['section'],
      toDoc: (row) => ({ id: String(row.id), externalId: null, fields: {}, facets: {} }),
    }, tight, common);
    const q = buildQuery({ direction: 'text-achievements', source: { text: '温室滴灌' }, now: NOW }, { stats: common, config: tight });
    expect((await src.candidates(q)).map((d) => d.id).sort()).toEqual(['r1', 'r3']);
  });

  it('re-ranks every record of a small table sharing a word, where the ts_rank cut would have dropped some (retrieval.rankAll)', async () => {
    const q = buildQuery({ direction: 'text-achievements', source: { text: '温室滴灌远程控制' }, now: NOW }, { stats, config });
    const cut = { ...config, retrieval: { ...config.retrieval, limit: 1, selectiveLimit: 0, trigramLimit: 0, rankAll: 0 } };
    const whole = { ...cut, retrieval: { ...cut.retrieval, rankAll: 100 } };
    const spec = { table: 'match_scratch', columns: ['section'], where: sql`published`, toDoc: (row: Record<string, unknown>) => ({ id: String(row.id), externalId: null, fields: {}, facets: {} }) };
    const ids = async (c: typeof config) => (await new PgCandidateSource(env.db as unknown as SqlExecutor, spec, c, stats).candidates(q)).map((d) => d.id).sort();
    expect(await ids(cut)).toHaveLength(1);
    expect(await ids(whole)).toEqual(['r1', 'r3']);
  });

  it('a query without searchable words returns no candidates rather than an error', async () => {
    const q = buildQuery({ direction: 'text-achievements', source: { text: '的了吗' }, now: NOW }, { stats, config });
    expect(await source.candidates(q)).toEqual([]);
  });
});
