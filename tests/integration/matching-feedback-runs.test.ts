import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../server/core/jobs/queue.js';
import { jobs } from '../../server/core/jobs/schema.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import type { JobDef } from '../../server/core/jobs/queue.js';
import { askAgain, evaluateFeedback, PROGRESS_EVERY } from '../../server/modules/matching/feedback-evaluation.js';
import { evaluateFeedbackRunJob } from '../../server/modules/matching/jobs.js';
import { RUN_STALE_MS, runFeedbackRun } from '../../server/modules/matching/run-feedback-evaluation.js';
import { matchFeedbackRuns } from '../../server/modules/matching/schema.js';
import { TestClient } from '../support/client.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { seedCatalog } from '../support/listing-factory.js';
import { member, staff } from './catalog-fixtures.js';

/**
 * The feedback evaluation as a background run (issue 4; 0020 "In the
 * background"): POST starts it, the job asks the judged queries again and
 * writes progress, GET shows status, progress and figures; one active run at
 * a time; cancel stops a running one between queries.
 */
const env = await setupTestEnv();
const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
const lab = await createOrg(env.db, { type: 'research_institute', name: '近代物理研究所' });
const c = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
const enterprise = await member(env);
const reviewer = await staff(env);
const bureau = await staff(env, 'bureau_admin');

// More judged queries than one progress step, so a run reports progress part-way.
const QUERIES = ['甜高粱青贮饲料节水栽培', '日光温室卷帘自动控制', '肉牛养殖粗饲料', '秸秆综合利用', '乳酸菌发酵', '温室蔬菜冻害', '节水灌溉技术', '青贮饲料加工设备', '加速器', '高产栽培', '饲料成本降低', '设施农业传感器', '种植技术推广'];
expect(QUERIES.length).toBeGreaterThan(PROGRESS_EVERY);
for (const [i, text] of QUERIES.entries()) {
  const res = await enterprise.client.post('/api/v1/match/feedback', { direction: 'text-achievements', queryText: text, resultId: i % 2 ? c.accelerator.id : c.sorghum.id, rank: 1 + (i % 3), useful: i % 3 !== 0 });
  expect(res.status).toBe(200);
}
await enterprise.client.post('/api/v1/match/feedback', { direction: 'demand-achievements', queryId: c.silage.id, resultId: c.sorghum.id, rank: 1, useful: true });
const TOTAL = QUERIES.length + 1;

