import { sql } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { loadMatchConfig } from '../../server/modules/matching/engine/index.js';
import { evaluateFeedback } from '../../server/modules/matching/feedback-evaluation.js';
import { TestClient } from '../support/client.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { seedCatalog } from '../support/listing-factory.js';
import { member, staff } from './catalog-fixtures.js';

const env = await setupTestEnv();
const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
const lab = await createOrg(env.db, { type: 'research_institute', name: '近代物理研究所' });
const c = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
const enterprise = await member(env);
const other = await member(env);
const reviewer = await staff(env);
const TEXT = '我们想种甜高粱做青贮饲料，但是缺水，有没有节水的栽培技术？';

const judge = (who: { client: TestClient }, body: Record<string, unknown>) => who.client.post('/api/v1/match/feedback', { direction: 'text-achievements', queryText: TEXT, ...body });
const evaluation = async (query = '') => {
  const res = await reviewer.client.get(`/api/v1/match/feedback/evaluation${query}`);
  expect(res.status).toBe(200);
  return res.body;
};
let accInTop10 = 0;
const feedbackRows = async () => Number((await env.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM match_feedback`)).rows[0]!.n);

describe("GET /api/v1/match/feedback/evaluation: the engine measured against users' feedback", () => {
  it('with no feedback there is nothing to measure, and says so', async () => {
    const e = await evaluation();
    expect(e.overall).toMatchObject({ queries: 0, useful: 0, notUseful: 0, pairs: 0, pairOrder: null, mrrAt10: null, usefulInTop10Now: null });
    expect(e.byDirection).toEqual([]);
  });

  it('asks each judged query again: the useful result comes first, ahead of the one judged not useful', async () => {
    const shown = await enterprise.client.post('/api/v1/match/achievements', { text: TEXT });
    expect(shown.body.items[0].id).toBe(c.sorghum.id);
    // The catalog is small: whether the accelerator is in the first 10 at all depends on what else shares a word.
    accInTop10 = (shown.body.items as { id: string }[]).slice(0, 10).some((i) => i.id === c.accelerator.id) ? 1 : 0;
    expect((await judge(enterprise, { resultId: c.sorghum.id, rank: 1, useful: true })).status).toBe(200);
    // Judged at position 12 in some earlier list.
    expect((await judge(enterprise, { resultId: c.accelerator.id, rank: 12, useful: false })).status).toBe(200);
    const e = await evaluation();
    expect(e.depth).toBe(100);
    expect(e.overall).toEqual({
      queries: 1, useful: 1, notUseful: 1, pairs: 1, pairOrder: 1, mrrAt10: 1,
      usefulInTop10Then: 1, usefulInTop10Now: 1, notUsefulInTop10Now: accInTop10,
    });
    expect(e.byDirection.map((d: { direction: string }) => d.direction)).toEqual(['text-achievements']);
  });

  it('a user who judges the other way round gets the engine wrong on every pair: the figures can fail', async () => {
    await judge(other, { resultId: c.sorghum.id, rank: 1, useful: false });
    await judge(other, { resultId: c.accelerator.id, useful: true });
    const e = await evaluation();
    // One query, two users: the enterprise's pair is ordered right, the other user's wrong.
    expect(e.overall).toMatchObject({ queries: 1, useful: 2, notUseful: 2, pairs: 4 });
    // Pairs: (sorghum ✓, accelerator ✗) right; (accelerator ✓, sorghum ✗) wrong; (sorghum ✓, sorghum ✗) and (accelerator ✓, accelerator ✗) ties.
    expect(e.overall.pairOrder).toBeCloseTo((1 + 0 + 0.5 + 0.5) / 4, 12);
    expect(e.overall.usefulInTop10Now).toBe((1 + accInTop10) / 2);
    expect(e.overall.notUsefulInTop10Now).toBe((accInTop10 + 1) / 2);
    // The first useful result is still first in the list: the enterprise's and the other user's judgements are one query.
    expect(e.overall.mrrAt10).toBe(1);
  });

  it("asks a record's matches again from the record, and counts what cannot be asked again as skipped", async () => {
    await enterprise.client.post('/api/v1/match/feedback', { direction: 'demand-achievements', queryId: c.silage.id, resultId: c.sorghum.id, rank: 1, useful: true });
    await enterprise.client.post('/api/v1/match/feedback', { direction: 'achievement-enterprises', queryId: c.sorghum.id, resultId: c.silage.id, useful: true });
    const e = await evaluation();
    expect(e.skippedQueries).toBe(1);
    const demand = e.byDirection.find((d: { direction: string }) => d.direction === 'demand-achievements');
    expect(demand).toMatchObject({ queries: 1, useful: 1, notUseful: 0, pairs: 0, pairOrder: null });
    expect(demand.usefulInTop10Now).toBe(1);
    // The most recent judged queries only: the demand's (and the skipped one) are newer than the text's.
    const recent = await evaluation('?maxQueries=2');
    expect(recent.omittedQueries).toBe(1);
    expect(recent.overall.queries + recent.skippedQueries).toBe(2);
  });

  it('with another configuration, the same judgements give other figures (a weights change tried before it is deployed)', async () => {
    const deployed = loadMatchConfig();
    // Text counts for nothing: every result of the free-text query scores by facets alone (none apply): ties by id.
    const blind = { ...deployed, weights: { ...deployed.weights, text: 0 } };
    const now = env.clock.now();
    const a = await evaluateFeedback(env.db, { now });
    const b = await evaluateFeedback(env.db, { now, config: blind });
    expect(b.overall.queries).toBe(a.overall.queries);
    expect(b.overall.mrrAt10).not.toBe(a.overall.mrrAt10);
  });

  it('refuses everyone but the bureau, and bad parameters, changing nothing', async () => {
    const before = await feedbackRows();
    expect((await new TestClient(env.app).get('/api/v1/match/feedback/evaluation')).status).toBe(401);
    expect((await enterprise.client.get('/api/v1/match/feedback/evaluation')).status).toBe(403);
    for (const q of ['?from=2026-13-01', '?to=yesterday', '?maxQueries=0', '?maxQueries=5000']) {
      const res = await reviewer.client.get(`/api/v1/match/feedback/evaluation${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await feedbackRows()).toBe(before);
  });
});

