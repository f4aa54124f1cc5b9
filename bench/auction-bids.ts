/**
 * `npm run bench:bids` (issue 5): sustained bids per second on ONE auction
 * with 200 concurrent bidders over HTTP, and the bid latency (p50, p99).
 *
 * A throwaway embedded PostgreSQL; the platform is spawned on it as in
 * production (`server/main.ts`, job worker on). Synthetic data written for the
 * benchmark: one holder organisation with a published achievement listed for
 * auction, 200 verified bidder organisations, each registered with its deposit
 * recorded and one user with an API token (bearer, so sign-in limits do not
 * apply). Each bidder loops for BENCH_DURATION seconds: it bids the lowest
 * acceptable amount it knows of (the best price any bidder has seen, as the
 * live price would show) plus 0–2 increments, and waits for the answer before
 * bidding again. A refusal as too low or already leading is a normal outcome
 * of the race and is counted, not an error.
 *
 * Env: BENCH_BIDDERS (200), BENCH_DURATION seconds (30), BENCH_DATABASE_URL
 * (an external PostgreSQL instead of the embedded one).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sha256 } from '../server/core/tokens.js';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { apiTokens } from '../server/modules/identity/schema.js';
import { auctionBidders, auctionBids, auctions } from '../server/modules/trading/schema.js';
import { createOrg, createUser } from '../tests/support/factories.js';
import { createAchievement } from '../tests/support/listing-factory.js';
import { freePort, launchPlatform, signInHttp } from '../tests/e2e/support/launch.js';
import { table, writeReport } from './report.js';

const BIDDERS = Number(process.env.BENCH_BIDDERS ?? 200);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const ADMIN_PASSWORD = 'Bench-Bids-2026!x';
const START = 1_000_000;
const STEP = 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-bids-'));
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'db'), port: await freePort() });
  const databaseUrl = external ?? pg!.url;
  const platform = await launchPlatform({ dataDir: path.join(dir, 'app'), databaseUrl, adminPassword: ADMIN_PASSWORD, env: { LOG_LEVEL: 'error' } });
  const db = createDb(databaseUrl, 5);
  try {
    // The holder lists its achievement over HTTP (the platform checks the terms); the rest is written directly.
    const holderOrg = await createOrg(db, { type: 'research_institute', name: '基准测试研究所' });
    const holder = await createUser(db, { roles: ['org_admin', 'researcher'], organisationId: holderOrg.id, username: `bench-holder-${randomBytes(3).toString('hex')}` });
    const a = await createAchievement(db, { title: '基准测试成果：智能灌溉控制技术', summary: '仅用于竞价基准测试的合成成果记录，不代表真实技术，也不会出现在任何演示数据中。' }, { organisationId: holderOrg.id, index: false });
    const { cookie, csrf } = await signInHttp(platform.url, holder.username, holder.password);
    const now = Date.now();
    const res = await fetch(`${platform.url}/api/v1/trading/listings`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        achievementId: a.id,
        mode: 'auction',
        transferMode: 'transfer',
        terms: '基准测试',
        listedFrom: new Date(now - 120_000).toISOString(),
        listedUntil: new Date(now + 7 * 86_400_000).toISOString(),
        // Anti-sniping off: the end is far away, extensions are tested elsewhere.
        auction: { startPriceFen: START, incrementFen: STEP, depositFen: 100_000, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), snipeWindowMinutes: 0, snipeExtendMinutes: 0 },
      }),
    });
    if (res.status !== 200) throw new Error(`listing failed: ${res.status} ${await res.text()}`);
    const auctionId = ((await res.json()) as { auction: { id: string } }).auction.id;

    const tokens: string[] = [];
    for (let i = 0; i < BIDDERS; i++) {
      const org = await createOrg(db, { name: `基准竞买企业${i + 1}` });
      const u = await createUser(db, { roles: ['enterprise_member'], organisationId: org.id });
      const secret = `cg_${randomBytes(24).toString('base64url')}`;
      await db.insert(apiTokens).values({ userId: u.id, name: 'bench', prefix: secret.slice(0, 8), tokenHash: sha256(secret), createdAt: new Date() });
      await db.insert(auctionBidders).values({ auctionId, organisationId: org.id, registeredBy: u.id, bidderNo: i + 1, depositStatus: 'paid', depositReference: `bench-${i + 1}`, depositPaidAt: new Date(), registeredAt: new Date() });
      tokens.push(secret);
    }
    console.error(`${BIDDERS} bidders × ${DURATION} s on one auction`);

    let nextMin = START;
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    const deadline = performance.now() + DURATION * 1000;
    const bidder = async (token: string) => {
      while (performance.now() < deadline) {
        const amountFen = nextMin + STEP * Math.floor(Math.random() * 3);
        const t0 = performance.now();
        const r = await fetch(`${platform.url}/api/v1/trading/auctions/${auctionId}/bids`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ amountFen }),
        });
        const body = (await r.json()) as { auction?: { nextMinimumFen: number }; error?: { code: string } };
        latencies.push(performance.now() - t0);
        const key = r.status === 200 ? 'accepted' : `${r.status} ${body.error?.code ?? ''}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (body.auction) nextMin = Math.max(nextMin, body.auction.nextMinimumFen);
        else if (body.error?.code === 'BID_TOO_LOW') nextMin = Math.max(nextMin, amountFen + STEP);
      }
    };
    const t0 = performance.now();
    await Promise.all(tokens.map((t) => bidder(t)));
    const seconds = (performance.now() - t0) / 1000;

    // The invariants, after the storm.
    const bids = await db.select({ seq: auctionBids.seq, amountFen: auctionBids.amountFen }).from(auctionBids).where(eq(auctionBids.auctionId, auctionId)).orderBy(auctionBids.seq);
    const [row] = await db.select().from(auctions).where(eq(auctions.id, auctionId));
    const increasing = bids.every((b, i) => b.seq === i + 1 && (i === 0 || b.amountFen >= bids[i - 1]!.amountFen + STEP));
    const priceIsMax = row!.currentPriceFen === (bids.at(-1)?.amountFen ?? null) && row!.bidCount === bids.length;

    latencies.sort((x, y) => x - y);
    const accepted = outcomes.get('accepted') ?? 0;
    const result = {
      bidders: BIDDERS,
      seconds: Number(seconds.toFixed(1)),
      requests: latencies.length,
      requestsPerSecond: Math.round(latencies.length / seconds),
      acceptedBids: accepted,
      acceptedBidsPerSecond: Math.round(accepted / seconds),
      latencyP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      latencyP99Ms: Number(percentile(latencies, 99).toFixed(1)),
      outcomes: Object.fromEntries(outcomes),
      invariants: { bidsStrictlyIncreasing: increasing, priceEqualsLastBid: priceIsMax },
      database: external ? 'external' : 'embedded',
      cpus: os.cpus().length,
    };
    console.log(
      table(
        ['bidders', 'seconds', 'requests/s', 'accepted bids/s', 'p50 ms', 'p99 ms', 'outcomes', 'invariants hold'],
        [[BIDDERS, result.seconds, result.requestsPerSecond, result.acceptedBidsPerSecond, result.latencyP50Ms, result.latencyP99Ms, JSON.stringify(result.outcomes), String(increasing && priceIsMax)]],
      ),
    );
    console.error(`report: ${writeReport('auction-bids', result)}`);
    if (!increasing || !priceIsMax) process.exitCode = 1;
  } finally {
    await db.$client.end();
    await platform.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
