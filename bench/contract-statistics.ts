/**
 * Contract statistics benchmark (issue 5): time of the statistics query
 * (every breakdown: whole months from the monthly summary, decision record
 * 0023; and, as the reference, one GROUPING SETS statement over the rows) and of the public summary
 * and the plan's contract-turnover sum over N registered contracts.
 *
 * A throwaway embedded PostgreSQL in a temporary directory, migrated and
 * seeded; the contracts are synthetic rows (benchmark only, never product
 * data) generated in the database with multi-row INSERT … SELECT from
 * generate_series, registered evenly over 2017–2026, with types, fields,
 * industries and regions rotating so every breakdown has groups.
 *
 *   npm run bench:contract-stats                       # N=1000000
 *   BENCH_N=100000 BENCH_REPEAT=5 npm run bench:contract-stats
 *
 * Times are of the operations in process, as the routes run them, without HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { publicSummary, computeStatistics, statisticsFromRows } from '../server/modules/contracts/statistics.js';
import { seedDefaults } from '../server/modules/organisations/seed.js';
import { availableSource, sumRecords } from '../server/modules/plans/indicators/index.js';
import { regionChildren, techFields } from '../shared/taxonomies/index.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { median, table, writeReport } from './report.js';

const ms = (x: number) => Number(x.toFixed(1));
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/**
 * N approved registrations, generated in the database in batches of 100,000.
 * Exported for the plan-dashboard bench (BENCH_CONTRACTS).
 */
export async function populateContracts(db: Db, n: number): Promise<void> {
  const [org] = (await db.execute<{ id: string }>(sql`
    INSERT INTO organisations (type, name, verification_status, region_code) VALUES ('research_institute', '基准测试合同卖方', 'verified', '620602') RETURNING id`)).rows;
  const fields = techFields().flatMap((f) => f.children.map((c) => c.code));
  // The district and its neighbours in Gansu, one province elsewhere, and abroad ('').
  const regions = ['620602', '620602', '620602', ...regionChildren('620600').map((r) => r.code), ...regionChildren('620100').map((r) => r.code), '110000', ''];
  const types = ['development.commissioned', 'development.cooperative', 'transfer.patent', 'transfer.trade_secret', 'licence.patent_licence', 'consulting.consulting', 'service.service', 'service.training', 'service.intermediary'];
  const industries = ['A', 'C', 'C', 'D', 'I', 'M', 'N', 'Q'];
  const span = Date.parse('2027-01-01T00:00:00+08:00') - Date.parse('2017-01-01T00:00:00+08:00');
  const BATCH = 100_000;
  for (let start = 0; start < n; start += BATCH) {
    const k = Math.min(BATCH, n - start);
    await db.execute(sql`
      INSERT INTO tech_contracts (kind, status, organisation_id, type, sub_type, project_name, signed_on, signed_place, valid_from, valid_to,
        seller, buyer, seller_region, buyer_region, tech_field, industry_section, ip_type, plan_category,
        contract_amount_fen, deductions, tech_amount_fen, payment_schedule, registration_number, registered_at,
        counted_contracts, counted_contract_fen, counted_tech_fen)
      SELECT 'original', 'approved', ${org!.id},
        split_part((${sql.param(types)}::text[])[1 + g % ${types.length}], '.', 1), split_part((${sql.param(types)}::text[])[1 + g % ${types.length}], '.', 2),
        '基准测试合同 ' || g, date '2017-01-01', '凉州区', date '2017-01-01', date '2030-12-31',
        '{"name":"基准测试合同卖方","countryCode":"CN","regionCode":"620602","nature":"research_institute"}'::jsonb,
        '{"name":"基准测试买方","countryCode":"CN","regionCode":"620602","nature":"enterprise_domestic"}'::jsonb,
        CASE WHEN g % 7 = 0 THEN (${sql.param(regions)}::text[])[1 + (g / 7) % ${regions.length}] ELSE '620602' END,
        (${sql.param(regions)}::text[])[1 + (g * 31) % ${regions.length}],
        (${sql.param(fields)}::text[])[1 + g % ${fields.length}], (${sql.param(industries)}::text[])[1 + g % ${industries.length}], 'none', 'none',
        amount, '[]'::jsonb, amount - amount / 10, '[]'::jsonb, lpad(g::text, 16, '0'),
        timestamptz '2017-01-01 00:00:00+08' + (g::double precision / ${n}::int * ${span}::bigint) * interval '1 millisecond',
        1, amount, amount - amount / 10
      FROM (SELECT g, (10000000 + (g::bigint * 7919) % 500000000)::bigint AS amount FROM generate_series(${start}::int, ${start + k - 1}::int) g) s`);
  }
  await db.execute(sql`VACUUM ANALYZE tech_contracts`);
}

