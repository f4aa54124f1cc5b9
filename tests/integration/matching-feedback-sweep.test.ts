import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue, type JobDef } from '../../server/core/jobs/queue.js';
import { jobs } from '../../server/core/jobs/schema.js';
import { evaluateFeedback } from '../../server/modules/matching/feedback-evaluation.js';
import { evaluateFeedbackRunJob, sweepFeedbackRunsJob } from '../../server/modules/matching/jobs.js';
import { RUN_MAX_RESUMES, RUN_STALE_MS, runFeedbackRun, STALLED_FAILURE } from '../../server/modules/matching/run-feedback-evaluation.js';
import { matchFeedbackRuns } from '../../server/modules/matching/schema.js';
import { createOrg } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { seedCatalog } from '../support/listing-factory.js';
import { member, staff } from './catalog-fixtures.js';

/**
 * A feedback evaluation run never stays "running" forever: the sweep (job
 * `matching.sweep_feedback_runs`, every 2 minutes) gives a run that has been
 * silent for longer than RUN_STALE_MS, and whose job is gone, a chunk job
 * again; each such resume is counted at its claim, and the fourth in a row
 * without progress ends the run as failed (stalled), with its reason shown.
 * Writes are broken with a trigger that refuses every write to a running run
 * except a new claim: a chunk takes its claim and then cannot write anything
 * (not even its failure), as when the database goes away just after a claim.
 */
const env = await setupTestEnv();
const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
const lab = await createOrg(env.db, { type: 'research_institute', name: '近代物理研究所' });
const c = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
const enterprise = await member(env);
const reviewer = await staff(env);

const QUERIES = ['甜高粱青贮饲料节水栽培', '日光温室卷帘自动控制', '肉牛养殖粗饲料', '秸秆综合利用', '乳酸菌发酵', '温室蔬菜冻害'];
for (const [i, text] of QUERIES.entries()) {
  const res = await enterprise.client.post('/api/v1/match/feedback', { direction: 'text-achievements', queryText: text, resultId: i % 2 ? c.accelerator.id : c.sorghum.id, rank: 1 + (i % 3), useful: i % 3 !== 0 });
  expect(res.status).toBe(200);
}

const BASE = '/api/v1/match/feedback/evaluations';
const STALE_SECONDS = RUN_STALE_MS / 1000;
const runRow = async (id: string) => (await env.db.select().from(matchFeedbackRuns).where(eq(matchFeedbackRuns.id, id)))[0]!;
const runJobs = async (id: string, statuses?: string[]) =>
  (await env.db.select().from(jobs).where(and(eq(jobs.name, 'matching.evaluate_feedback'), sql`${jobs.payload}->>'runId' = ${id}`, statuses ? inArray(jobs.status, statuses) : undefined))).length;
