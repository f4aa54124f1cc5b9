/**
 * Registry directory search benchmark (issue 7): public directory search
 * p50/p95 at N entries (maker spaces, the largest directory shape: same code
 * path as every registry), with and without filters, in a throwaway embedded
 * PostgreSQL. Entries are synthetic Chinese texts composed from word lists
 * below (no product or shared data).
 *
 *   npm run bench:directory                  # N=100000
 *   BENCH_N=20000 BENCH_REPEAT=10 npm run bench:directory
 *   BENCH_DATA_DIR=/tmp/dir100k npm run bench:directory   # keep the database; later runs skip the insert
 *   BENCH_DATABASE_URL=postgres://… npm run bench:directory  # a running PostgreSQL (e.g. 15), same reuse
 *
 * Latency is of the directory operation in process (jieba + the plan, rows and
 * count SQL), as the route runs it, without HTTP.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { searchDirectory } from '../server/modules/registries/directory.js';
import { entryVectorText } from '../server/modules/registries/index-entry.js';
import type { EntryRow } from '../server/modules/registries/kinds.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { percentile } from './report.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const PLACES = ['凉州', '武威', '黄羊', '清源', '永昌', '高坝', '金羊', '丰乐', '河东', '四坝', '古浪', '民勤', '天祝', '金川', '张掖'];
const FIELDS = ['甜高粱', '葡萄酒', '风光电装备', '机械治沙', '生物制药', '精细化工', '农产品精深加工', '设施农牧业', '特色林果', '核技术应用', '电子商务', '文化创意', '智能制造', '新材料', '冷链物流'];
const KINDS = ['maker_space', 'incubator', 'accelerator', 'star_space'] as const;
const KIND_ZH = { maker_space: '众创空间', incubator: '科技企业孵化器', accelerator: '加速器', star_space: '星创天地' };
const LEVELS = ['none', 'municipal', 'provincial', 'national'] as const;
const SERVICES = ['创业辅导', '工商注册', '融资对接', '技术转移', '知识产权', '检验检测', '人才培训', '市场推广', '法律咨询', '财税代理'];
const QUERIES = ['甜高粱', '众创空间', '机械治沙 孵化器', '凉州 电子商务', '融资对接', '葡萄酒', '核技术', '星创天地', '冷链', '新材料 加速器', '民勤', '知识产权 培训'];

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

function entry(i: number) {
  const kind = pick(KINDS, i);
  const field = pick(FIELDS, i * 7);
  const place = pick(PLACES, Math.floor(i / 3));
  const services = [pick(SERVICES, i), pick(SERVICES, i * 5 + 1), pick(SERVICES, i * 11 + 2)];
  return {
    name: `${place}${field}${KIND_ZH[kind]}${i}号`,
    kind,
    level: pick(LEVELS, Math.floor(i / 4)),
    specialisation: i % 2 ? 'professional' : 'general',
    field,
    services,
    summary: `${place}${field}${KIND_ZH[kind]}面向${field}领域的创业团队和中小企业，提供${services.join('、')}等服务，现有孵化面积${1000 + (i % 9000)}平方米，累计孵化企业${i % 80}家。`,
  };
}

async function populate(db: Db): Promise<void> {
  const orgs = (await db.execute<{ id: string; name: string }>(sql`
    INSERT INTO organisations (type, name, verification_status)
    SELECT 'maker_space', '基准测试运营单位' || g, 'verified' FROM generate_series(1, 100) g RETURNING id, name`)).rows;
  const BATCH = 2000;
  for (let start = 0; start < N; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => {
      const i = start + k;
      const e = entry(i);
      const org = pick(orgs, i);
      return { ...e, org: org.id, vector: entryVectorText('space', { ...e, id: '', operatorName: null, address: null } as unknown as EntryRow, org.name) };
    });
    await db.execute(sql`
      INSERT INTO spaces (organisation_id, name, kind, level, specialisation, field, services, summary, status, published_at, search_vector, search_dictionary_version)
      SELECT o, n, k, l, s, f, string_to_array(sv, '|'), su, 'published', now() - (i || ' minutes')::interval, v::tsvector, 'bench'
      FROM unnest(${sql.param(rows.map((r) => r.org))}::uuid[], ${sql.param(rows.map((r) => r.name))}::text[], ${sql.param(rows.map((r) => r.kind))}::text[],
        ${sql.param(rows.map((r) => r.level))}::text[], ${sql.param(rows.map((r) => r.specialisation))}::text[], ${sql.param(rows.map((r) => r.field))}::text[],
        ${sql.param(rows.map((r) => r.services.join('|')))}::text[], ${sql.param(rows.map((r) => r.summary))}::text[], ${sql.param(rows.map((r) => r.vector))}::text[],
        ${sql.param(rows.map((_, k) => start + k))}::int[]) AS t(o, n, k, l, s, f, sv, su, v, i)`);
  }
}

async function main(): Promise<void> {
  const external = process.env.BENCH_DATABASE_URL;
  const keep = process.env.BENCH_DATA_DIR ?? (external ? 'external' : undefined);
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'cg-bench-directory-'));
  const pg = external ? { url: external, stop: async () => {} } : await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 8);
  try {
    await runMigrations(db);
    console.log(`directory search bench: N=${N}, ${REPEAT} runs per query`);
    const t0 = performance.now();
    const existing = Number((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM spaces`)).rows[0]?.n ?? 0);
    if (existing === 0) await populate(db);
    else if (existing !== N) throw new Error(`BENCH_DATA_DIR holds ${existing} entries, not ${N}`);
    const tInsert = performance.now() - t0;
    await db.execute(sql`VACUUM ANALYZE spaces`);
    const rows: { query: string; filter: string; p50: number; p95: number; hits: string; mode: string }[] = [];
    const cases: [string, Record<string, string>][] = [['none', {}], ['provincial maker spaces', { type: 'maker_space', level: 'provincial' }]];
    for (const q of ['', ...QUERIES]) {
      for (const [filter, f] of cases) {
        const times: number[] = [];
        let last = { total: 0, totalCapped: false, mode: '' };
        for (let r = 0; r < REPEAT + 2; r++) {
          const t = performance.now();
          const res = await searchDirectory(db, 'space', { q: q || undefined, page: 1, pageSize: 20, ...f });
          if (r >= 2) times.push(performance.now() - t);
          last = { total: res.total, totalCapped: res.totalCapped, mode: res.mode };
        }
        rows.push({ query: q || '(browse)', filter, p50: percentile(times, 50), p95: percentile(times, 95), hits: `${last.total}${last.totalCapped ? '+' : ''}`, mode: last.mode });
      }
    }
    console.log(`\ninsert ${N} entries with jieba vectors: ${(tInsert / 1000).toFixed(1)} s\n`);
    console.log('| query | filter | mode | hits | p50 ms | p95 ms |');
    console.log('| --- | --- | --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.query} | ${r.filter} | ${r.mode} | ${r.hits} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
    const all = rows.map((r) => r.p95);
    const summary = { p50: percentile(rows.map((r) => r.p50), 50), p95: percentile(all, 95), worstP95: Math.max(...all) };
    console.log('\nsummary (median of per-query p50, p95 of per-query p95):', summary);
    mkdirSync('artifacts/bench', { recursive: true });
    writeFileSync(
      'artifacts/bench/directory-search.json',
      `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, n: N, repeat: REPEAT, insertSeconds: tInsert / 1000, summary, rows }, null, 2)}\n`,
    );
  } finally {
    await db.$client.end();
    await pg.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
