import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../../tests/support/harness.js';
import { likePattern } from './like.js';
import { rank, searchWithFallback, tsqueryText, type QueryMode } from './tsquery.js';
import { queryTerms, segmenter, tokensForIndex, tokensForQuery } from './tokenizer.js';
import { quoteLexeme, tsvectorText, weightedTsvector } from './tsvector.js';

const env = await setupTestEnv();
const db = env.db;

// Sentences written for this test about the district's pillar industries.
const DOCS: { title: string; body: string }[] = [
  { title: '医用重离子加速器小型化关键技术', body: '研制紧凑型同步加速器，降低重离子治疗装置的造价，服务肿瘤放疗。' },
  { title: '碳离子放射治疗计划系统', body: '面向重离子治疗的剂量计算与治疗计划软件，已在武威肿瘤医院试用。' },
  { title: '甜高粱茎秆制取燃料乙醇工艺', body: '利用甜高粱茎秆汁液发酵生产燃料乙醇，残渣用作青贮饲料。' },
  { title: '饲用甜高粱高产栽培技术', body: '适合河西走廊的甜高粱品种选育与节水栽培，亩产鲜草八吨以上。' },
  { title: '膜下滴灌水肥一体化技术', body: '在日光温室和大田推广膜下滴灌，配合水肥一体化，节水百分之四十。' },
  { title: '基于LoRa的滴灌控制系统', body: '采用LoRa无线传感网络采集土壤墒情，远程控制滴灌电磁阀。' },
  { title: '机械治沙草方格铺设机', body: '自走式草方格沙障铺设装备，提高防风固沙作业效率，用于荒漠化防治。' },
  { title: '梭梭接种肉苁蓉沙产业模式', body: '在民勤沙区种植梭梭并接种肉苁蓉，发展沙产业，兼顾生态与收益。' },
  { title: '风电叶片无损检测机器人', body: '爬壁机器人携带超声探头，对风电叶片进行无损检测，减少停机时间。' },
  { title: '光伏组件清扫装置', body: '适用于戈壁光伏电站的无水清扫机器人，提高光伏组件发电效率。' },
  { title: '风光电互补储能系统', body: '风光互补发电与储能系统协同调度，平抑新能源出力波动。' },
  { title: '酿酒葡萄埋土防寒机械', body: '葡萄酒产区冬季埋土与春季出土一体化作业机械，替代人工。' },
  { title: '干红葡萄酒陈酿工艺优化', body: '橡木桶陈酿时间与温度控制，提升凉州葡萄酒的香气与口感。' },
  { title: '马铃薯淀粉加工废水资源化', body: '农产品精深加工企业的淀粉废水回收蛋白，降低排放负荷。' },
  { title: '中药材当归规范化种植', body: '道地药材当归的良种繁育与病虫害绿色防控技术规程。' },
  { title: '医药中间体连续流合成', body: '精细化工企业采用微通道反应器合成医药中间体，提高安全性。' },
  { title: '日光温室人参果栽培', body: '凉州区日光温室人参果标准化栽培与病害防治。' },
  { title: '肉羊规模化养殖环境监测', body: '羊舍温湿度与氨气浓度在线监测，服务规模化养殖场。' },
  { title: '科技成果转化收益分配办法', body: '成果转化收益的百分之五十以上奖励给科研人员，作价投资可获股权奖励。' },
  { title: '技术经纪人培训课程', body: '面向技术转移机构的技术经纪人，讲授技术合同登记与专利实施许可。' },
  { title: '创新券申领与兑付流程', body: '科技型中小企业使用创新券购买检验检测和研发服务，事后兑付。' },
  { title: '星创天地建设指引', body: '面向农村创业的星创天地与众创空间，提供孵化器式服务。' },
  { title: '科技特派员服务贫困村', body: '科技特派员进村入户，推广设施农业和特色林果技术。' },
  { title: 'Greenhouse sensors for drip irrigation', body: 'Low-power sensors measure soil moisture and control drip valves over LoRa.' },
  { title: '风电装备塔筒焊接质量控制', body: '风电装备制造中塔筒环缝自动焊接与超声检测。' },
  { title: '民用核技术辐照育种', body: '利用核技术应用中的辐照育种方法选育抗旱小麦新品种。' },
  { title: '产区旅游线路介绍', body: '这是一段关于产区旅游的介绍，顺带提到葡萄酒。' },
];

