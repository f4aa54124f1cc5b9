/**
 * Voucher redemption benchmark (issue 8): redemptions per second with 200
 * concurrent clients that retry with the same idempotency keys, and the count
 * of duplicate effects (which must be 0).
 *
 * A throwaway embedded PostgreSQL, migrated and seeded; one programme, one
 * provider, V issued vouchers (synthetic, benchmark only). Clients are paired:
 * client i and client i+100 work through the same vouchers with the same keys
 * (as a client and its retrying proxy would), and each sends every request
 * 1 + R times (R retries, some immediately, some after the others). Each call
 * is the redemption operation as the route runs it (a transaction with
 * `submitRedemption`), without HTTP; the pool has BENCH_POOL connections.
 *
 *   npm run bench:vouchers                       # V=2000, R=2, 200 clients
 *   BENCH_V=1000 BENCH_RETRIES=3 npm run bench:vouchers
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Actor } from '../server/core/access.js';
import { AppError } from '../server/core/errors.js';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { withTx } from '../server/db/tx.js';
import { files } from '../server/modules/files/schema.js';
import { seedDefaults } from '../server/modules/organisations/seed.js';
import { institutions } from '../server/modules/registries/schema.js';
import { issueVouchers } from '../server/modules/vouchers/issue.js';
import { createProgramme, setProgrammeStatus } from '../server/modules/vouchers/programmes.js';
import { submitRedemption } from '../server/modules/vouchers/redeem.js';
import '../server/modules/vouchers/policy.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { table, writeReport } from './report.js';

const V = Number(process.env.BENCH_V ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const RETRIES = Number(process.env.BENCH_RETRIES ?? 2);
const POOL = Number(process.env.BENCH_POOL ?? 20);

function actor(userId: string, organisationId: string | null, roles: Actor['roles']): Actor {
  return { userId, username: 'bench', organisationId, orgVerified: true, roles, locale: 'zh-CN', sessionId: null, via: 'session', ip: null, userAgent: null, requestId: null };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-vouchers-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, POOL);
  try {
    await runMigrations(db);
    await seedDefaults(db);
    const one = async (q: ReturnType<typeof sql>) => (await db.execute<{ id: string }>(q)).rows[0]!.id;
    const enterprise = await one(sql`INSERT INTO organisations (type, name, verification_status) VALUES ('enterprise', '基准测试企业', 'verified') RETURNING id`);
    const providerOrg = await one(sql`INSERT INTO organisations (type, name, verification_status) VALUES ('service_institution', '基准测试检测机构', 'verified') RETURNING id`);
    const adminId = await one(sql`INSERT INTO users (username, display_name, email, password_hash) VALUES ('bench-admin', '基准管理员', 'a@bench.test', 'x') RETURNING id`);
    const providerUserId = await one(sql`INSERT INTO users (username, display_name, email, password_hash, organisation_id) VALUES ('bench-provider', '基准机构', 'p@bench.test', 'x', ${providerOrg}) RETURNING id`);
    await db.insert(institutions).values({ organisationId: providerOrg, name: '基准测试检测机构', types: ['testing'], status: 'published', publishedAt: new Date() });
    const admin = actor(adminId, null, ['bureau_admin']);
    const provider = actor(providerUserId, providerOrg, ['service_member']);
    const evidence: string[] = [];
    for (const name of ['合同.pdf', '发票.pdf', '回单.pdf']) {
      const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
      const [f] = await db.insert(files).values({ organisationId: providerOrg, uploadedBy: providerUserId, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data }).returning();
      evidence.push(f!.id);
    }
    const now = new Date();
    const p = await withTx(db, async (tx) => {
      const row = await createProgramme(tx, admin, { name: '基准测试专项', eligibility: { sizes: [], regionPrefixes: [], verifiedOnly: true }, serviceCategories: ['testing'], providerOrgIds: [], coverageBp: 5000, yearlyCapFen: 1e12, faceValuesFen: [500_000], validityDays: 365, redeemer: 'provider', budgetFen: V * 500_000 }, now);
      await setProgrammeStatus(tx, admin, row.id, { status: 'open' }, now);
      return row;
    });
    const codes: string[] = [];
    for (let i = 0; i < V; i += 200) {
      const rows = await withTx(db, (tx) => issueVouchers(tx, { programmeId: p.id, organisationId: enterprise, applicationId: null, faceValuesFen: Array(Math.min(200, V - i)).fill(500_000), actorUserId: adminId }, now));
      codes.push(...rows.map((r) => r.code));
    }
    console.log(`voucher redemption bench: ${V} vouchers, ${CLIENTS} concurrent clients (paired on the same keys), each request sent ${1 + RETRIES} times per client, pool ${POOL}`);

    const today = now.toISOString().slice(0, 10);
    const bodyFor = (i: number) => ({
      code: codes[i]!,
      idempotencyKey: `bench-${i.toString().padStart(6, '0')}`,
      providerOrgId: providerOrg,
      serviceCategory: 'testing' as const,
      contractNo: `HT-${i}`,
      servicePriceFen: 1_000_000,
      serviceStart: today,
      serviceEnd: today,
      contractFileId: evidence[0]!,
      invoiceFileId: evidence[1]!,
      ownShareProofFileId: evidence[2]!,
    });
    let calls = 0;
    let created = 0;
    let replayed = 0;
    const errors = new Map<string, number>();
    const pairs = CLIENTS / 2;
    const client = async (c: number) => {
      const pair = c % pairs;
      for (let i = pair; i < V; i += pairs) {
        const b = bodyFor(i);
        // First send, an immediate retry in parallel (a timeout that fired too early), then late retries.
        const send = async () => {
          calls++;
          try {
            const r = await withTx(db, (tx) => submitRedemption(tx, provider, b, new Date()));
            if (r.replayed) replayed++;
            else created++;
          } catch (e) {
            const code = e instanceof AppError ? e.code : String((e as Error).message);
            errors.set(code, (errors.get(code) ?? 0) + 1);
          }
        };
        await Promise.all([send(), ...(RETRIES > 0 ? [send()] : [])]);
        for (let r = 1; r < RETRIES; r++) await send();
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const seconds = (performance.now() - t0) / 1000;

    const dup = (await db.execute<{ claims: string; vouchers: string; multi: string; audits: string }>(sql`
      SELECT (SELECT count(*) FROM voucher_redemptions)::text AS claims,
        (SELECT count(DISTINCT voucher_id) FROM voucher_redemptions)::text AS vouchers,
        (SELECT count(*) FROM (SELECT voucher_id FROM voucher_redemptions GROUP BY voucher_id HAVING count(*) > 1) x)::text AS multi,
        (SELECT count(*) FROM audit_log WHERE action = 'voucher_redemption.submit')::text AS audits`)).rows[0]!;
    const duplicates = Number(dup.claims) - Number(dup.vouchers) + Math.abs(Number(dup.audits) - Number(dup.claims)) + (created - Number(dup.claims));
    const rows = [
      ['vouchers redeemed (distinct effects)', Number(dup.vouchers)],
      ['calls (first sends + retries)', calls],
      ['new claims returned', created],
      ['replays returned (same claim)', replayed],
      ['errors', [...errors].map(([k, n]) => `${k}=${n}`).join(' ') || '0'],
      ['duplicate effects', duplicates],
      ['seconds', seconds.toFixed(2)],
      ['redemptions/s (distinct)', (Number(dup.vouchers) / seconds).toFixed(0)],
      ['calls/s', (calls / seconds).toFixed(0)],
    ];
    console.log(table(['measure', 'value'], rows as (string | number)[][]));
    const file = writeReport('voucher-redemptions', { v: V, clients: CLIENTS, retries: RETRIES, pool: POOL, seconds, calls, created, replayed, errors: Object.fromEntries(errors), duplicates, redemptionsPerSecond: Number(dup.vouchers) / seconds, callsPerSecond: calls / seconds });
    console.log(`\nwrote ${file}`);
    if (duplicates !== 0 || Number(dup.vouchers) !== V) process.exitCode = 1;
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
