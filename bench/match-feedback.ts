/**
 * The offline evaluation from users' feedback (feedback-evaluation.ts): how
 * long the bureau's page (100 judged queries) and the CLI (all of them) take
 * over a catalog of `BENCH_N` published achievements. Judgements are
 * simulated: for each of `BENCH_QUERIES` zhibei demand descriptions (free text →
 * achievements), the deployed engine's first result is marked useful and its
 * fifth not useful, as a user might. Corpus and texts from ../shared/data/zhibei
 * (benchmark only); a throwaway embedded PostgreSQL.
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
import { evaluateFeedback } from '../server/modules/matching/feedback-evaluation.js';
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
    const result = {
      records: N,
      judgedQueries: demands.length,
      judgements: judged,
      page100Ms: page.ms,
      allMs: all.ms,
      msPerQuery: Math.round(all.ms / Math.max(1, all.e.overall.queries)),
      overall: all.e.overall,
    };
    console.table([{ records: N, 'judged queries': demands.length, 'page (100) ms': page.ms, 'all ms': all.ms, 'ms / query': result.msPerQuery }]);
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
