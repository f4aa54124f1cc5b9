/**
 * Voucher report benchmark (issue 8): time to build the report (each
 * grouping) and its XLSX export over N ledger entries (default 1,000,000).
 *
 * A throwaway embedded PostgreSQL, migrated and seeded; synthetic programmes,
 * enterprises, providers, townships, applications, vouchers, redemptions and
 * entries (benchmark only, never product data) spread over 2026. The ledger's
 * totals trigger is switched off for the bulk load and the totals are then
 * set once from the entries (the product never does this; see
 * docs/decisions/0018-voucher-ledger.md).
 *
 *   npm run bench:voucher-report                 # N≈1,000,000 entries
 *   BENCH_N=200000 BENCH_REPEAT=3 npm run bench:voucher-report
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { seedDefaults } from '../server/modules/organisations/seed.js';
import { exportVoucherReport } from '../server/modules/vouchers/export-report.js';
import { voucherReport } from '../server/modules/vouchers/report.js';
import { REPORT_GROUPS } from '../shared/contracts/vouchers.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { median, table, writeReport } from './report.js';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-vreport-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 4);
  try {
    await runMigrations(db);
    await seedDefaults(db);
    // A third of the vouchers are paid (reserve, redeem, pay), a third expired (reserve, release), a third unused (reserve): 2 entries each on average.
    const vouchersN = Math.ceil(N / 2);
    const [tLoad] = await timed(async () => {
      await db.execute(sql`ALTER TABLE voucher_entries DISABLE TRIGGER voucher_entries_apply`);
      await db.execute(sql`ALTER TABLE voucher_programmes DISABLE TRIGGER voucher_programmes_totals_guard`);
      await db.execute(sql`
        INSERT INTO organisations (type, name, verification_status)
        SELECT CASE WHEN g <= 2000 THEN 'enterprise' WHEN g <= 2100 THEN 'service_institution' ELSE 'township' END,
          '基准单位 ' || g, 'verified' FROM generate_series(1, 2120) g`);
      await db.execute(sql`CREATE TEMP TABLE bo AS SELECT id, row_number() OVER (ORDER BY name) AS n, type FROM organisations WHERE name LIKE '基准单位 %'`);
      await db.execute(sql`
        INSERT INTO voucher_programmes (name, status, coverage_bp, yearly_cap_fen, face_values_fen, validity_days, redeemer, service_categories)
        SELECT '基准专项 ' || g, 'open', 5000, 1000000000, ARRAY[200000, 500000]::bigint[], 180, 'provider', ARRAY['testing','consulting','evaluation'] FROM generate_series(1, 4) g`);
      await db.execute(sql`INSERT INTO voucher_entries (programme_id, kind, amount_fen, idempotency_key) SELECT id, 'allocate', 1000000000000, 'allocate:' || id || ':initial' FROM voucher_programmes`);
      await db.execute(sql`
        CREATE TEMP TABLE bp AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM voucher_programmes;
        CREATE TEMP TABLE ent AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM bo WHERE type = 'enterprise';
        CREATE TEMP TABLE prov AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM bo WHERE type = 'service_institution';
        CREATE TEMP TABLE town AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM bo WHERE type = 'township'`);
      await db.execute(sql`
        INSERT INTO voucher_applications (id, programme_id, organisation_id, enterprise_size, township_org_id, service_category, provider_org_id, service_description, requested_fen, status, created_at)
        SELECT gen_random_uuid(), (SELECT id FROM bp WHERE n = g % 4), (SELECT id FROM ent WHERE n = g % 2000), 'small', (SELECT id FROM town WHERE n = g % 20),
          (ARRAY['testing','consulting','evaluation'])[1 + g % 3], (SELECT id FROM prov WHERE n = g % 100), '基准测试', 500000, 'approved', timestamptz '2026-01-01 08:00+08'
        FROM generate_series(0, 1999) g`);
      await db.execute(sql`CREATE TEMP TABLE ba AS SELECT id, programme_id, organisation_id, row_number() OVER (ORDER BY id) - 1 AS n FROM voucher_applications`);
      await db.execute(sql`
        INSERT INTO files (purpose, filename, content_type, size_bytes, sha256, data)
        VALUES ('attachment', '基准.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea)`);
      const BATCH = 100_000;
      for (let start = 0; start < vouchersN; start += BATCH) {
        const end = Math.min(vouchersN, start + BATCH) - 1;
        await db.execute(sql`
          INSERT INTO vouchers (code, programme_id, application_id, organisation_id, face_value_fen, valid_from, valid_until, status, issued_at)
          SELECT 'B' || lpad(g::text, 10, '0'), a.programme_id, a.id, a.organisation_id, CASE WHEN g % 2 = 0 THEN 200000 ELSE 500000 END,
            date '2026-01-01' + (g % 300), date '2026-01-01' + (g % 300) + 179,
            (ARRAY['paid','expired','issued'])[1 + g % 3], timestamptz '2026-01-01 00:00+08' + ((g % 300) || ' days')::interval
          FROM generate_series(${start}::int, ${end}::int) g JOIN ba a ON a.n = g % 2000`);
      }
      await db.execute(sql`
        INSERT INTO voucher_redemptions (voucher_id, submitter_org_id, idempotency_key, request_hash, provider_org_id, service_category, contract_no, service_price_fen, amount_fen,
          service_start, service_end, contract_file_id, invoice_file_id, own_share_proof_file_id, status, created_at)
        SELECT v.id, ap.provider_org_id, v.code, 'x', ap.provider_org_id, ap.service_category, 'HT', v.face_value_fen * 2, v.face_value_fen,
          v.issued_at::date, v.issued_at::date, f.id, f.id, f.id, 'paid', v.issued_at + interval '20 days'
        FROM vouchers v JOIN voucher_applications ap ON ap.id = v.application_id CROSS JOIN (SELECT id FROM files LIMIT 1) f
        WHERE v.status = 'paid'`);
      await db.execute(sql`
        INSERT INTO voucher_entries (programme_id, voucher_id, kind, amount_fen, idempotency_key, reason, created_at)
        SELECT programme_id, id, 'reserve', face_value_fen, 'reserve:' || id, NULL, issued_at FROM vouchers
        UNION ALL SELECT programme_id, id, 'redeem', face_value_fen, 'redeem:' || id, NULL, issued_at + interval '20 days' FROM vouchers WHERE status = 'paid'
        UNION ALL SELECT programme_id, id, 'pay', face_value_fen, 'pay:' || id, NULL, issued_at + interval '35 days' FROM vouchers WHERE status = 'paid'
        UNION ALL SELECT programme_id, id, 'release', face_value_fen, 'release:' || id, 'expiry', issued_at + interval '180 days' FROM vouchers WHERE status = 'expired'`);
      await db.execute(sql`ALTER TABLE voucher_entries ENABLE TRIGGER voucher_entries_apply`);
      await db.execute(sql`
        UPDATE voucher_programmes p SET allocated_fen = t.a, reserved_fen = t.r, released_fen = t.l, redeemed_fen = t.d, paid_fen = t.p
        FROM (SELECT programme_id, sum(amount_fen) FILTER (WHERE kind = 'allocate') a, sum(amount_fen) FILTER (WHERE kind = 'reserve') r,
          sum(amount_fen) FILTER (WHERE kind = 'release') l, sum(amount_fen) FILTER (WHERE kind = 'redeem') d, sum(amount_fen) FILTER (WHERE kind = 'pay') p
          FROM voucher_entries GROUP BY programme_id) t WHERE t.programme_id = p.id`);
      await db.execute(sql`ALTER TABLE voucher_programmes ENABLE TRIGGER voucher_programmes_totals_guard`);
      await db.execute(sql`ANALYZE`);
    });
    const [{ n: entries }] = (await db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM voucher_entries`)).rows as [{ n: string }];
    console.log(`voucher report bench: ${Number(entries).toLocaleString('en')} ledger entries over ${vouchersN.toLocaleString('en')} vouchers (loaded in ${(tLoad / 1000).toFixed(1)} s), ${REPEAT} runs each`);
    const now = new Date('2026-12-31T04:00:00Z');
    const results: (string | number)[][] = [];
    const out: Record<string, number> = {};
    for (const g of REPORT_GROUPS) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < REPEAT; i++) {
        const [t, r] = await timed(() => voucherReport(db, { groupBy: g, from: '2026-01-01', to: '2026-12-31' }, now, 'zh-CN'));
        times.push(t);
        rows = r.rows.length;
      }
      out[g] = median(times);
      results.push([`report by ${g}`, rows, median(times).toFixed(0)]);
    }
    const xt: number[] = [];
    for (let i = 0; i < REPEAT; i++) xt.push((await timed(() => exportVoucherReport(db, { groupBy: 'provider', from: '2026-01-01', to: '2026-12-31' }, now)))[0]);
    out.xlsxProvider = median(xt);
    results.push(['XLSX export by provider', 100, median(xt).toFixed(0)]);
    console.log(table(['case', 'rows', 'median ms'], results));
    const file = writeReport('voucher-report', { entries: Number(entries), vouchers: vouchersN, repeat: REPEAT, loadSeconds: tLoad / 1000, medianMs: out });
    console.log(`\nwrote ${file}`);
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