async function main(): Promise<void> {
  const N = Number(process.env.BENCH_N ?? 1_000_000);
  const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-contracts-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 10);
  try {
    await runMigrations(db);
    await seedDefaults(db);
    console.log(`contract statistics bench: N=${N} registered contracts, ${REPEAT} runs each`);
    const [tInsert] = await timed(() => populateContracts(db, N));
    console.log(`inserted ${N} contracts in ${(tInsert / 1000).toFixed(1)} s\n`);
    const now = new Date('2026-11-28T04:00:00Z');
    const results: { case: string; runs: number; medianMs: number; p95Ms: number; note: string }[] = [];
    const bench = async (name: string, fn: () => Promise<string>, runs = REPEAT) => {
      const times: number[] = [];
      let note = '';
      for (let i = 0; i < runs; i++) {
        const [t, r] = await timed(fn);
        times.push(t);
        note = r;
      }
      results.push({ case: name, runs, medianMs: ms(median(times)), p95Ms: ms(p95(times)), note });
    };
    await bench('statistics, one year (all breakdowns)', async () => {
      const s = await computeStatistics(db, { year: 2020 }, now, 'zh-CN');
      return `${s.totals.contracts} contracts, ${s.byMonth.length} months, ${s.bySellerRegion.length + s.byBuyerRegion.length} region groups`;
    });
    await bench('statistics, 2017–2026 (all rows)', async () => {
      const s = await computeStatistics(db, { from: '2017-01-01', to: '2027-01-01' }, now, 'zh-CN');
      return `${s.totals.contracts} contracts, ${s.byMonth.length} months`;
    });
    await bench('statistics, 2020-03-15 to 2021-02-10 (edge months from the rows)', async () => {
      const s = await computeStatistics(db, { from: '2020-03-15', to: '2021-02-10' }, now, 'zh-CN');
      return `${s.totals.contracts} contracts, ${s.byMonth.length} months`;
    });
    // The reference: the same statistics summed over the rows (what the page ran before the monthly summary).
    const reference = Number(process.env.BENCH_REFERENCE_RUNS ?? 3);
    let same = true;
    await bench('reference: sums over the rows, one year', async () => {
      const s = await statisticsFromRows(db, { year: 2020 }, now, 'zh-CN');
      same &&= JSON.stringify(s) === JSON.stringify(await computeStatistics(db, { year: 2020 }, now, 'zh-CN'));
      return `${s.totals.contracts} contracts; summary equal: ${same}`;
    }, reference);
    await bench('reference: sums over the rows, 2017–2026', async () => {
      const q = { from: '2017-01-01', to: '2027-01-01' };
      const s = await statisticsFromRows(db, q, now, 'zh-CN');
      same &&= JSON.stringify(s) === JSON.stringify(await computeStatistics(db, q, now, 'zh-CN'));
      return `${s.totals.contracts} contracts; summary equal: ${same}`;
    }, reference);
    if (!same) process.exitCode = 1;
    await bench('public summary (5 years + this year by type)', async () => {
      const s = await publicSummary(db, now);
      return `${s.years.length} years`;
    });
    const src = (await availableSource(db, 'contract-turnover'))!;
    await bench('plan contract-turnover sum, one year', async () => {
      const v = await sumRecords(db, src, new Date('2019-12-31T16:00:00Z'), new Date('2020-12-31T16:00:00Z'));
      return `${v} fen`;
    });
    console.log(table(['case', 'runs', 'median ms', 'p95 ms', 'note'], results.map((r) => [r.case, r.runs, r.medianMs.toFixed(1), r.p95Ms.toFixed(1), r.note])));
    const file = writeReport('contract-statistics', { n: N, repeat: REPEAT, insertSeconds: tInsert / 1000, results });
    console.log(`\nwrote ${file}`);
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
