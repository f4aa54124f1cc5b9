/**
 * Catalog search benchmark (issue 3): public search p50/p95 latency with
 * facets at N achievements, index rebuild time, and the same searches over
 * PostgreSQL's own to_tsvector('simple') (no segmentation) for comparison.
 *
 * Volume comes from repeating the real texts of ../shared/data (zhibei
 * achievements, ChinaXiv abstracts) under new ids, in a throwaway embedded
 * PostgreSQL in a temporary directory: benchmark only, never product data.
 *
 *   npm run bench:catalog-search            # N=100000
 *   BENCH_N=20000 BENCH_REPEAT=10 npm run bench:catalog-search
 *
 * Latency is of the search operation in process (jieba + every SQL of a page:
 * plan, rows, count, one query per facet), as the route runs it, without HTTP.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { runIndexRebuild } from '../server/modules/catalog/search/rebuild-index.js';
import { clearBrowseCache, countRows, facetCounts, searchAchievements, selectRows } from '../server/modules/catalog/search/search-listings.js';
import type { QueryPlan } from '../server/modules/catalog/search/query-plan.js';
import { pillarIndustries, regionsAtLevel, techFields } from '../shared/taxonomies/index.js';
import { freePort } from '../tests/e2e/support/launch.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const QUERIES = ['甜高粱', '医用重离子加速器', '机械治沙', '膜下滴灌', '风光电', '太阳能电池', '深度学习', '重金属污染土壤修复', '马铃薯淀粉', '石墨烯', '污水处理', '无人机'];
const FILTERED = { industrySection: 'C', trlMin: 4 } as const;

type Text = { title: string; summary: string; keywords: string[] };

function loadTexts(): Text[] {
  const out: Text[] = [];
  for (const line of readFileSync(path.join(DATA, 'zhibei/achievements.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title: string; abstract: string };
    if (r.title && r.abstract) out.push({ title: r.title.slice(0, 100), summary: r.abstract.trim().slice(0, 4000), keywords: [] });
  }
  for (const line of readFileSync(path.join(DATA, 'chinaxiv/papers.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title: string; abstract: string; lang?: string };
    if (r.title && r.abstract) out.push({ title: r.title.slice(0, 100), summary: r.abstract.trim().slice(0, 4000), keywords: [] });
  }
  return out;
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

async function populate(db: Db, texts: Text[]): Promise<void> {
  const [org] = (await db.execute<{ id: string }>(sql`
    INSERT INTO organisations (type, name, verification_status) VALUES ('research_institute', '基准测试研究院', 'verified') RETURNING id`)).rows;
  const pillars = pillarIndustries().map((p) => p.code);
  const fields = techFields().flatMap((f) => f.children.map((c) => c.code));
  const counties = regionsAtLevel('county').map((r) => r.code);
  const sections = ['A', 'C', 'C', 'C', 'D', 'I', 'M'];
  const stages = ['early', 'middle', 'mature'];
  const modes = ['transfer', 'license', 'equity-investment', 'joint-development', 'technical-service'];
  const ips = ['invention-patent', 'utility-model', 'software-copyright', 'plant-variety'];
  const BATCH = 2000;
  for (let start = 0; start < N; start += BATCH) {
    const n = Math.min(BATCH, N - start);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const t = pick(texts, i);
      const negotiable = i % 3 === 0;
      return {
        title: t.title,
        summary: t.summary,
        section: pick(sections, i * 3),
        field: pick(fields, i * 13),
        pillar: pick(pillars, i * 7),
        region: pick(counties, i * 11),
        trl: 1 + (i % 9),
        stage: pick(stages, i),
        mode: pick(modes, i * 3),
        ip: pick(ips, i * 17),
        price: negotiable ? null : 1_000_000 * (1 + (i % 500)),
        negotiable,
        published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      };
    });
    const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
    await db.execute(sql`
      WITH src AS (
        SELECT * FROM unnest(${col('title')}::text[], ${col('summary')}::text[], ${col('section')}::text[], ${col('field')}::text[],
          ${col('pillar')}::text[], ${col('region')}::text[], ${col('trl')}::int[], ${col('stage')}::text[], ${col('mode')}::text[],
          ${col('ip')}::text[], ${col('price')}::bigint[], ${col('negotiable')}::boolean[], ${col('published')}::timestamptz[])
          AS s(title, summary, section, field, pillar, region, trl, stage, mode, ip, price, negotiable, published)
      ), ins AS (
        INSERT INTO achievements (organisation_id, status, title, summary, industry_section, tech_field, pillar_tags, region_code, trl, stage,
          transfer_modes, ip_types, price_fen, price_negotiable, published_at)
        SELECT ${org!.id}, 'published', title, summary, section, field, ARRAY[pillar], region, trl, stage, ARRAY[mode], ARRAY[ip], price, negotiable, published
        FROM src RETURNING id, title, summary, pillar_tags, tech_field
      ), rev AS (
        INSERT INTO listing_revisions (kind, achievement_id, number, status, content)
        SELECT 'achievement', id, 1, 'approved', jsonb_build_object('title', title, 'summary', summary, 'pillarTags', to_jsonb(pillar_tags), 'techField', tech_field, 'keywords', '[]'::jsonb)
        FROM ins RETURNING id
      )
      SELECT count(*) FROM rev`);
    process.stdout.write(`\r  inserted ${start + n}/${N}`);
  }
  process.stdout.write('\n');
  // Not in the statement above: its sub-statements share one snapshot and cannot update rows it inserts.
  await db.execute(sql`UPDATE achievements a SET published_revision_id = r.id FROM listing_revisions r WHERE r.achievement_id = a.id`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

type Row = { query: string; filters: string; engine: string; p50: number; p95: number; hits: number; mode: string };

async function measure(label: string, engine: string, filters: string, run: () => Promise<{ total: number; mode: string }>): Promise<Row> {
  const first = await run(); // warm-up (and the hit count)
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push(await time(run));
  return { query: label, filters, engine, p50: percentile(times, 50), p95: percentile(times, 95), hits: first.total, mode: first.mode };
}

/** The same page (rows, count, facets) over the unsegmented column. */
function simplePlan(q: string): QueryPlan {
  const query = sql`plainto_tsquery('simple', ${q})`;
  return { mode: 'and', where: sql`l.simple_vector @@ ${query}`, score: sql`ts_rank(l.simple_vector, ${query})`, tokens: [] };
}

