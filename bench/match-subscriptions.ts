/**
 * Subscriptions at scale (issue 4, decision 0022): the time to check one
 * publication against 100, 1 000 and 10 000 active subscriptions, batched
 * (the job's check: one read of all subscriptions, cached queries, an upper
 * bound of the record's relevance, the full query only where the record may
 * reach the threshold) and one by one (the first version: one full match
 * query per subscription), on the same data.
 *
 * Corpus: achievements from ../shared/data/zhibei (background, published and
 * indexed); subscriptions: free-text profiles from zhibei demand descriptions
 * (repeated cyclically beyond 969, thresholds 30/40/50 %), one in fifty the
 * title and first sentence of one of the publications plus a demand title (so there
 * are hits; no two alike, so none share a full query), and, one in ten,
 * a published zhibei demand (demand → achievements); publications: other
 * zhibei achievements. A throwaway embedded PostgreSQL; benchmark only,
 * never product data. Hits written by one method are removed before the
 * other runs, so both see the same state.
 *
 *   npm run bench:match-subscriptions
 *   BENCH_SIZES=100,1000 BENCH_PUBLICATIONS=3 BENCH_OLD_MAX=1000 BENCH_OLD_LARGE_PUBLICATIONS=3 npm run bench:match-subscriptions
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { indexListings } from '../server/modules/catalog/search/index-listing.js';
import { clearSubscriptionQueryCache, matchNewRecord, type BatchStats } from '../server/modules/matching/subscription-batch.js';
import { matchNewRecordOneByOne } from '../server/modules/matching/subscriptions.js';
import { rebuildTermStats } from '../server/modules/matching/term-stats.js';
import { freePort } from '../tests/e2e/support/launch.js';
import { achievementTexts, demandTexts, insertPublishedAchievements, type Text } from './match/platform.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 5);
/** The one-by-one check is timed up to this many subscriptions (at 10 000 it takes minutes per publication). */
const OLD_MAX = Number(process.env.BENCH_OLD_MAX ?? 1000);
/** Above 100 subscriptions the one-by-one check is timed on this many publications only (minutes each). */
const OLD_LARGE_PUBLICATIONS = Number(process.env.BENCH_OLD_LARGE_PUBLICATIONS ?? 1);
const CORPUS = Number(process.env.BENCH_CORPUS ?? 2500);

