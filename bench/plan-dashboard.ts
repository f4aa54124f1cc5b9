/**
 * Plan dashboard benchmark (issue 6): server time to compute every indicator
 * of the dashboard with N published achievements, and the time to make the
 * PDF status report.
 *
 * A throwaway embedded PostgreSQL in a temporary directory, migrated and
 * seeded with the default configuration (Liangzhou organisations and plan);
 * the achievements are synthetic rows (benchmark only, never product data)
 * published across the plan's years, so the computed indicators have work.
 *
 *   npx tsx bench/plan-dashboard.ts               # N=100000
 *   BENCH_N=20000 BENCH_REPEAT=5 npx tsx bench/plan-dashboard.ts
 *   BENCH_CONTRACTS=1000000 npx tsx bench/plan-dashboard.ts   # plus N registered contracts (issue 6)
 *
 * Times are of the operations in process, as the routes run them, without HTTP.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { systemActor } from '../server/core/access.js';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { seedDefaults } from '../server/modules/organisations/seed.js';
import { buildDashboard } from '../server/modules/plans/dashboard.js';
import { availableSource } from '../server/modules/plans/indicators/index.js';
import { planReportDocument } from '../server/modules/plans/report-pdf.js';
import { findPlan } from '../server/modules/plans/repository.js';
import { seedDefaultPlan } from '../server/modules/plans/seed.js';
import { createPdf } from '../server/pdf/create-pdf.js';
import { cjkFont } from '../server/pdf/fonts.js';
import { pdfPageCount } from '../server/pdf/inspect.js';
import { regionsAtLevel, techFields } from '../shared/taxonomies/index.js';
import { freePort, ROOT } from '../tests/e2e/support/launch.js';
import { populateContracts } from './contract-statistics.js';
import { median, table, writeReport } from './report.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);

const ms = (x: number) => Number(x.toFixed(1));
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function runs<T>(n: number, fn: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const [t, r] = await timed(fn);
    times.push(t);
    last = r;
  }
  return { times, last: last as T };
}

/** N published achievements, synthetic titles, publication times spread evenly over 2017–2020 (the plan's years). */
async function populate(db: Db): Promise<void> {
  const [org] = (await db.execute<{ id: string }>(sql`
    INSERT INTO organisations (type, name, verification_status) VALUES ('research_institute', '基准测试研究院', 'verified') RETURNING id`)).rows;
  const field = techFields()[0]!.children[0]!.code;
  const region = regionsAtLevel('county')[0]!.code;
  const span = Date.parse('2021-01-01T00:00:00+08:00') - Date.parse('2017-01-01T00:00:00+08:00');
  const BATCH = 20_000;
  for (let start = 0; start < N; start += BATCH) {
    const n = Math.min(BATCH, N - start);
    await db.execute(sql`
      INSERT INTO achievements (organisation_id, status, title, summary, industry_section, tech_field, pillar_tags, region_code, trl, stage,
        transfer_modes, ip_types, price_fen, price_negotiable, published_at)
      SELECT ${org!.id}, 'published', '基准测试成果 ' || g, '用于仪表盘基准测试的合成成果，不是产品数据。', 'C', ${field}, ARRAY[]::text[], ${region}, 1 + g % 9, 'middle',
        ARRAY['transfer'], ARRAY['invention-patent'], NULL, true,
        timestamptz '2017-01-01 00:00:00+08' + (g::double precision / ${N}::int * ${span}::bigint) * interval '1 millisecond'
      FROM generate_series(${start}::int, ${start + n - 1}::int) g`);
  }
  await db.execute(sql`VACUUM ANALYZE achievements`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-plan-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 10);
  try {
    await runMigrations(db);
    await seedDefaults(db);
    const [planId] = await seedDefaultPlan(db);
    const plan = (await findPlan(db, planId!))!;
    console.log(`plan dashboard bench: ${plan.title}, N=${N} published achievements, ${REPEAT} runs each; font ${cjkFont().source}`);
    const [tInsert] = await timed(() => populate(db));
    const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 0);
    if (CONTRACTS > 0) {
      const [tc] = await timed(() => populateContracts(db, CONTRACTS));
      console.log(`inserted ${CONTRACTS} registered contracts in ${(tc / 1000).toFixed(1)} s`);
    }

    const contracts = await availableSource(db, 'contract-turnover');
    const contractNote = contracts
      ? `contract-turnover source present, ${CONTRACTS} contracts (BENCH_CONTRACTS)`
      : 'technology-contract table does not exist yet: the contract-turnover indicator shows as reported (no source), so the 1,000,000-contract case of issue 6 is not measured';
    console.log(`inserted ${N} achievements in ${(tInsert / 1000).toFixed(1)} s\nNOTE: ${contractNote}\n`);

    const actor = systemActor('bench');
    const now = new Date();
    const results: { case: string; runs: number; medianMs: number; p95Ms: number; note: string }[] = [];
    const record = (name: string, times: number[], note = '') => results.push({ case: name, runs: times.length, medianMs: ms(median(times)), p95Ms: ms(p95(times)), note });

    for (const year of [2020, 2018]) {
      const d = await runs(REPEAT, () => buildDashboard(db, actor, plan, now, year));
      const computed = d.last.indicators.filter((i) => i.source === 'computed');
      const registered = computed.find((i) => i.code === 'achievements-registered');
      record(`dashboard ${year} (all indicators)`, d.times, `${d.last.indicators.length} indicators, ${computed.length} computed; achievements-registered = ${registered?.value}`);
    }

    const [tFirstPdf, first] = await timed(async () => createPdf((await planReportDocument(db, actor, plan, now)).definition));
    record('PDF report, first in process (font load)', [tFirstPdf], `${pdfPageCount(first)} pages, ${(first.length / 1024).toFixed(0)} KiB`);
    const data = await runs(REPEAT, () => planReportDocument(db, actor, plan, now));
    record('PDF report: data + document definition + charts', data.times);
    // pdfmake annotates the definition it lays out, so each render gets a fresh one; only createPdf is timed.
    const renderTimes: number[] = [];
    let rendered: Buffer = Buffer.alloc(0);
    for (let i = 0; i < REPEAT; i++) {
      const { definition } = await planReportDocument(db, actor, plan, now);
      const [t, buf] = await timed(() => createPdf(definition));
      renderTimes.push(t);
      rendered = buf;
    }
    record('PDF report: pdfmake render', renderTimes, `${pdfPageCount(rendered)} pages, ${(rendered.length / 1024).toFixed(0)} KiB`);
    const total = await runs(REPEAT, async () => createPdf((await planReportDocument(db, actor, plan, now)).definition));
    record('PDF report, end to end (warm)', total.times);
    mkdirSync(path.join(ROOT, 'artifacts', 'bench'), { recursive: true });
    writeFileSync(path.join(ROOT, 'artifacts', 'bench', 'plan-report-sample.pdf'), total.last);

    console.log(table(['case', 'runs', 'median ms', 'p95 ms', 'note'], results.map((r) => [r.case, r.runs, r.medianMs.toFixed(1), r.p95Ms.toFixed(1), r.note])));
    const file = writeReport('plan-dashboard', { n: N, repeat: REPEAT, insertSeconds: tInsert / 1000, font: cjkFont().source, contracts: contractNote, results });
    console.log(`\nwrote ${file} and artifacts/bench/plan-report-sample.pdf`);
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