beforeAll(async () => {
  await db.execute(sql`CREATE TABLE search_probe (id serial PRIMARY KEY, title text NOT NULL, body text NOT NULL, vec tsvector NOT NULL)`);
  await db.execute(sql`CREATE INDEX search_probe_vec ON search_probe USING gin (vec)`);
  for (const d of DOCS) {
    await db.execute(sql`INSERT INTO search_probe (title, body, vec) VALUES (${d.title}, ${d.body}, ${weightedTsvector({ A: d.title, C: d.body })})`);
  }
});

async function search(query: SQL): Promise<string[]> {
  const r = await db.execute<{ title: string }>(
    sql`SELECT title FROM search_probe WHERE vec @@ ${query} ORDER BY ${rank(sql`vec`, query)} DESC, id LIMIT 10`,
  );
  return r.rows.map((row) => row.title);
}

async function find(text: string) {
  return searchWithFallback(queryTerms(text), (q) => search(q));
}

describe('searching Chinese text in PostgreSQL', () => {
  it.each([
    ['重离子加速器小型化', '医用重离子加速器小型化关键技术'],
    ['重离子治疗', '碳离子放射治疗计划系统'],
    ['甜高粱 燃料乙醇', '甜高粱茎秆制取燃料乙醇工艺'],
    ['膜下滴灌', '膜下滴灌水肥一体化技术'],
    ['LoRa 滴灌', '基于LoRa的滴灌控制系统'],
    ['ＬｏＲａ滴灌', '基于LoRa的滴灌控制系统'],
    ['机械治沙', '机械治沙草方格铺设机'],
    ['风电叶片检测', '风电叶片无损检测机器人'],
    ['技术经纪人', '技术经纪人培训课程'],
    ['greenhouse sensor', 'Greenhouse sensors for drip irrigation'],
  ])('ranks the right text first for %s', async (query, title) => {
    const result = await find(query);
    expect(result.mode).toBe('and');
    expect(result.rows[0]).toBe(title);
  });

  it('finds a long dictionary word through its parts (重离子加速器 → 医用重离子加速器)', async () => {
    expect((await find('重离子加速器')).rows).toContain('医用重离子加速器小型化关键技术');
  });

  it('ranks a title match above a body match', async () => {
    const { rows } = await find('葡萄酒');
    expect(rows).toContain('产区旅游线路介绍');
    expect(rows.indexOf('干红葡萄酒陈酿工艺优化')).toBeLessThan(rows.indexOf('产区旅游线路介绍'));
  });

  it('falls back to OR when no text has every word', async () => {
    const result = await find('甜高粱 光伏组件');
    expect(result.mode).toBe('or');
    expect(result.rows).toEqual(expect.arrayContaining(['光伏组件清扫装置', '甜高粱茎秆制取燃料乙醇工艺']));
  });

  it('runs no search for a query without words', async () => {
    expect(await find('，。！？ 的 了')).toEqual({ rows: [], mode: null });
  });
});

describe('likePattern in PostgreSQL', () => {
  it('matches wildcards literally', async () => {
    const r = await db.execute<{ yes: boolean; no: boolean }>(
      sql`SELECT '含50%_折扣' ILIKE ${likePattern('50%_')} AS yes, '含500折扣' ILIKE ${likePattern('50%_')} AS no`,
    );
    expect(r.rows[0]).toEqual({ yes: true, no: false });
  });
});

