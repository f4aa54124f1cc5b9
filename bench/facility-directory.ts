/**
 * Shared-facilities directory benchmark (issue 7, task 10): public directory
 * search p50/p95 at N published labs, R&D centres and instruments, with and
 * without the kind filter, in a throwaway embedded PostgreSQL. Facilities are
 * synthetic Chinese texts composed from the word lists below (no product or
 * shared data), with search vectors computed as the product computes them.
 *
 *   npm run bench:facility-directory                         # N=100000
 *   BENCH_N=20000 BENCH_REPEAT=10 npm run bench:facility-directory
 *   BENCH_DATA_DIR=/tmp/fac100k npm run bench:facility-directory   # keep the database; later runs skip the insert
 *   BENCH_DATABASE_URL=postgres://… npm run bench:facility-directory  # a running PostgreSQL (e.g. 15)
 *
 * Latency is of the directory operation in process (jieba, the id query and
 * capped count, the rows by id), as the route runs it, without HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { searchDirectory } from '../server/modules/facilities/directory.js';
import { segmenter, tsvectorText, weightedTokens } from '../server/modules/search/index.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { median, table, writeReport, percentile } from './report.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const PLACES = ['凉州区', '武威市', '黄羊镇', '清源镇', '永昌镇', '高坝镇', '金羊镇', '丰乐镇', '河东镇', '四坝镇', '古浪县', '民勤县', '天祝县'];
const OWNERS = ['研究所', '职业技术学院', '农业科学院', '检验检测中心', '有限公司', '工程技术研究中心'];
const CATEGORIES = ['分析仪器', '物理性能测试仪器', '计量仪器', '电子测量仪器', '医学科研仪器', '特种检测仪器', '工艺试验仪器', '大型计算机'];
const INSTRUMENTS = ['液相色谱仪', '气相色谱质谱联用仪', '原子吸收光谱仪', '扫描电子显微镜', '激光粒度分析仪', '核磁共振波谱仪', '电感耦合等离子体质谱仪', '傅里叶红外光谱仪', '万能材料试验机', '荧光定量PCR仪', '冷冻干燥机', '高速离心机'];
const LABS = ['甜高粱加工重点实验室', '葡萄酒酿造中试基地', '农产品质量检测实验室', '新材料研发中心', '智能制造工程中心', '中药材检测实验室', '节水灌溉试验站'];
const USES = ['农产品农药残留检测', '酒类风味物质分析', '土壤重金属测定', '材料力学性能测试', '微生物鉴定', '饲料成分分析', '药材有效成分测定', '水质检测'];
const KINDS = ['instrument', 'instrument', 'instrument', 'lab', 'rd_centre'] as const;
const QUERIES = ['液相色谱仪', '色谱', '检测', '甜高粱 实验室', '凉州区 质谱', '农药残留', '显微镜', 'PCR', '冷冻', '中试', '民勤 土壤 重金属', '研究中心'];

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

function facility(i: number) {
  const kind = pick(KINDS, i);
  const place = pick(PLACES, Math.floor(i / 5));
  const instrument = kind === 'instrument';
  const base = instrument ? pick(INSTRUMENTS, i * 7) : pick(LABS, i * 3);
  const uses = [pick(USES, i), pick(USES, i * 5 + 2)];
  return {
    kind,
    name: `${place}${base}${i}号`,
    category: instrument ? pick(CATEGORIES, i * 11) : '',
    model: instrument ? `MX-${1000 + (i % 9000)}` : null,
    manufacturer: instrument ? pick(['岛津', '安捷伦', '赛默飞', '布鲁克', '国产'], i) : null,
    specifications: instrument ? `检出限0.${i % 9 + 1}ppb，分辨率${(i % 50) + 10}nm，样品通量每小时${(i % 40) + 5}个。` : `实验面积${200 + (i % 800)}平方米，配备通风、纯水和洁净工作台。`,
    description: `面向${uses.join('、')}等需求开放共享，提供${instrument ? '上机测试和数据分析' : '场地与中试条件'}服务。`,
    location: `${place}科技园${(i % 30) + 1}号楼`,
    feeFen: 5000 + (i % 200) * 100,
  };
}

async function populate(db: Db): Promise<void> {
  const orgs = (await db.execute<{ id: string; name: string }>(sql`
    INSERT INTO organisations (type, name, verification_status)
    SELECT 'research_institute', '基准测试共享单位' || g || ${pick(OWNERS, 0)}, 'verified' FROM generate_series(1, 200) g RETURNING id, name`)).rows;
  const seg = segmenter();
  const BATCH = 2000;
  for (let start = 0; start < N; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => {
      const i = start + k;
      const f = facility(i);
      const org = pick(orgs, i);
      const vector = tsvectorText(weightedTokens({ A: f.name, B: [f.category, f.model, f.manufacturer], C: [f.specifications, f.description], D: [f.location, org.name] }, seg));
      return { ...f, org: org.id, vector, i };
    });
    const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
    await db.execute(sql`
      INSERT INTO facilities (organisation_id, kind, name, category, model, manufacturer, specifications, description, location, fee_unit, fee_fen, opening_hours, status, search_vector, published_at)
      SELECT o, k, n, c, m, mf, sp, d, lo, 'hour', fee, '{"days":[1,2,3,4,5],"open":"08:30","close":"17:30"}'::jsonb, 'published', v::tsvector, now() - (i || ' minutes')::interval
      FROM unnest(${col('org')}::uuid[], ${col('kind')}::text[], ${col('name')}::text[], ${col('category')}::text[], ${col('model')}::text[], ${col('manufacturer')}::text[],
        ${col('specifications')}::text[], ${col('description')}::text[], ${col('location')}::text[], ${col('feeFen')}::bigint[], ${col('vector')}::text[], ${col('i')}::int[])
        AS t(o, k, n, c, m, mf, sp, d, lo, fee, v, i)`);
  }
}

async function main(): Promise<void> {
  const external = process.env.BENCH_DATABASE_URL;
  const keep = process.env.BENCH_DATA_DIR ?? (external ? 'external' : undefined);
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'cg-bench-facilities-'));
  const pg = external ? { url: external, stop: async () => {} } : await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 8);
  try {
    await runMigrations(db);
    console.log(`facility directory bench: N=${N}, ${REPEAT} runs per query`);
    const t0 = performance.now();
    const existing = Number((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM facilities`)).rows[0]?.n ?? 0);
    if (existing === 0) await populate(db);
    else if (existing !== N) throw new Error(`the database holds ${existing} facilities, not ${N}`);
    const tInsert = performance.now() - t0;
    await db.execute(sql`VACUUM ANALYZE facilities`);
    const rows: { query: string; filter: string; mode: string; hits: string; p50: number; p95: number }[] = [];
    for (const q of ['', ...QUERIES]) {
      for (const kind of [undefined, 'instrument'] as const) {
        const times: number[] = [];
        let last = { total: 0, capped: false, mode: '' };
        for (let r = 0; r < REPEAT + 2; r++) {
          const t = performance.now();
          const res = await searchDirectory(db, { q: q || undefined, kind }, { limit: 20, offset: 0 });
          if (r >= 2) times.push(performance.now() - t);
          last = { total: res.total, capped: res.capped, mode: res.mode ?? 'none' };
        }
        rows.push({ query: q || '(browse)', filter: kind ?? 'none', mode: last.mode, hits: `${last.total}${last.capped ? '+' : ''}`, p50: percentile(times, 50), p95: percentile(times, 95) });
      }
    }
    console.log(`\ninsert ${N} facilities with jieba vectors: ${(tInsert / 1000).toFixed(1)} s (0 when reused)\n`);
    console.log(table(['query', 'kind', 'mode', 'hits', 'p50 ms', 'p95 ms'], rows.map((r) => [r.query, r.filter, r.mode, r.hits, r.p50.toFixed(1), r.p95.toFixed(1)])));
    const all = rows.map((r) => r.p95);
    const summary = { p50: median(rows.map((r) => r.p50)), p95: percentile(all, 95), worstP95: Math.max(...all) };
    console.log('\nsummary (median of per-query p50, p95 of per-query p95):', summary);
    console.log(`report: ${writeReport('facility-directory', { n: N, repeat: REPEAT, insertSeconds: tInsert / 1000, summary, rows })}`);
  } finally {
    await db.$client.end();
    await pg.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
