/**
 * `npm run bench:match-latency`: match latency at 10 000, 100 000 and
 * 1 000 000 achievements.
 *
 * Volume is made by repeating the 2 812 real zhibei achievements under new ids
 * (`zb-a-00001#7`), inside PostgreSQL (INSERT … SELECT over generate_series),
 * so 1M rows load in minutes and no copy of the data leaves the bench
 * database. Repetition makes every document frequency N/2 812 times larger and
 * every posting list as long as it would be at that size, which is what costs;
 * the figures are latency only, never quality.
 *
 * The bench database is an embedded PostgreSQL in `artifacts/bench-db/match-latency`
 * (not the dev data directory); tables are kept between runs and rebuilt only when
 * the records or the dictionary change, so a second run starts measuring at once.
 *
 * Queries: every k-th zhibei demand (title + description, with its sections and
 * cooperation modes, as demand → achievements) and every k-th achievement
 * (title + abstract, as achievement → similar), one at a time, tokenising
 * included. Reported per volume: p50/p95 of the whole match and of its SQL part.
 *
 * Env: BENCH_SIZES (default 10000,100000,1000000), BENCH_LATENCY_QUERIES (per
 * direction, default 100), BENCH_LATENCY_BASELINE (sizes up to which the
 * ts_rank_cd baseline is timed too, default 100000; it ranks every OR match and
 * takes seconds per query at 1M), BENCH_LATENCY_DIR, BENCH_MATCH_CONFIG,
 * BENCH_DATABASE_URL (an existing database instead of the embedded one).
 */
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import {
  buildQuery,
  CorpusStats,
  loadMatchConfig,
  PgCandidateSource,
  rank,
  Synonyms,
  type CorpusStatsJson,
  type MatchConfig,
} from '../server/modules/matching/engine/index.js';
import { currentDictionaryVersion, segmenter } from '../server/modules/search/index.js';
import { loadZhibei, type BenchQuery, type Task } from './match/data.js';
import { loadCorpus, tableName } from './match/db.js';
import { percentile } from './match/metrics.js';
import { BENCH_NOW, DEPTH, engineCorpus, tsRankCdSystem } from './match/systems.js';
import { fieldTerms, tokenizeCorpus, type FieldTokens } from './match/tokens.js';
import { table, writeReport } from './report.js';
import { ROOT } from '../tests/e2e/support/launch.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const QUERIES = Number(process.env.BENCH_LATENCY_QUERIES ?? 100);
const BASELINE_UP_TO = Number(process.env.BENCH_LATENCY_BASELINE ?? 100000);
const DIR = process.env.BENCH_LATENCY_DIR ?? path.join(ROOT, 'artifacts', 'bench-db', 'match-latency');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function every<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]!);
}

/** Statistics of `size` records made of whole copies of the base plus the first records of one more. */
function scaledStats(base: readonly FieldTokens[], size: number): CorpusStats {
  const copies = Math.floor(size / base.length);
  const one = CorpusStats.from(base.map(fieldTerms)).toJSON();
  const json: CorpusStatsJson = {
    n: one.n * copies,
    lengthSum: Object.fromEntries(Object.entries(one.lengthSum).map(([k, v]) => [k, v * copies])) as CorpusStatsJson['lengthSum'],
    df: one.df.map(([t, n]) => [t, n * copies]),
  };
  const stats = CorpusStats.fromJSON(json);
  for (const t of base.slice(0, size - copies * base.length)) stats.add(fieldTerms(t));
  return stats;
}