describe('lexemes reach PostgreSQL unchanged', () => {
  it('stores exactly the tokens computed in TypeScript', async () => {
    const text = DOCS.map((d) => `${d.title}。${d.body}`).join('\n') + ' iPhone-12 C++ node.js 3.5kg 20mg/L α-淀粉酶';
    const r = await db.execute<{ lexemes: string[] }>(sql`SELECT tsvector_to_array(${weightedTsvector({ A: text })}) AS lexemes`);
    expect(new Set(r.rows[0]!.lexemes)).toEqual(new Set(tokensForIndex(text)));
  });

  it("survives the 'simple' parser too (to_tsvector('simple', token) = token)", async () => {
    const tokens = [...new Set(tokensForIndex(DOCS.map((d) => `${d.title} ${d.body}`).join(' ') + ' iPhone-12 C++ node.js 3.5kg α-淀粉酶'))];
    const r = await db.execute<{ token: string; lexemes: string[] }>(
      sql`SELECT t AS token, tsvector_to_array(to_tsvector('simple', t)) AS lexemes FROM jsonb_array_elements_text(${JSON.stringify(tokens)}::jsonb) AS t`,
    );
    expect(r.rows.filter((row) => row.lexemes.length !== 1 || row.lexemes[0] !== row.token)).toEqual([]);
  });

  it('keeps a very long text under the tsvector size limit', async () => {
    const huge = Array.from({ length: 40_000 }, (_, i) => `编号${i}号样品 sample${i}x`).join('，');
    const r = await db.execute<{ n: number }>(sql`SELECT length(${weightedTsvector({ C: huge })})::int AS n`);
    expect(r.rows[0]!.n).toBeGreaterThan(1000);
  });
});

// Inputs users could type: anything, with the characters that break query syntax favoured.
const nasty = fc.constantFrom("'", '"', '\\', ':', '*', '&', '|', '!', '(', ')', '<->', '<2>', ' ', '-', '.', '/', '+', '😀', '\u0000', '甜高粱', 'LoRa', "'; DROP TABLE search_probe; --", 'a:*', '!!', '&&');
const userInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((xs) => xs.join('')),
);

describe('tsquery safety', () => {
  it('turns any input into no query or a tsquery PostgreSQL accepts', async () => {
    await fc.assert(
      fc.asyncProperty(userInput, fc.constantFrom<QueryMode>('and', 'or'), async (input, mode) => {
        const text = tsqueryText(queryTerms(input), mode);
        if (text === null) return;
        const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM search_probe WHERE vec @@ ${text}::tsquery`);
        expect(r.rows[0]!.n).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts raw token arrays from any caller, not only the tokenizer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(userInput, { maxLength: 6 }), async (tokens) => {
        const text = tsqueryText(tokens, 'and');
        if (text === null) return;
        await db.execute(sql`SELECT ${text}::tsquery, to_tsquery('simple', ${text})`);
      }),
      { numRuns: 200 },
    );
  });

  it('builds a tsvector PostgreSQL accepts from any text', async () => {
    await fc.assert(
      fc.asyncProperty(userInput, userInput, async (title, body) => {
        const text = tsvectorText({ A: segmenter().tokensForIndex(title), C: segmenter().tokensForIndex(body) });
        await db.execute(sql`SELECT ${text}::tsvector`);
      }),
      { numRuns: 200 },
    );
  });

  it('quotes any string as one lexeme that PostgreSQL reads back unchanged', async () => {
    const lexeme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((x) => !x.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(lexeme, fc.constantFrom("'", '\\', "\\'", "''", ' : ')), async (x) => {
        const r = await db.execute<{ a: string[] }>(sql`SELECT tsvector_to_array(${quoteLexeme(x)}::tsvector) AS a`);
        expect(r.rows[0]!.a).toEqual([x]);
      }),
      { numRuns: 200 },
    );
  });

  it('matches every text by its own title and body as queries', async () => {
    for (const doc of DOCS) {
      for (const text of [doc.title, doc.body]) {
        const q = tsqueryText(queryTerms(text), 'and');
        const r = await db.execute<{ ok: boolean }>(sql`SELECT ${weightedTsvector({ A: doc.title, C: doc.body })} @@ ${q}::tsquery AS ok`);
        expect(r.rows[0]!.ok, text).toBe(true);
      }
    }
  });

  it('keeps query tokens of a text within its index tokens', () => {
    for (const d of DOCS) {
      const index = new Set(tokensForIndex(d.body));
      expect(tokensForQuery(d.body).filter((t) => !index.has(t))).toEqual([]);
    }
  });
});
