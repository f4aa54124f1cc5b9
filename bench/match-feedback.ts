/**
 * The offline evaluation from users' feedback (feedback-evaluation.ts): how
 * long the bureau's page (100 judged queries) and the CLI (all of them) take
 * over a catalog of `BENCH_N` published achievements. Judgements are
 * simulated: for each of `BENCH_QUERIES` zhibei demand descriptions (free text →
 * achievements), the deployed engine's first result is marked useful and its
 * fifth not useful, as a user might. Corpus and texts from ../shared/data/zhibei
 * (benchmark only); a throwaway embedded PostgreSQL. Then the same as a
 * background run (the job's body, run-feedback-evaluation.ts: chunks of 50
 * queries, progress written every 10), and a run cancelled a third of the
 * way: how long it takes to stop.
 *
 *   npm run bench:match-feedback
 *   BENCH_N=2000 BENCH_QUERIES=50 npm run bench:match-feedback
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { indexListings } from '../server/modules/catalog/search/index-listing.js';
import type { JobDef } from '../server/core/jobs/queue.js';
import { askAgain, evaluateFeedback } from '../server/modules/matching/feedback-evaluation.js';
import { evaluateFeedbackRunJob } from '../server/modules/matching/jobs.js';
import { runFeedbackRun } from '../server/modules/matching/run-feedback-evaluation.js';
import { runMatch } from '../server/modules/matching/match-service.js';
import { rebuildTermStats } from '../server/modules/matching/term-stats.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { achievementTexts, demandTexts, insertPublishedAchievements } from './match/platform.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);

async function main(): Promise<void> {
  const texts = achievementTexts();
  const demands = demandTexts().slice(0, QUERIES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-feedback-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 8);
  try {
    await runMigrations(db);
    const [org] = (await db.execute<{ id: string }>(sql`
      INSERT INTO organisations (type, name, verification_status) VALUES ('research_institute', '基准测试研究院', 'verified') RETURNING id`)).rows;
    const [user] = (await db.execute<{ id: string }>(sql`
      INSERT INTO users (username, display_name, password_hash) VALUES ('bench-judge', '评估用户', 'x') RETURNING id`)).rows;
    for (let start = 0; start < N; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, N - start) }, (_, k) => texts[(start + k) % texts.length]!);
      await indexListings(db, 'achievement', await insertPublishedAchievements(db, org!.id, batch));
      process.stdout.write(`\r  corpus ${start + batch.length}/${N}`);
    }
    await rebuildTermStats(db, 'achievement');
    process.stdout.write('\n');
    let judged = 0;
    for (const d of demands) {
      const text = `${d.title}\n${d.summary}`.slice(0, 4000);
      const m = await runMatch(db, { target: 'achievement', direction: 'text-achievements', source: { text }, limit: 10, now: new Date() });
      const marks = [[m[0], 1, true], [m[4], 5, false]] as const;
      for (const [match, rank, useful] of marks) {
        if (!match) continue;
        await db.execute(sql`INSERT INTO match_feedback (user_id, direction, query_kind, query_text, result_kind, result_id, rank, score, useful, created_at)
          VALUES (${user!.id}, 'text-achievements', 'text', ${text}, 'achievement', ${match.id}, ${rank}, ${match.score}, ${useful}, now())`);
        judged += 1;
      }
      process.stdout.write(`\r  judged queries ${demands.indexOf(d) + 1}/${demands.length}`);
    }
    process.stdout.write('\n');
    const timed = async (maxQueries?: number) => {
      const t0 = performance.now();
      const e = await evaluateFeedback(db, { now: new Date(), ...(maxQueries ? { maxQueries } : {}) });
      return { ms: Math.round(performance.now() - t0), e };
    };
    const page = await timed(100);
    const all = await timed();
    // The background run (what 重新评估 starts), all judged queries: chunk after chunk as the worker would
    // take them (each chunk one job; the longest is how long other jobs may wait behind it).
    const newRun = async () =>
      (await db.execute<{ id: string }>(sql`
        INSERT INTO match_feedback_runs (requested_by, max_queries, created_at) VALUES (${user!.id}, 2000, now()) RETURNING id`)).rows[0]!.id;
    const chunkCtx = (ask?: typeof askAgain) => ({ now: () => new Date(), next: evaluateFeedbackRunJob as unknown as JobDef, ...(ask ? { ask } : {}) });
    const runToEnd = async (runId: string, ask?: typeof askAgain) => {
      const chunks: number[] = [];
      let claim: string | undefined;
      for (;;) {
        const c0 = performance.now();
        const outcome = await runFeedbackRun(db, { runId, ...(claim ? { claim } : {}) }, chunkCtx(ask));
        chunks.push(Math.round(performance.now() - c0));
        if (outcome !== 'continued') return { outcome, chunks };
        claim = (await db.execute<{ claim_token: string }>(sql`SELECT claim_token FROM match_feedback_runs WHERE id = ${runId}`)).rows[0]!.claim_token;
      }
    };
    const runId = await newRun();
    let writes = 0;
    const t1 = performance.now();
    const background = await runToEnd(runId, (d, qs, o) => askAgain(d, qs, { ...o, onProgress: async (p, t) => { writes += 1; await o.onProgress!(p, t); } }));
    const runMs = Math.round(performance.now() - t1);
    if (background.outcome !== 'done') throw new Error(`background run ended ${background.outcome}`);
    // Cancelled a third of the way: from the cancel to the run's end.
    const cancelId = await newRun();
    // Inside a chunk (not at its end, where the next chunk is simply not taken).
    const third = Math.max(1, Math.floor(demands.length / 3)) + 10;
    let cancelledAt = 0;
    let atCancel = 0;
    let lastSeen = 0;
    const cancelled = await runToEnd(cancelId, (d, qs, o) =>
      askAgain(d, qs, {
        ...o,
        onProgress: async (p, t) => {
          await o.onProgress!(p, t);
          const [row] = (await db.execute<{ n: number }>(sql`SELECT processed_queries AS n FROM match_feedback_runs WHERE id = ${cancelId}`)).rows;
          lastSeen = row!.n;
          if (!cancelledAt && lastSeen >= third) {
            await db.execute(sql`UPDATE match_feedback_runs SET status = 'cancelled', finished_at = now() WHERE id = ${cancelId}`);
            cancelledAt = performance.now();
            atCancel = lastSeen;
          }
        },
      }));
    const stopMs = Math.round(performance.now() - cancelledAt);
    const result = {
      records: N,
      judgedQueries: demands.length,
      judgements: judged,
      page100Ms: page.ms,
      allMs: all.ms,
      msPerQuery: Math.round(all.ms / Math.max(1, all.e.overall.queries)),
      backgroundRunMs: runMs,
      chunks: background.chunks.length,
      longestChunkMs: Math.max(...background.chunks),
      progressWrites: writes,
      cancel: { outcome: cancelled.outcome, atQuery: atCancel, lastReported: lastSeen, stopMs },
      overall: all.e.overall,
    };
    console.table([{ records: N, 'judged queries': demands.length, 'page (100) ms': page.ms, 'all ms': all.ms, 'ms / query': result.msPerQuery, 'background run ms': runMs, chunks: background.chunks.length, 'longest chunk ms': Math.max(...background.chunks), 'progress writes': writes }]);
    console.log(`cancelled at ${atCancel} queries: ${cancelled.outcome} ${stopMs} ms later (last progress written: ${lastSeen})`);
    console.log(`figures (same engine that made the lists, so useful now ≈ then): ${JSON.stringify(all.e.overall)}`);
    mkdirSync('artifacts/bench', { recursive: true });
    writeFileSync('artifacts/bench/match-feedback.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log('wrote artifacts/bench/match-feedback.json');
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