async function main() {
  const started = performance.now();
  segmenter();
  const config: MatchConfig = loadMatchConfig(process.env.BENCH_MATCH_CONFIG);
  const synonyms = Synonyms.load();
  const zhibei = loadZhibei();
  const docs = [...zhibei.corpus.docs].sort((a, b) => (a.id < b.id ? -1 : 1));
  const tokens = tokenizeCorpus(docs);
  const version = `${docs.length}:${currentDictionaryVersion()}`;

  let url = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  if (!url) {
    mkdirSync(DIR, { recursive: true });
    const handle = await startEmbeddedPostgres({ dataDir: DIR, port: await freePort() });
    url = handle.url;
    stopServer = handle.stop;
    log(`bench database: embedded PostgreSQL in ${path.relative(ROOT, DIR)}`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  const db = drizzle(pool);
  const rows: { size: number; system: string; direction: string; queries: number; p50: number; p95: number; sqlP50?: number; sqlP95?: number; candidates?: number }[] = [];
  const loads: { size: number; seconds: number | null }[] = [];
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query('CREATE TABLE IF NOT EXISTS bench_meta (name text PRIMARY KEY, version text NOT NULL, rows int NOT NULL)');
    const ready = async (name: string, n: number) =>
      (await pool.query('SELECT 1 FROM bench_meta WHERE name = $1 AND version = $2 AND rows = $3', [name, version, n])).rowCount === 1;

    if (!(await ready('base', docs.length))) {
      await loadCorpus(pool, { name: 'lat_base', docs }, tokens);
      await pool.query('INSERT INTO bench_meta VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET version = $2, rows = $3', ['base', version, docs.length]);
    }
    const baseTable = tableName('lat_base');
    const baseTokens = docs.map((d) => tokens.get(d.id)!);
    const demandQueries = every(zhibei.demandTask.queries, QUERIES);
    const similarQueries = every(zhibei.similarTask.queries, QUERIES);

    for (const size of SIZES) {
      const name = `lat_${size}`;
      const t = tableName(name);
      if (!(await ready(name, size))) {
        const t0 = performance.now();
        log(`loading ${size} records into ${t} …`);
        await pool.query(`DROP TABLE IF EXISTS ${t}`);
        await pool.query(`CREATE TABLE ${t} (id text PRIMARY KEY, external_id text, title text NOT NULL DEFAULT '', facets jsonb NOT NULL, search_vector tsvector)`);
        // Copy g of record r gets id r#g (g = 0 keeps the real id), in the base's id order.
        await pool.query(
          `INSERT INTO ${t}
           SELECT CASE WHEN g = 0 THEN b.id ELSE b.id || '#' || g END, b.external_id, b.title, b.facets, b.search_vector
           FROM (SELECT *, row_number() OVER (ORDER BY id) - 1 AS rn FROM ${baseTable}) b, generate_series(0, $1::int) g
           WHERE g * $2::int + b.rn < $3::int`,
          [Math.ceil(size / docs.length), docs.length, size],
        );
        await pool.query(`CREATE INDEX ON ${t} USING gin (search_vector)`);
        await pool.query(`CREATE INDEX ON ${t} USING gin (title gin_trgm_ops)`);
        await pool.query(`VACUUM ANALYZE ${t}`);
        await pool.query('INSERT INTO bench_meta VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET version = $2, rows = $3', [name, version, size]);
        const seconds = (performance.now() - t0) / 1000;
        loads.push({ size, seconds });
        log(`loaded ${size} in ${seconds.toFixed(0)} s`);
      } else {
        loads.push({ size, seconds: null });
        log(`reusing ${t}`);
      }
      const stats = scaledStats(baseTokens, size);
      const ec = engineCorpus(db, { name, docs: [] }, tokens, stats);
      const source = new PgCandidateSource(ec.db, ec.spec, config, stats);
      // Warm the cache the way a running server's would be.
      for (const q of demandQueries.slice(0, 5)) await timeEngine(q, zhibei.demandTask);

      async function timeEngine(q: BenchQuery, task: Task) {
        const t0 = performance.now();
        const query = buildQuery(
          { direction: task.direction, source: { text: q.text, ...(q.title ? { title: q.title } : {}) }, facets: q.facets ?? {}, now: BENCH_NOW },
          { stats, config, synonyms },
        );
        if (q.selfId) query.selfId = q.selfId;
        const t1 = performance.now();
        const candidates = await source.candidates(query);
        const t2 = performance.now();
        rank(query, candidates, stats, config, { limit: DEPTH });
        return { total: performance.now() - t0, sql: t2 - t1, candidates: candidates.length };
      }

      for (const [direction, task, queries] of [
        ['demand → achievements', zhibei.demandTask, demandQueries],
        ['achievement → similar', zhibei.similarTask, similarQueries],
      ] as const) {
        const total: number[] = [];
        const sqlMs: number[] = [];
        const cands: number[] = [];
        for (const q of queries) {
          const r = await timeEngine(q, task);
          total.push(r.total);
          sqlMs.push(r.sql);
          cands.push(r.candidates);
        }
        const row = {
          size, system: 'chengguo', direction, queries: queries.length,
          p50: percentile(total, 50), p95: percentile(total, 95), sqlP50: percentile(sqlMs, 50), sqlP95: percentile(sqlMs, 95),
          candidates: Math.round(cands.reduce((s, x) => s + x, 0) / cands.length),
        };
        rows.push(row);
        log(`${size} ${direction} chengguo: p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} ms (SQL ${row.sqlP50.toFixed(1)}/${row.sqlP95.toFixed(1)}), ${row.candidates} candidates`);
        if (size <= BASELINE_UP_TO) {
          const fn = tsRankCdSystem(pool, name);
          const ms: number[] = [];
          for (const q of queries.slice(0, Math.min(queries.length, 30))) {
            const t0 = performance.now();
            await fn(q);
            ms.push(performance.now() - t0);
          }
          rows.push({ size, system: 'ts_rank_cd', direction, queries: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95) });
          log(`${size} ${direction} ts_rank_cd: p50 ${percentile(ms, 50).toFixed(1)} p95 ${percentile(ms, 95).toFixed(1)} ms`);
        }
      }
    }
  } finally {
    await pool.end();
    await stopServer();
  }

  console.log('\nMatch latency at volume (zhibei achievements repeated under new ids; one query at a time, tokenising included)\n');
  console.log(
    table(
      ['achievements', 'direction', 'system', 'queries', 'p50 ms', 'p95 ms', 'SQL p50', 'SQL p95', 'candidates'],
      rows.map((r) => [r.size, r.direction, r.system, r.queries, r.p50.toFixed(1), r.p95.toFixed(1), r.sqlP50?.toFixed(1) ?? '', r.sqlP95?.toFixed(1) ?? '', r.candidates ?? '']),
    ),
  );
  const file = writeReport('match-latency', {
    source: 'zhibei achievements (sbx0/Zhibei be2ef89) repeated under new ids; demands_dev as queries',
    config,
    loads,
    rows,
    seconds: Math.round((performance.now() - started) / 1000),
  });
  console.log(`\nwritten ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