async function insertDemands(db: Db, orgId: string, texts: Text[]): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO demands (organisation_id, status, title, problem, industry_section, cooperation_modes, budget_negotiable, deadline, published_at)
    SELECT ${orgId}, 'published', title, problem, 'C', ARRAY['commissioned-development'], true, '2027-12-31', now()
    FROM unnest(${sql.param(texts.map((t) => t.title))}::text[], ${sql.param(texts.map((t) => t.summary))}::text[]) AS s(title, problem)
    RETURNING id`);
  await db.execute(sql`
    INSERT INTO listing_revisions (kind, demand_id, number, status, content)
    SELECT 'demand', d.id, 1, 'approved',
      jsonb_build_object('title', d.title, 'problem', d.problem, 'keywords', '[]'::jsonb, 'industrySection', 'C', 'cooperationModes', '["commissioned-development"]'::jsonb)
    FROM demands d WHERE d.published_revision_id IS NULL`);
  await db.execute(sql`UPDATE demands d SET published_revision_id = r.id FROM listing_revisions r WHERE r.demand_id = d.id AND d.published_revision_id IS NULL`);
  return r.rows.map((x) => x.id);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const texts = achievementTexts();
  const demands = demandTexts();
  const corpus = texts.slice(0, CORPUS);
  const fresh = texts.slice(CORPUS, CORPUS + PUBLICATIONS);
  if (fresh.length < PUBLICATIONS) throw new Error('not enough zhibei achievements for the corpus and the publications');
  const maxSubs = Math.max(...SIZES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-subs-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const db = createDb(pg.url, 8);
  try {
    await runMigrations(db);
    const orgOf = async (name: string, type: string) =>
      (await db.execute<{ id: string }>(sql`INSERT INTO organisations (type, name, verification_status) VALUES (${type}, ${name}, 'verified') RETURNING id`)).rows[0]!.id;
    const lab = await orgOf('基准测试研究院', 'research_institute');
    const firms = await orgOf('基准测试企业', 'enterprise');
    const t0 = performance.now();
    for (let i = 0; i < corpus.length; i += 500) await indexListings(db, 'achievement', await insertPublishedAchievements(db, lab, corpus.slice(i, i + 500)));
    const demandIds = await insertDemands(db, firms, demands);
    await indexListings(db, 'demand', demandIds);
    await rebuildTermStats(db, 'achievement');
    await rebuildTermStats(db, 'demand');
    console.log(`  corpus: ${corpus.length} achievements, ${demandIds.length} demands in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Subscribers (one per ten subscriptions) and the subscriptions, all inactive until a size switches them on.
    const users = (await db.execute<{ id: string }>(sql`
      INSERT INTO users (username, display_name, email, password_hash, organisation_id)
      SELECT 'bench' || g, '订阅者' || g, 'bench' || g || '@example.test', 'x', ${firms} FROM generate_series(1, ${Math.ceil(maxSubs / 10)}) g RETURNING id`)).rows.map((r) => r.id);
    const rows = Array.from({ length: maxSubs }, (_, i) => {
      const listing = i % 10 === 9;
      // One in fifty is interested in exactly what one of the publications offers (so that there are hits to find).
      if (i % 50 === 7) {
        const f = fresh[(i / 50) % fresh.length | 0]!;
        return { user: users[i % users.length]!, kind: 'profile', source: null, text: `${f.title}。${f.summary.split(/[。！？]/)[0] ?? ''}。${demands[i % demands.length]!.title}`, threshold: [0.3, 0.4, 0.5][i % 3]!, token: randomBytes(16).toString('hex') };
      }
      return {
        user: users[i % users.length]!,
        kind: listing ? 'demand' : 'profile',
        source: listing ? demandIds[i % demandIds.length]! : null,
        text: listing ? null : `${demands[i % demands.length]!.title}。${demands[i % demands.length]!.summary}`,
        threshold: [0.3, 0.4, 0.5][i % 3]!,
        token: randomBytes(16).toString('hex'),
      };
    });
    for (let i = 0; i < rows.length; i += 2000) {
      const b = rows.slice(i, i + 2000);
      await db.execute(sql`
        INSERT INTO match_subscriptions (user_id, target, source_kind, source_id, profile_text, filters, threshold, unsubscribe_token_hash, active, created_at)
        SELECT u, 'achievement', k, s, t, '{}'::jsonb, th, tok, false, now() + (n * interval '1 microsecond')
        FROM unnest(${sql.param(b.map((r) => r.user))}::uuid[], ${sql.param(b.map((r) => r.kind))}::text[], ${sql.param(b.map((r) => r.source))}::uuid[],
          ${sql.param(b.map((r) => r.text))}::text[], ${sql.param(b.map((r) => r.threshold))}::real[], ${sql.param(b.map((r) => r.token))}::text[],
          ${sql.param(b.map((_, k) => i + k))}::int[]) AS x(u, k, s, t, th, tok, n)`);
    }

    // The publications: published and indexed once; each check is run on the same state.
    const pubIds: string[] = [];
    for (const t of fresh) pubIds.push(...(await insertPublishedAchievements(db, lab, [t])));
    await indexListings(db, 'achievement', pubIds);
    const clearHits = () => db.execute(sql`DELETE FROM match_subscription_hits; DELETE FROM notifications WHERE kind = 'match.subscription_hit'`);

    const results: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      await db.execute(sql`UPDATE match_subscriptions SET active = (created_at <= (SELECT created_at FROM match_subscriptions ORDER BY created_at OFFSET ${size - 1} LIMIT 1))`);
      clearSubscriptionQueryCache(db);
      const now = new Date();
      // Batched: the first publication with a cold query cache, then warm.
      const batched: number[] = [];
      const stats: BatchStats[] = [];
      let coldMs = 0;
      for (const [k, id] of pubIds.entries()) {
        await clearHits();
        const s0 = performance.now();
        await matchNewRecord(db, 'achievement', id, now, (s) => stats.push(s));
        const ms = performance.now() - s0;
        if (k === 0) coldMs = ms;
        else batched.push(ms);
      }
      const full = stats.reduce((s, x) => s + x.fullQueries, 0);
      // One by one, up to OLD_MAX subscriptions (on fewer publications above 100); hits compared on the same publications.
      const oldPubs = size <= 100 ? pubIds : pubIds.slice(0, OLD_LARGE_PUBLICATIONS);
      const batchedHits = stats.slice(0, size <= OLD_MAX ? oldPubs.length : stats.length).reduce((s, x) => s + x.hits, 0);
      const old: number[] = [];
      let oldHits: number | null = null;
      if (size <= OLD_MAX) {
        oldHits = 0;
        for (const id of oldPubs) {
          await clearHits();
          const s0 = performance.now();
          oldHits += await matchNewRecordOneByOne(db, 'achievement', id, now);
          old.push(performance.now() - s0);
        }
      }
      const row = {
        subscriptions: size,
        'batched cold ms': Math.round(coldMs),
        'batched warm median ms': Math.round(median(batched)),
        'full queries / publication': +(full / pubIds.length).toFixed(1),
        'one-by-one median ms': old.length ? Math.round(median(old)) : 'not run',
        'one-by-one publications': old.length,
        'hits batched / one-by-one': `${batchedHits} / ${oldHits ?? '–'}`,
      };
      results.push(row);
      console.table([row]);
    }
    console.table(results);
    mkdirSync('artifacts/bench', { recursive: true });
    writeFileSync(
      'artifacts/bench/match-subscriptions.json',
      JSON.stringify({ corpus: corpus.length, demands: demandIds.length, publications: pubIds.length, results, machine: { cpus: os.cpus().length, node: process.version }, at: new Date().toISOString() }, null, 2),
    );
    console.log('wrote artifacts/bench/match-subscriptions.json');
  } finally {
    await db.$client.end().catch(() => {});
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