describe('npm run cli -- match-feedback', () => {
  const cliEnv = { DATABASE_URL: env.databaseUrl, LOG_LEVEL: 'silent' };
  const capture = () => {
    const log: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    return { log, err, progress, out: { log: (s: string) => log.push(s), err: (s: string) => err.push(s), progress: (s: string) => progress.push(s) } };
  };

  it('prints the figures of the deployed configuration and of another one beside it', async () => {
    const file = path.join(os.tmpdir(), `chengguo-matching-${process.pid}.json`);
    const deployed = loadMatchConfig();
    writeFileSync(file, JSON.stringify({ ...deployed, weights: { ...deployed.weights, text: 0 } }));
    const r = capture();
    expect(await runCli(['match-feedback', '--config', file, '--json'], cliEnv, r.out)).toBe(0);
    const { deployed: d, tried } = JSON.parse(r.log.join('\n'));
    expect(d.overall.queries).toBeGreaterThan(0);
    expect(tried.overall.queries).toBe(d.overall.queries);
    // Progress for each configuration, ending at all its judged queries, on its own channel (stdout stays JSON).
    const n = d.overall.queries + d.skippedQueries;
    expect(r.progress.filter((p) => p.endsWith(`asked again ${n}/${n}`))).toHaveLength(2);
    expect(r.progress[0]).toMatch(/asked again 0\//);
    const t = capture();
    expect(await runCli(['match-feedback'], cliEnv, t.out)).toBe(0);
    expect(t.log.join('\n')).toMatch(/useful before not useful/);
  });

  it('says what is wrong with a missing or invalid configuration or a bad date, and exits 2', async () => {
    const bad = path.join(os.tmpdir(), `chengguo-matching-bad-${process.pid}.json`);
    writeFileSync(bad, JSON.stringify({ bm25: { k1: -1 } }));
    for (const [args, message] of [
      [['match-feedback', '--config', '/nonexistent/matching.json'], /No such configuration file/],
      [['match-feedback', '--config', bad], /Invalid matching configuration/],
      [['match-feedback', '--from', '1 May'], /Usage: npm run cli -- match-feedback/],
      [['match-feedback', '--max', '0'], /Usage/],
    ] as const) {
      const r = capture();
      expect(await runCli([...args], cliEnv, r.out)).toBe(2);
      expect(r.err.join('\n')).toMatch(message);
    }
  });
});