const BASE = '/api/v1/match/feedback/evaluations';
const runRow = async (id: string) => (await env.db.select().from(matchFeedbackRuns).where(eq(matchFeedbackRuns.id, id)))[0]!;
const runCount = async () => Number((await env.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM match_feedback_runs`)).rows[0]!.n);
const jobsFor = async (id: string) =>
  (await env.db.select().from(jobs).where(and(eq(jobs.name, 'matching.evaluate_feedback'), sql`${jobs.payload}->>'runId' = ${id}`))).length;
const audits = async (action: string) => (await env.db.select().from(auditLog).where(eq(auditLog.action, action))).length;
const start = async (body: Record<string, unknown> = {}, who = reviewer) => {
  const res = await who.client.post(BASE, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const show = async (id: string) => {
  const res = await reviewer.client.get(`${BASE}/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};
/** One delivery of the run's job, as the worker runs it (`ask` and `chunk` to watch or break it). */
const deliver = (runId: string, opts: { claim?: string; chunk?: number; ask?: typeof askAgain } = {}) =>
  runFeedbackRun(env.db, { runId, ...(opts.claim ? { claim: opts.claim } : {}) }, { now: env.clock.now, next: evaluateFeedbackRunJob as unknown as JobDef, chunk: opts.chunk, ask: opts.ask });
/** askAgain with `hook` called on each progress report, after (or, with `before`, instead of before) the job's own write. */
const watching = (hook: (processed: number) => Promise<void>, order: 'after' | 'before' = 'after'): typeof askAgain => (db, queries, opts) =>
  askAgain(db, queries, {
    ...opts,
    onProgress: async (p, t) => {
      if (order === 'before') await hook(p);
      await opts.onProgress!(p, t);
      if (order === 'after') await hook(p);
    },
  });
/** Finish whatever run is still active, so the next test starts with none. */
const settle = async () => {
  await env.drainJobs();
  await env.db.update(matchFeedbackRuns).set({ status: 'cancelled' }).where(sql`status IN ('queued', 'running')`);
};

describe('POST /api/v1/match/feedback/evaluations: the evaluation in the background', () => {
  it('a run goes queued → running → done, with the figures of the synchronous evaluation and its progress written', async () => {
    const auditsBefore = await audits('match_feedback.evaluate');
    const run = await start({ maxQueries: 100 });
    expect(run).toMatchObject({ created: true, status: 'queued', maxQueries: 100, processedQueries: 0, totalQueries: null, result: null, from: null, to: null, failure: null });
    expect(run.requestedBy).toEqual({ id: reviewer.user.id, name: expect.any(String) });
    expect(run.createdAt).toBe(env.clock.now().toISOString());
    expect(await jobsFor(run.id)).toBe(1);
    expect(await audits('match_feedback.evaluate')).toBe(auditsBefore + 1);

    // The job, as the worker runs it (its progress writes observed as they land).
    const seen: { processed: number; total: number | null; status: string }[] = [];
    const outcome = await deliver(run.id, {
      ask: watching(async () => {
        const r = await runRow(run.id);
        seen.push({ processed: r.processedQueries, total: r.totalQueries, status: r.status });
      }),
    });
    expect(outcome).toBe('done');
    expect(seen[0]).toEqual({ processed: 0, total: TOTAL, status: 'running' });
    expect(seen.map((s) => s.processed)).toEqual([0, PROGRESS_EVERY, TOTAL]);

    const done = await show(run.id);
    expect(done).toMatchObject({ status: 'done', processedQueries: TOTAL, totalQueries: TOTAL, failure: null });
    expect(done.startedAt).toBe(env.clock.now().toISOString());
    expect(done.finishedAt).toBe(env.clock.now().toISOString());
    const direct = await evaluateFeedback(env.db, { now: env.clock.now(), maxQueries: 100 });
    expect(done.result).toEqual(direct);
    expect(done.result.overall.queries + done.result.skippedQueries).toBe(TOTAL);
    // …and the synchronous GET says the same.
    const sync = await reviewer.client.get('/api/v1/match/feedback/evaluation?maxQueries=100');
    expect(done.result).toEqual(sync.body);
    // The queued job finds the run done and leaves it so.
    await env.drainJobs();
    expect((await show(run.id)).finishedAt).toBe(done.finishedAt);
  });

  it('runs in chunks, one job each, the next queued with the claim of the one before; the figures are the same', async () => {
    const run = await start({ maxQueries: 100 });
    expect(await deliver(run.id, { chunk: 5 })).toBe('continued');
    const r = await runRow(run.id);
    expect(r).toMatchObject({ status: 'running', processedQueries: 5, totalQueries: TOTAL, result: null });
    expect(r.asked).toHaveLength(5);
    // The queued continuation carries this chunk's claim; the POST's own job is still queued too.
    const queued = await env.db.select().from(jobs).where(and(eq(jobs.name, 'matching.evaluate_feedback'), eq(jobs.status, 'queued'), sql`${jobs.payload}->>'runId' = ${run.id}`));
    expect(queued.map((j) => (j.payload as { claim?: string }).claim ?? null).sort()).toEqual([r.claimToken, null].sort());
    // Delivered twice as well: one of the two goes on, the other finds the claim taken.
    await enqueue(env.db, evaluateFeedbackRunJob, { runId: run.id, claim: r.claimToken! });
    await env.drainJobs();
    const done = await show(run.id);
    expect(done).toMatchObject({ status: 'done', processedQueries: TOTAL, totalQueries: TOTAL });
    expect((await runRow(run.id)).asked).toHaveLength(TOTAL);
    expect(done.result).toEqual(await evaluateFeedback(env.db, { now: env.clock.now(), maxQueries: 100 }));
  });

  it('the worker runs it from the queue, with the period and the number of queries asked for', async () => {
    const run = await start({ maxQueries: 3, from: '2020-01-01', to: '2099-12-31' });
    expect(run).toMatchObject({ created: true, maxQueries: 3, from: '2020-01-01', to: '2099-12-31' });
    await env.drainJobs();
    const done = await show(run.id);
    expect(done).toMatchObject({ status: 'done', processedQueries: 3, totalQueries: 3 });
    expect(done.result.omittedQueries).toBe(TOTAL - 3);
    expect(done.result).toEqual(await evaluateFeedback(env.db, { now: env.clock.now(), maxQueries: 3, from: '2020-01-01', to: '2099-12-31' }));
  });

  it('while one is queued or running, another POST hands back that run and queues nothing', async () => {
    const first = await start({ maxQueries: 50 });
    const again = await start({ maxQueries: 7 }, bureau);
    expect(again).toMatchObject({ id: first.id, created: false, status: 'queued', maxQueries: 50 });
    // Asked again while it runs (the job's first progress write has landed).
    let during: Record<string, unknown> | null = null;
    await deliver(first.id, {
      ask: watching(async (p) => {
        if (p === 0) during = await start({}, bureau);
      }),
    });
    expect(during).toMatchObject({ id: first.id, created: false, status: 'running', totalQueries: TOTAL });
    expect(await jobsFor(first.id)).toBe(1);
    // Once it is done, a POST starts a new one.
    const next = await start({ maxQueries: 2 });
    expect(next.created).toBe(true);
    expect(next.id).not.toBe(first.id);
    await settle();
  });

  it('POSTs at the same moment create one run between them', async () => {
    const before = await runCount();
    const all = await Promise.all([start({ maxQueries: 5 }), start({ maxQueries: 6 }, bureau), start({ maxQueries: 8 })]);
    expect(all.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(all.map((r) => r.id)).size).toBe(1);
    expect(await runCount()).toBe(before + 1);
    expect(await jobsFor(all[0].id)).toBe(1);
    await settle();
  });

  it('a job delivered twice evaluates once: the second delivery finds the run claimed', async () => {
    const run = await start({ maxQueries: 4 });
    let evaluations = 0;
    const counting = { ask: ((db, queries, opts) => { evaluations += 1; return askAgain(db, queries, opts); }) as typeof askAgain };
    // Two deliveries at the same time (at least once: a job may run twice).
    const outcomes = await Promise.all([deliver(run.id, counting), deliver(run.id, counting)]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(evaluations).toBe(1);
    // A second job for the run, later: nothing changes.
    const done = await runRow(run.id);
    await enqueue(env.db, evaluateFeedbackRunJob, { runId: run.id });
    env.clock.advance(60);
    await env.drainJobs();
    expect(await runRow(run.id)).toEqual(done);
    expect(await deliver(run.id, counting)).toBe('skipped');
    expect(evaluations).toBe(1);
  });

  it('a run whose worker died (no progress for 5 minutes) goes on from its last chunk; a live one is left alone', async () => {
    const run = await start({ maxQueries: 100 });
    expect(await deliver(run.id, { chunk: 5 })).toBe('continued');
    const handed = (await runRow(run.id)).claimToken!;
    // The continuation was taken by a worker that then died part-way (its claim, a recent heartbeat).
    const dead = '00000000-0000-4000-8000-000000000001';
    await env.db.update(matchFeedbackRuns).set({ claimToken: dead, processedQueries: 8, heartbeatAt: new Date(env.clock.now().getTime() - 60_000) }).where(eq(matchFeedbackRuns.id, run.id));
    const sizes: number[] = [];
    const ask: typeof askAgain = (db, queries, opts) => {
      sizes.push(queries.length);
      return askAgain(db, queries, opts);
    };
    // Its job delivered again: the claim it carries is no longer the run's, and the run is not stale yet.
    expect(await deliver(run.id, { claim: handed, ask })).toBe('skipped');
    await env.db.update(matchFeedbackRuns).set({ heartbeatAt: new Date(env.clock.now().getTime() - RUN_STALE_MS - 1000) }).where(eq(matchFeedbackRuns.id, run.id));
    expect(await deliver(run.id, { claim: handed, ask })).toBe('done');
    // It went on after the 5 queries stored, not from the start.
    expect(sizes).toEqual([TOTAL - 5]);
    const r = await runRow(run.id);
    expect(r).toMatchObject({ status: 'done', processedQueries: TOTAL });
    expect(r.claimToken).not.toBe(dead);
    expect(r.result).toEqual(await evaluateFeedback(env.db, { now: env.clock.now(), maxQueries: 100 }));
    await settle();
  });

  it('a run that fails says why, and frees the way for the next', async () => {
    const run = await start({ maxQueries: 5 });
    const outcome = await deliver(run.id, {
      ask: async (_db, _queries, opts) => {
        await opts.onProgress!(0, 5);
        throw new Error('connection to the database was lost');
      },
    });
    expect(outcome).toBe('failed');
    expect(await show(run.id)).toMatchObject({ status: 'failed', failure: 'connection to the database was lost', result: null, finishedAt: env.clock.now().toISOString() });
    expect((await start()).created).toBe(true);
    await settle();
  });
});

describe('POST /api/v1/match/feedback/evaluations/:id/cancel', () => {
  it('a queued run is cancelled at once, and its job then does nothing', async () => {
    const run = await start({ maxQueries: 5 });
    const before = await audits('match_feedback.cancel_evaluation');
    const res = await bureau.client.post(`${BASE}/${run.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: run.id, status: 'cancelled', result: null, finishedAt: env.clock.now().toISOString() });
    expect(res.body.cancelledBy).toEqual({ id: bureau.user.id, name: expect.any(String) });
    expect(await audits('match_feedback.cancel_evaluation')).toBe(before + 1);
    await env.drainJobs();
    expect(await show(run.id)).toMatchObject({ status: 'cancelled', processedQueries: 0, startedAt: null });
  });

  it('a running run stops between queries: nothing written after the cancel, no figures', async () => {
    const run = await start({ maxQueries: 100 });
    const reported: number[] = [];
    const outcome = await deliver(run.id, {
      ask: watching(async (p) => {
        reported.push(p);
        if (p === PROGRESS_EVERY) expect((await reviewer.client.post(`${BASE}/${run.id}/cancel`)).status).toBe(200);
      }),
    });
    expect(outcome).toBe('cancelled');
    const r = await show(run.id);
    expect(r).toMatchObject({ status: 'cancelled', processedQueries: PROGRESS_EVERY, totalQueries: TOTAL, result: null });
    expect(reported.slice(0, 2)).toEqual([0, PROGRESS_EVERY]);
  });

  it('cancelled before its first query, a run asks none', async () => {
    const run = await start({ maxQueries: 100 });
    let asked = 0;
    const outcome = await deliver(run.id, {
      ask: watching(async (p) => {
        if (p === 0) await reviewer.client.post(`${BASE}/${run.id}/cancel`);
        else asked = p;
      }, 'before'),
    });
    expect(outcome).toBe('cancelled');
    expect(asked).toBe(0);
    expect(await runRow(run.id)).toMatchObject({ status: 'cancelled', processedQueries: 0, totalQueries: TOTAL, result: null });
  });

  it('cancelled between two chunks, the next chunk does nothing', async () => {
    const run = await start({ maxQueries: 100 });
    expect(await deliver(run.id, { chunk: 5 })).toBe('continued');
    expect((await reviewer.client.post(`${BASE}/${run.id}/cancel`)).status).toBe(200);
    await env.drainJobs();
    expect(await show(run.id)).toMatchObject({ status: 'cancelled', processedQueries: 5, totalQueries: TOTAL, result: null });
  });

  it('a finished run cannot be cancelled (409), and stays as it was', async () => {
    const run = await start({ maxQueries: 2 });
    await env.drainJobs();
    const done = await runRow(run.id);
    const res = await reviewer.client.post(`${BASE}/${run.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(await runRow(run.id)).toEqual(done);
  });
});

describe('GET /api/v1/match/feedback/evaluations: recent runs, paged', () => {
  it('newest first, paged, filtered by status', async () => {
    env.clock.advance(120);
    const newest = await start({ maxQueries: 1 });
    await env.drainJobs();
    const total = await runCount();
    const page1 = await reviewer.client.get(`${BASE}?pageSize=2`);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total, page: 1, pageSize: 2 });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toMatchObject({ id: newest.id, status: 'done' });
    const page2 = await reviewer.client.get(`${BASE}?pageSize=2&page=2`);
    expect(page2.body.items.map((r: { id: string }) => r.id)).not.toContain(newest.id);
    const cancelled = await reviewer.client.get(`${BASE}?status=cancelled&pageSize=100`);
    expect(cancelled.body.items.length).toBeGreaterThan(0);
    expect(cancelled.body.items.every((r: { status: string }) => r.status === 'cancelled')).toBe(true);
    expect(cancelled.body.total).toBe(cancelled.body.items.length);
  });
});

describe('refusals: a clear error and nothing changed', () => {
  it('401 without signing in, 403 for everyone but the bureau, on every route', async () => {
    const [some] = await env.db.select().from(matchFeedbackRuns).limit(1);
    const runs = await runCount();
    const anon = new TestClient(env.app);
    const routes = [
      ['POST', BASE],
      ['GET', BASE],
      ['GET', `${BASE}/${some!.id}`],
      ['POST', `${BASE}/${some!.id}/cancel`],
    ] as const;
    for (const [method, url] of routes) {
      const a = method === 'GET' ? await anon.get(url) : await anon.post(url, {});
      expect(a.status, `${method} ${url}`).toBe(401);
      expect(a.body.error.code).toBe('UNAUTHENTICATED');
      const e = method === 'GET' ? await enterprise.client.get(url) : await enterprise.client.post(url, {});
      expect(e.status, `${method} ${url}`).toBe(403);
      expect(e.body.error.code).toBe('FORBIDDEN');
    }
    expect(await runCount()).toBe(runs);
    expect(await runRow(some!.id)).toEqual(some);
  });

  it('404 for an unknown run, 400 for a malformed id or bad parameters', async () => {
    const runs = await runCount();
    const unknown = '7a0f1a52-2f3c-4c59-9d0e-5b1b5e0b9a11';
    for (const res of [await reviewer.client.get(`${BASE}/${unknown}`), await reviewer.client.post(`${BASE}/${unknown}/cancel`)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    for (const res of [await reviewer.client.get(`${BASE}/not-a-run`), await reviewer.client.post(`${BASE}/not-a-run/cancel`)]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    for (const body of [{ maxQueries: 0 }, { maxQueries: 2001 }, { maxQueries: 1.5 }, { maxQueries: '100' }, { from: '2026-13-01' }, { to: 'yesterday' }, { from: '2026-06-02', to: '2026-06-01' }, { depth: 10 }]) {
      const res = await reviewer.client.post(BASE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    for (const q of ['?page=0', '?pageSize=500', '?status=finished']) {
      const res = await reviewer.client.get(`${BASE}${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await runCount()).toBe(runs);
    expect(await env.db.select().from(matchFeedbackRuns).where(sql`status IN ('queued', 'running')`)).toEqual([]);
  });
});
