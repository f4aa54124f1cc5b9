import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { JobDef } from '../../core/jobs/queue.js';
import { enqueue } from '../../core/jobs/queue.js';
import { jobs } from '../../core/jobs/schema.js';
import type { Db } from '../../db/client.js';
import { askAgain, type AskedQuery, type EvaluationPlan, planEvaluation, summarise } from './feedback-evaluation.js';
import { matchFeedbackRuns } from './schema.js';

/**
 * A running run whose job has written nothing for this long is taken for
 * dead and may be claimed again. Less than the queue's 10 minutes (after
 * which a job without a heartbeat is delivered again), so the delivery that
 * follows a dead worker always finds the run stale; every progress write is a
 * heartbeat of both.
 */
export const RUN_STALE_MS = 5 * 60_000;
/**
 * Queries one job asks before handing the rest to the next job: the worker
 * runs one job at a time, and mail, notifications and re-indexing must not
 * wait minutes behind an evaluation (about 5 s at 10 000 records).
 */
export const RUN_CHUNK = 50;
/**
 * Resumes of a silent run (a claim of it after RUN_STALE_MS without a sign
 * of life, by a redelivery of its job or by the sweep) allowed in a row
 * without progress: the next one marks it failed as stalled.
 */
export const RUN_MAX_RESUMES = 3;
/** What a stalled run says in `failure` (the web app shows its own words for failureCode `stalled`). */
export const STALLED_FAILURE = `Stopped: no progress after ${RUN_MAX_RESUMES} automatic resumes (its background job kept stopping).`;

export type RunOutcome = 'done' | 'continued' | 'failed' | 'stalled' | 'cancelled' | 'skipped';
/** Which job carries a run on (jobs.ts; passed in, so this file does not import the job definitions). */
export type RunPayload = { runId: string; claim?: string };

/** The run was cancelled, or claimed again by another delivery of its job. */
class RunStopped extends Error {}

/**
 * The body of the job `matching.evaluate_feedback`: one chunk of a run.
 *
 * Claim (jobs run at least once): a delivery takes the run if it is queued
 * (the first chunk), if it is running and the delivery carries the claim of
 * the chunk before (the continuation that chunk queued), or if it is running
 * and stale (its worker died: it goes on from the last finished chunk). Each
 * claim sets a new `claim_token`, so another delivery of the same job finds
 * it taken and does nothing ('skipped'), and every later write names the
 * claim, so a superseded or cancelled claim's writes are ignored and it stops
 * asking queries at its next progress write.
 *
 * The first chunk fixes the plan (which judged queries, most recent first)
 * and the total; each chunk asks the next RUN_CHUNK queries with the run's
 * start as "now", stores them with the new claim and queues the next chunk in
 * one transaction ('continued'); the last stores the figures ('done'). An
 * error marks the run failed with its message (not retried: the bureau
 * starts another).
 *
 * Resumes: a claim of a running run that its previous chunk did not hand
 * over (a redelivery after a dead worker, or the sweep below) counts in
 * `resumes`, reset to 1 when the run made progress since the last resume;
 * the claim that would be the (RUN_MAX_RESUMES + 1)th in a row without
 * progress marks the run failed with failureCode `stalled` instead
 * ('stalled'), so a run whose chunks keep dying ends instead of cycling.
 */