const start = async (body: Record<string, unknown> = {}) => {
  const res = await reviewer.client.post(BASE, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.created).toBe(true);
  return res.body as { id: string };
};
const show = async (id: string) => {
  const res = await reviewer.client.get(`${BASE}/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};
/** The sweep as the worker runs it (its schedule may add one more run of it: it is idempotent), then whatever it queued. */
const sweep = async () => {
  await enqueue(env.db, sweepFeedbackRunsJob, {});
  await env.drainJobs();
};

async function breakRunWrites() {
  await env.db.execute(sql`CREATE OR REPLACE FUNCTION test_lost_run_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'connection to the database was lost'; END $$`);
  await env.db.execute(sql`CREATE TRIGGER test_lost_run_writes BEFORE UPDATE ON match_feedback_runs FOR EACH ROW
    WHEN (OLD.status = 'running' AND NEW.claim_token IS NOT DISTINCT FROM OLD.claim_token) EXECUTE FUNCTION test_lost_run_writes()`);
}
async function mendRunWrites() {
  await env.db.execute(sql`DROP TRIGGER IF EXISTS test_lost_run_writes ON match_feedback_runs`);
}

afterEach(async () => {
  await mendRunWrites();
  await env.drainJobs();
  await env.db.update(matchFeedbackRuns).set({ status: 'cancelled' }).where(sql`status IN ('queued', 'running')`);
});

describe('the sweep of silent feedback runs', () => {
  it('a run whose chunk claimed it and then could not write is resumed by the sweep once silent for 5 minutes, and completes', async () => {
    const run = await start({ maxQueries: 100 });
    await breakRunWrites();
    // The job claims the run, then every write fails (its failure too): the job is retried in 10 s…
    await env.drainJobs();
    expect(await runRow(run.id)).toMatchObject({ status: 'running', plan: null, processedQueries: 0, resumes: 0 });
    expect(await runJobs(run.id, ['queued'])).toBe(1);
    // …and the retry finds the run claimed and not silent yet, so it does nothing: no job is left for the run.
    env.clock.advance(11);
    await env.drainJobs();
    expect(await runJobs(run.id, ['queued', 'running'])).toBe(0);
    await mendRunWrites();
    const silentSince = (await runRow(run.id)).heartbeatAt!;

    // Silent for less than 5 minutes: the sweep leaves it.
    env.clock.advance(STALE_SECONDS - 60);
    await sweep();
    expect(await runJobs(run.id)).toBe(1);
    expect(await runRow(run.id)).toMatchObject({ status: 'running', heartbeatAt: silentSince, resumes: 0 });

    // Past 5 minutes: resumed, and the chunk it queued runs the evaluation to the end.
    env.clock.advance(61);
    await sweep();
    expect(await runJobs(run.id)).toBe(2);
    const done = await show(run.id);
    expect(done).toMatchObject({ status: 'done', processedQueries: QUERIES.length, totalQueries: QUERIES.length, failure: null, failureReason: null, resumes: 1 });
    expect(done.result).toEqual(await evaluateFeedback(env.db, { now: new Date(done.startedAt), maxQueries: 100 }));
    // Done: later sweeps leave it (and queue nothing).
    env.clock.advance(STALE_SECONDS * 2);
    await sweep();
    expect(await runJobs(run.id)).toBe(2);
  });

  it(`a run that keeps stopping ends failed as stalled after ${RUN_MAX_RESUMES} resumes without progress, with its reason`, async () => {
    const run = await start({ maxQueries: 100 });
    await breakRunWrites();
    await env.drainJobs();
    const claims = new Set([(await runRow(run.id)).claimToken]);
    const resumes: number[] = [];
    // Every 5 minutes, the job's own retries and then the sweep's new jobs claim it again, and die.
    for (let i = 0; i < 10 && (await runRow(run.id)).status === 'running'; i++) {
      env.clock.advance(STALE_SECONDS + 1);
      await sweep();
      const r = await runRow(run.id);
      claims.add(r.claimToken);
      resumes.push(r.resumes);
    }
    await mendRunWrites();
    expect(resumes).toEqual([1, 2, 3, 3]);
    // The first claim, three resumes, and the claim that ended it.
    expect(claims.size).toBe(RUN_MAX_RESUMES + 2);
    const failed = await show(run.id);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'stalled', failure: STALLED_FAILURE, resumes: 3, result: null, finishedAt: env.clock.now().toISOString() });
    expect(await runJobs(run.id, ['queued', 'running'])).toBe(0);
    // Failed: the sweep leaves it, and the bureau can start another.
    const jobsBefore = await runJobs(run.id);
    env.clock.advance(STALE_SECONDS * 2);
    await sweep();
    expect(await runJobs(run.id)).toBe(jobsBefore);
    expect((await runRow(run.id)).status).toBe('failed');
    await start();
  });

  it('progress between resumes starts the count again', async () => {
    const run = await start({ maxQueries: 100 });
    const next = evaluateFeedbackRunJob as unknown as JobDef;
    const deliver = (chunk: number) => runFeedbackRun(env.db, { runId: run.id }, { now: env.clock.now, next, chunk });
    // Claimed, then silent, twice in a row without progress…
    expect(await deliver(2)).toBe('continued');
    await env.db.update(matchFeedbackRuns).set({ resumes: RUN_MAX_RESUMES, resumedAtProcessed: 0 }).where(eq(matchFeedbackRuns.id, run.id));
    // …but two queries were asked since the last resume: this resume is the first of a new count.
    env.clock.advance(STALE_SECONDS + 1);
    expect(await deliver(2)).toBe('continued');
    expect(await runRow(run.id)).toMatchObject({ status: 'running', resumes: 1, resumedAtProcessed: 2, processedQueries: 4 });
    // With no progress since, the count goes on; past the limit the claim ends the run.
    await env.db.update(matchFeedbackRuns).set({ resumes: RUN_MAX_RESUMES, resumedAtProcessed: 4 }).where(eq(matchFeedbackRuns.id, run.id));
    env.clock.advance(STALE_SECONDS + 1);
    expect(await deliver(2)).toBe('stalled');
    expect(await runRow(run.id)).toMatchObject({ status: 'failed', failureCode: 'stalled', processedQueries: 4 });
  });

  it('never touches a cancelled, done or failed run, a live one, or a silent one whose job is still queued', async () => {
    const long = new Date(env.clock.now().getTime() - 24 * 3600_000);
    const cancelled = await start({ maxQueries: 3 });
    expect((await reviewer.client.post(`${BASE}/${cancelled.id}/cancel`)).status).toBe(200);
    const done = await start({ maxQueries: 3 });
    await env.drainJobs();
    const failed = await start({ maxQueries: 3 });
    await env.db.update(matchFeedbackRuns).set({ status: 'failed', failureCode: 'error', failure: 'boom', finishedAt: env.clock.now() }).where(eq(matchFeedbackRuns.id, failed.id));
    await env.drainJobs();
    const ended = [cancelled.id, done.id, failed.id];
    await env.db.update(matchFeedbackRuns).set({ createdAt: long, heartbeatAt: long }).where(inArray(matchFeedbackRuns.id, ended));
    const before = await Promise.all(ended.map(runRow));
    const jobsBefore = await Promise.all(ended.map((id) => runJobs(id)));
    expect(before.map((r) => r.status)).toEqual(['cancelled', 'done', 'failed']);

    // A queued run silent for a day whose job is still queued (a busy queue): left to that job.
    const waiting = await start({ maxQueries: 3 });
    await env.db.update(matchFeedbackRuns).set({ createdAt: long }).where(eq(matchFeedbackRuns.id, waiting.id));
    await enqueue(env.db, sweepFeedbackRunsJob, {});
    // Run the sweep alone (the run's own job is due too: hold it back for this one sweep).
    await env.db.update(jobs).set({ runAt: new Date(env.clock.now().getTime() + 60_000) }).where(and(eq(jobs.name, 'matching.evaluate_feedback'), sql`${jobs.payload}->>'runId' = ${waiting.id}`));
    await env.drainJobs();
    expect(await runJobs(waiting.id)).toBe(1);
    expect((await runRow(waiting.id)).status).toBe('queued');
    env.clock.advance(61);
    await env.drainJobs();
    expect((await runRow(waiting.id)).status).toBe('done');

    // A running run with a recent heartbeat (its chunk is asking queries) and no job: live, left alone.
    const live = await start({ maxQueries: 3 });
    await env.db.update(matchFeedbackRuns).set({ status: 'running', claimToken: '00000000-0000-4000-8000-000000000001', heartbeatAt: new Date(env.clock.now().getTime() - 60_000) }).where(eq(matchFeedbackRuns.id, live.id));
    await env.db.update(jobs).set({ status: 'done' }).where(and(eq(jobs.name, 'matching.evaluate_feedback'), sql`${jobs.payload}->>'runId' = ${live.id}`));
    const liveBefore = await runRow(live.id);
    await sweep();
    expect(await runRow(live.id)).toEqual(liveBefore);
    expect(await runJobs(live.id)).toBe(1);

    expect(await Promise.all(ended.map(runRow))).toEqual(before);
    expect(await Promise.all(ended.map((id) => runJobs(id)))).toEqual(jobsBefore);
  });
});