async function simpleSearch(db: Db, q: string, filter: Record<string, unknown>) {
  const plan = simplePlan(q);
  const [, total] = await Promise.all([
    selectRows(db, 'achievement', filter, plan, 20, 0),
    countRows(db, 'achievement', filter, plan),
    facetCounts(db, 'achievement', filter, plan, 'zh-CN'),
  ]);
  return { total, mode: 'simple' };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-search-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 12);
  try {
    await runMigrations(db);
    const texts = loadTexts();
    console.log(`catalog search bench: N=${N}, ${texts.length} distinct texts, ${REPEAT} runs per query`);
    const tInsert = await time(() => populate(db, texts));

    const [rebuild] = (await db.execute<{ id: string }>(sql`INSERT INTO index_rebuilds (dictionary_version) VALUES ('bench') RETURNING id`)).rows;
    const tRebuild = await time(() => runIndexRebuild(db, rebuild!.id, () => new Date()));

    await db.execute(sql`ALTER TABLE achievements ADD COLUMN simple_vector tsvector`);
    const tSimple = await time(async () => {
      await db.execute(sql`UPDATE achievements SET simple_vector = setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'C')`);
      await db.execute(sql`CREATE INDEX achievements_simple_vector ON achievements USING gin (simple_vector)`);
    });
    await db.execute(sql`VACUUM ANALYZE achievements`);
    const sizes = (await db.execute<{ jieba: string; simple: string }>(sql`
      SELECT pg_size_pretty(pg_relation_size('achievements_search')) AS jieba, pg_size_pretty(pg_relation_size('achievements_simple_vector')) AS simple`)).rows[0]!;

    const rows: Row[] = [];
    rows.push(await measure('(browse, no query, cold counts)', 'jieba', 'none', async () => {
      clearBrowseCache();
      const r = await searchAchievements(db, { page: 1, pageSize: 20 }, 'zh-CN');
      return { total: r.total, mode: r.mode };
    }));
    rows.push(await measure('(browse, no query, cached counts)', 'jieba', 'none', async () => {
      const r = await searchAchievements(db, { page: 1, pageSize: 20 }, 'zh-CN');
      return { total: r.total, mode: r.mode };
    }));
    for (const q of QUERIES) {
      for (const [name, filter] of [['none', {}], ['section C, TRL≥4', FILTERED]] as const) {
        rows.push(await measure(q, 'jieba', name, async () => {
          const r = await searchAchievements(db, { q, page: 1, pageSize: 20, ...filter }, 'zh-CN');
          return { total: r.total, mode: r.mode };
        }));
        rows.push(await measure(q, 'simple', name, () => simpleSearch(db, q, filter)));
      }
    }

    const summary = (engine: string) => {
      const r = rows.filter((x) => x.engine === engine && !x.query.startsWith('(browse'));
      return { p50: percentile(r.map((x) => x.p50), 50), p95: percentile(r.map((x) => x.p95), 95), queriesWithHits: r.filter((x) => x.hits > 0).length, queries: r.length };
    };
    console.log(`\ninsert ${N} rows: ${(tInsert / 1000).toFixed(1)} s; index rebuild (jieba): ${(tRebuild / 1000).toFixed(1)} s ` +
      `(${Math.round(N / (tRebuild / 1000))} rows/s); to_tsvector('simple') + GIN: ${(tSimple / 1000).toFixed(1)} s; GIN size jieba ${sizes.jieba}, simple ${sizes.simple}\n`);
    console.log('| query | filters | engine | mode | hits | p50 ms | p95 ms |');
    console.log('| --- | --- | --- | --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.query} | ${r.filters} | ${r.engine} | ${r.mode} | ${r.hits} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
    console.log('\nsummary (median of per-query p50, p95 of per-query p95):', { jieba: summary('jieba'), simple: summary('simple') });

    mkdirSync('artifacts/bench', { recursive: true });
    writeFileSync(
      'artifacts/bench/catalog-search.json',
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, memGiB: Math.round(os.totalmem() / 2 ** 30) },
          n: N,
          repeat: REPEAT,
          insertSeconds: tInsert / 1000,
          rebuildSeconds: tRebuild / 1000,
          simpleIndexSeconds: tSimple / 1000,
          ginSize: sizes,
          rows,
          summary: { jieba: summary('jieba'), simple: summary('simple') },
        },
        null,
        2,
      )}\n`,
    );
    console.log('wrote artifacts/bench/catalog-search.json');
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