export async function runFeedbackRun(
  db: Db,
  payload: RunPayload,
  ctx: {
    now: () => Date;
    next: JobDef;
    heartbeat?: () => Promise<void>;
    log?: Logger;
    chunk?: number;
    ask?: typeof askAgain;
  },
): Promise<RunOutcome> {
  const token = randomUUID();
  const at = ctx.now();
  const staleBefore = new Date(at.getTime() - RUN_STALE_MS);
  const t = matchFeedbackRuns;
  const handedOver = payload.claim ? eq(t.claimToken, payload.claim) : undefined;
  const claimed = await db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(t)
      .where(and(eq(t.id, payload.runId), or(eq(t.status, 'queued'), and(eq(t.status, 'running'), or(handedOver, lt(t.heartbeatAt, staleBefore))))))
      .for('update');
    if (!r) return null;
    // A running run not handed over by its previous chunk was silent: this claim resumes it.
    const resume = r.status === 'running' && !(payload.claim && r.claimToken === payload.claim);
    const resumes = !resume ? r.resumes : r.processedQueries > (r.resumedAtProcessed ?? -1) ? 1 : r.resumes + 1;
    if (resumes > RUN_MAX_RESUMES) {
      await tx
        .update(t)
        .set({ status: 'failed', failureCode: 'stalled', failure: STALLED_FAILURE, claimToken: token, finishedAt: at })
        .where(eq(t.id, r.id));
      return 'stalled' as const;
    }
    const [row] = await tx
      .update(t)
      .set({ status: 'running', claimToken: token, heartbeatAt: at, resumes, resumedAtProcessed: resume ? r.processedQueries : r.resumedAtProcessed })
      .where(eq(t.id, r.id))
      .returning();
    return row!;
  });
  if (claimed === 'stalled') {
    ctx.log?.warn({ runId: payload.runId, resumes: RUN_MAX_RESUMES }, 'feedback evaluation stalled');
    return 'stalled';
  }
  const run = claimed;
  if (!run) return 'skipped';
  const mine = and(eq(t.id, run.id), eq(t.claimToken, token), eq(t.status, 'running'));
  const controller = new AbortController();
  try {
    const startedAt = run.startedAt ?? at;
    let plan = run.plan as EvaluationPlan | null;
    const done = ((run.asked as AskedQuery[] | null) ?? []).slice();
    if (!plan) {
      plan = await planEvaluation(db, { from: run.fromDate ?? undefined, to: run.toDate ?? undefined, maxQueries: run.maxQueries });
      const written = await db
        .update(t)
        .set({ plan, asked: [], startedAt, totalQueries: plan.queries.length, processedQueries: 0 })
        .where(mine)
        .returning({ id: t.id });
      if (written.length === 0) return 'cancelled';
      done.length = 0;
    }
    const offset = done.length;
    const slice = plan.queries.slice(offset, offset + (ctx.chunk ?? RUN_CHUNK));
    const asked = await (ctx.ask ?? askAgain)(db, slice, {
      now: startedAt,
      signal: controller.signal,
      onProgress: async (processed) => {
        const written = await db
          .update(t)
          .set({ processedQueries: offset + processed, heartbeatAt: ctx.now() })
          .where(mine)
          .returning({ id: t.id });
        if (written.length === 0) controller.abort(new RunStopped());
        else await ctx.heartbeat?.();
      },
    });
    done.push(...asked);
    if (done.length < plan.queries.length) {
      // Hand the rest to the next job (after the jobs already due), with this claim.
      const handed = await db.transaction(async (tx) => {
        const written = await tx
          .update(t)
          .set({ asked: done, processedQueries: done.length, heartbeatAt: ctx.now() })
          .where(mine)
          .returning({ id: t.id });
        if (written.length === 0) return false;
        await enqueue(tx, ctx.next, { runId: run.id, claim: token }, { runAt: ctx.now() });
        return true;
      });
      return handed ? 'continued' : 'cancelled';
    }
    const written = await db
      .update(t)
      .set({ status: 'done', asked: done, result: summarise(plan, done), processedQueries: done.length, finishedAt: ctx.now(), heartbeatAt: ctx.now() })
      .where(mine)
      .returning({ id: t.id });
    return written.length > 0 ? 'done' : 'cancelled';
  } catch (e) {
    if (controller.signal.aborted) return 'cancelled';
    const message = e instanceof Error ? e.message : String(e);
    ctx.log?.warn({ err: e, runId: run.id }, 'feedback evaluation failed');
    const written = await db
      .update(t)
      .set({ status: 'failed', failureCode: 'error', failure: message.slice(0, 2000) || 'Error', finishedAt: ctx.now() })
      .where(mine)
      .returning({ id: t.id });
    return written.length > 0 ? 'failed' : 'cancelled';
  }
}

/**
 * The sweep (job `matching.sweep_feedback_runs`, every 2 minutes): a queued
 * or running run silent for longer than RUN_STALE_MS (no claim, progress or
 * heartbeat; for a queued run, since it was asked for) whose job is no
 * longer queued or running anywhere (it failed after its retries, or was
 * lost with a write that failed just after its claim) gets a chunk job
 * again. A run whose job is still pending is left to the queue (its
 * redelivery claims it). The claim of that chunk counts the resume and ends
 * the run as stalled after RUN_MAX_RESUMES without progress (runFeedbackRun).
 * Finished and cancelled runs are never looked at. Returns the runs resumed.
 */
export async function sweepFeedbackRuns(db: Db, ctx: { now: Date; next: JobDef; log?: Logger }): Promise<string[]> {
  const t = matchFeedbackRuns;
  const staleBefore = new Date(ctx.now.getTime() - RUN_STALE_MS);
  const silent = await db
    .select({ id: t.id, status: t.status, processedQueries: t.processedQueries, resumes: t.resumes })
    .from(t)
    .where(and(inArray(t.status, ['queued', 'running']), lt(sql`coalesce(${t.heartbeatAt}, ${t.createdAt})`, staleBefore)));
  const resumed: string[] = [];
  for (const run of silent) {
    const pending = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.name, ctx.next.name), inArray(jobs.status, ['queued', 'running']), sql`${jobs.payload}->>'runId' = ${run.id}`))
      .limit(1);
    if (pending.length > 0) continue;
    await enqueue(db, ctx.next, { runId: run.id });
    ctx.log?.warn({ runId: run.id, status: run.status, processedQueries: run.processedQueries, resumes: run.resumes }, 'silent feedback evaluation resumed');
    resumed.push(run.id);
  }
  return resumed;
}
