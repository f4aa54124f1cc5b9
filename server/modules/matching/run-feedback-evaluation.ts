import { randomUUID } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { JobDef } from '../../core/jobs/queue.js';
import { enqueue } from '../../core/jobs/queue.js';
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

export type RunOutcome = 'done' | 'continued' | 'failed' | 'cancelled' | 'skipped';
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
  const [run] = await db
    .update(t)
    .set({ status: 'running', claimToken: token, heartbeatAt: at })
    .where(and(eq(t.id, payload.runId), or(eq(t.status, 'queued'), and(eq(t.status, 'running'), or(handedOver, lt(t.heartbeatAt, staleBefore))))))
    .returning();
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
      .set({ status: 'failed', failure: message.slice(0, 2000) || 'Error', finishedAt: ctx.now() })
      .where(mine)
      .returning({ id: t.id });
    return written.length > 0 ? 'failed' : 'cancelled';
  }
}
