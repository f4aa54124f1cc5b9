/**
 * Booking benchmark (issue 7, task 10): throughput of booking requests and of
 * the owner's confirmations when 100 clients ask at once for overlapping slots
 * of one instrument, and a check that no two confirmed bookings overlap.
 *
 * A throwaway embedded PostgreSQL, migrated and seeded; one published
 * instrument (synthetic, benchmark only). Each round: 100 simultaneous
 * requests for random slots of one day (09:00–17:00, 30–120 minutes, on a
 * 15-minute grid, so most overlap), then 100 simultaneous confirmations of
 * all of them: the exclusion constraint lets through a non-overlapping set and
 * refuses the rest with BOOKING_OVERLAP. Operations run in process as the
 * routes run them (transaction, row lock, audit, notifications), without HTTP.
 *
 *   npm run bench:booking                     # 100 concurrent, 10 rounds, pool 20
 *   BENCH_CONCURRENCY=200 BENCH_ROUNDS=5 BENCH_POOL=10 npm run bench:booking
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../server/core/access.js';
import { AppError } from '../server/core/errors.js';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { withTx } from '../server/db/tx.js';
import { moveBooking } from '../server/modules/facilities/decide-booking.js';
import '../server/modules/facilities/policy.js';
import { requestBooking } from '../server/modules/facilities/request-booking.js';
import { facilities } from '../server/modules/facilities/schema.js';
import { setRoles } from '../server/modules/identity/repository.js';
import { users } from '../server/modules/identity/schema.js';
import { organisations } from '../server/modules/organisations/schema.js';
import { seedDefaults } from '../server/modules/organisations/seed.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { median, table, writeReport } from './report.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const POOL = Number(process.env.BENCH_POOL ?? 20);

const NOW = new Date('2026-06-01T00:00:00Z');

function actorOf(userId: string, organisationId: string, roles: Actor['roles']): Actor {
  return { userId, username: 'bench', organisationId, orgVerified: true, roles, locale: 'zh-CN', sessionId: null, via: 'system', ip: null, userAgent: null, requestId: 'bench' } as Actor;
}

/** A deterministic pseudo-random sequence (mulberry32), so rounds are repeatable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-booking-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, POOL);
  try {
    await runMigrations(db);
    await seedDefaults(db);
    const [owner] = await db.insert(organisations).values({ type: 'university', name: '基准测试学院', verificationStatus: 'verified' }).returning();
    const [client] = await db.insert(organisations).values({ type: 'enterprise', name: '基准测试企业', verificationStatus: 'verified' }).returning();
    const mk = async (name: string, orgId: string, roles: Actor['roles']) => {
      const [u] = await db.insert(users).values({ username: name, displayName: name, email: `${name}@example.test`, passwordHash: 'x', organisationId: orgId }).returning();
      await setRoles(db, u!.id, roles);
      return actorOf(u!.id, orgId, roles);
    };
    const ownerActor = await mk('bench-owner', owner!.id, ['org_admin', 'researcher']);
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => mk(`bench-client-${i}`, client!.id, ['enterprise_member'])));
    const [f] = await db
      .insert(facilities)
      .values({ organisationId: owner!.id, kind: 'instrument', name: '基准测试仪器', location: '基准测试楼', feeUnit: 'hour', feeFen: 10000, openingHours: { days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '18:00' }, status: 'published', publishedAt: NOW })
      .returning();

    console.log(`booking bench: ${CONCURRENCY} concurrent requests and confirmations per round, ${ROUNDS} rounds, pool ${POOL}`);
    const rows: { round: number; requestMs: number; requestPerSec: number; confirmMs: number; confirmPerSec: number; confirmed: number; refused: number; overlaps: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const day = new Date(Date.UTC(2026, 5, 2 + round)).toISOString().slice(0, 10);
      const rand = rng(round + 1);
      const slots = Array.from({ length: CONCURRENCY }, () => {
        const start = 9 * 60 + Math.floor(rand() * 28) * 15; // 09:00–15:45
        const len = 30 + Math.floor(rand() * 7) * 15; // 30–120 min
        const end = Math.min(start + len, 17 * 60);
        const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        return { startsAt: `${day}T${hm(start)}:00+08:00`, endsAt: `${day}T${hm(end)}:00+08:00` };
      });
      const t0 = performance.now();
      const booked = await Promise.all(
        slots.map((s, i) => withTx(db, (tx) => requestBooking(tx, clients[i % clients.length]!, f!.id, { ...s, purpose: `基准测试 ${i}` }, NOW))),
      );
      const t1 = performance.now();
      const results = await Promise.allSettled(booked.map((b) => withTx(db, (tx) => moveBooking(tx, ownerActor, b.id, 'confirm', {}, NOW))));
      const t2 = performance.now();
      const confirmed = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === 'BOOKING_OVERLAP').length;
      const other = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof AppError && r.reason.code === 'BOOKING_OVERLAP'));
      if (other.length) throw (other[0] as PromiseRejectedResult).reason;
      const ov = await db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM facility_bookings x JOIN facility_bookings y ON x.id < y.id AND x.facility_id = y.facility_id
        WHERE x.status = 'confirmed' AND y.status = 'confirmed' AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`);
      rows.push({
        round: round + 1,
        requestMs: t1 - t0,
        requestPerSec: (CONCURRENCY / (t1 - t0)) * 1000,
        confirmMs: t2 - t1,
        confirmPerSec: (CONCURRENCY / (t2 - t1)) * 1000,
        confirmed,
        refused,
        overlaps: ov.rows[0]!.n,
      });
    }
    console.log(
      table(
        ['round', 'requests ms', 'requests/s', 'confirm ms', 'confirms/s', 'confirmed', 'refused', 'overlaps'],
        rows.map((r) => [r.round, r.requestMs.toFixed(0), r.requestPerSec.toFixed(0), r.confirmMs.toFixed(0), r.confirmPerSec.toFixed(0), r.confirmed, r.refused, r.overlaps]),
      ),
    );
    const total = rows.reduce((n, r) => n + r.overlaps, 0);
    const summary = {
      medianRequestPerSec: median(rows.map((r) => r.requestPerSec)),
      medianConfirmPerSec: median(rows.map((r) => r.confirmPerSec)),
      confirmedTotal: rows.reduce((n, r) => n + r.confirmed, 0),
      overlapsTotal: total,
    };
    console.log(`\nmedian ${summary.medianRequestPerSec.toFixed(0)} requests/s, ${summary.medianConfirmPerSec.toFixed(0)} confirmations/s; overlapping confirmed pairs: ${total}`);
    const file = writeReport('booking', { concurrency: CONCURRENCY, rounds: ROUNDS, pool: POOL, summary, rows });
    console.log(`report: ${file}`);
    await db.select().from(facilities).where(eq(facilities.id, f!.id));
    if (total !== 0) process.exitCode = 1;
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
