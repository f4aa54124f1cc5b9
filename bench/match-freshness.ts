/**
 * Matching freshness benchmark (issue 4): time from a publication's commit to
 * the record appearing in match results, median and p95 over N publications.
 *
 * What happens in between is what happens in production: the publishing
 * transaction enqueues the catalog's re-indexing job (as approving a revision
 * does); its NOTIFY wakes the job worker (started here as `npm start` starts
 * it, LISTEN/NOTIFY); the job segments the record and writes its search
 * vector; from then on the match query (the same `runMatch` the API runs)
 * finds it. Measured: commit → vector written (polled every 5 ms), and
 * commit → the match query for the record's own title and first sentence
 * returns it among the top 10 (vector + one query). Also the cost of one
 * statistics rebuild at that size (the job that follows publications).
 *
 * Background corpus: achievements from ../shared/data/zhibei repeated under
 * new ids, in a throwaway embedded PostgreSQL (benchmark only, never product
 * data); the published records are other zhibei records.
 *
 *   npm run bench:match-freshness                  # 10 000 background records, 30 publications
 *   BENCH_N=2000 BENCH_PUBLICATIONS=50 npm run bench:match-freshness
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createLogger } from '../server/core/logger.js';
import { enqueue, Worker } from '../server/core/jobs/queue.js';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { indexListings, reindexListingJob } from '../server/modules/catalog/search/index-listing.js';
import { runMatch } from '../server/modules/matching/match-service.js';
import { rebuildTermStats } from '../server/modules/matching/term-stats.js';
import '../server/jobs.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { achievementContent, achievementTexts, insertPublishedAchievements, type Text } from './match/platform.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 30);

/** One publication as the catalog commits it: the record published and its re-indexing queued, in one transaction. */
async function publish(db: Db, orgId: string, t: Text): Promise<string> {
  return db.transaction(async (tx) => {
    const a = await tx.execute<{ id: string }>(sql`
      INSERT INTO achievements (organisation_id, status, title, summary, industry_section, trl, transfer_modes, price_negotiable, published_at)
      VALUES (${orgId}, 'published', ${t.title}, ${t.summary}, 'C', 6, ARRAY['transfer'], true, now()) RETURNING id`);
    const id = a.rows[0]!.id;
    const rev = await tx.execute<{ id: string }>(sql`
      INSERT INTO listing_revisions (kind, achievement_id, number, status, content)
      VALUES ('achievement', ${id}, 1, 'approved', ${JSON.stringify(achievementContent(t))}::jsonb) RETURNING id`);
    await tx.execute(sql`UPDATE achievements SET published_revision_id = ${rev.rows[0]!.id} WHERE id = ${id}`);
    await enqueue(tx, reindexListingJob, { kind: 'achievement', id });
    return id;
  });
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  const texts = achievementTexts();
  if (texts.length < PUBLICATIONS + 10) throw new Error('not enough zhibei records');
  const fresh = texts.slice(0, PUBLICATIONS);
  const background = texts.slice(PUBLICATIONS);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-freshness-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 8);
  const worker = new Worker(db, createLogger('silent'));
  try {
    await runMigrations(db);
    const [org] = (await db.execute<{ id: string }>(sql`
      INSERT INTO organisations (type, name, verification_status) VALUES ('research_institute', '基准测试研究院', 'verified') RETURNING id`)).rows;
    const t0 = performance.now();
    for (let start = 0; start < N; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, N - start) }, (_, k) => {
        const t = background[(start + k) % background.length]!;
        return { title: `${t.title}`.slice(0, 100), summary: t.summary };
      });
      const ids = await insertPublishedAchievements(db, org!.id, batch);
      await indexListings(db, 'achievement', ids);
      process.stdout.write(`\r  background corpus ${start + batch.length}/${N}`);
    }
    process.stdout.write(`\n  corpus ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    // Warm the statistics cache and the planner, as a running server would be.
    await runMatch(db, { target: 'achievement', direction: 'text-achievements', source: { text: '温室 滴灌' }, limit: 10, now: new Date() });
    await worker.start();

    const indexed: number[] = [];
    const matchable: number[] = [];
    const probeMs: number[] = [];
    for (const t of fresh) {
      const probe = `${t.title}。${t.summary.split(/[。！？.]/)[0] ?? ''}`;
      const id = await publish(db, org!.id, t);
      const committed = performance.now();
      // Cheap poll for the vector (the moment retrieval can see the record)…
      for (;;) {
        const r = await db.execute<{ ok: boolean }>(sql`SELECT search_vector IS NOT NULL AS ok FROM achievements WHERE id = ${id}`);
        if (r.rows[0]?.ok) break;
        if (performance.now() - committed > 60_000) throw new Error(`record ${id} not indexed after 60 s`);
        await new Promise((res) => setTimeout(res, 5));
      }
      const seen = performance.now();
      // …then the match query itself, which must return it.
      let found = false;
      while (!found) {
        const q0 = performance.now();
        const m = await runMatch(db, { target: 'achievement', direction: 'text-achievements', source: { text: probe }, limit: 10, now: new Date() });
        probeMs.push(performance.now() - q0);
        found = m.some((x) => x.id === id);
        if (!found && performance.now() - committed > 60_000) throw new Error(`record ${id} indexed but not in the top 10 for its own title`);
      }
      indexed.push(seen - committed);
      matchable.push(performance.now() - committed);
      process.stdout.write(`\r  publications ${matchable.length}/${fresh.length}`);
    }
    process.stdout.write('\n');
    // What a statistics rebuild (the job after each burst of publications) costs at this size.
    const r0 = performance.now();
    await rebuildTermStats(db, 'achievement');
    const rebuildMs = performance.now() - r0;
    const result = {
      backgroundRecords: N,
      publications: matchable.length,
      indexedMedianMs: Math.round(percentile(indexed, 50)),
      indexedP95Ms: Math.round(percentile(indexed, 95)),
      matchableMedianMs: Math.round(percentile(matchable, 50)),
      matchableP95Ms: Math.round(percentile(matchable, 95)),
      probeMedianMs: Math.round(percentile(probeMs, 50)),
      statsRebuildMs: Math.round(rebuildMs),
      machine: { cpus: os.cpus().length, node: process.version },
      at: new Date().toISOString(),
    };
    console.table([
      { step: 'commit → vector written (re-indexing job)', 'median ms': result.indexedMedianMs, 'p95 ms': result.indexedP95Ms },
      { step: 'commit → in match results (vector + one match query)', 'median ms': result.matchableMedianMs, 'p95 ms': result.matchableP95Ms },
      { step: 'one match query (probe)', 'median ms': result.probeMedianMs, 'p95 ms': Math.round(percentile(probeMs, 95)) },
      { step: 'statistics rebuild (job after publications)', 'median ms': result.statsRebuildMs, 'p95 ms': result.statsRebuildMs },
    ]);
    mkdirSync('artifacts/bench', { recursive: true });
    writeFileSync('artifacts/bench/match-freshness.json', JSON.stringify(result, null, 2));
    console.log('wrote artifacts/bench/match-freshness.json');
  } finally {
    await worker.stop().catch(() => {});
    await db.$client.end().catch(() => {});
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
