import { randomUUID } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { evaluateFeedback } from './feedback-evaluation.js';
import { matchFeedbackRuns } from './schema.js';

/**
 * A running run whose job has written nothing for this long is taken for
 * dead and may be claimed again (the queue gives a job without a heartbeat
 * back after 10 minutes as well; every progress write is a heartbeat).
 */
export const RUN_STALE_MS = 10 * 60_000;

export type RunOutcome = 'done' | 'failed' | 'cancelled' | 'skipped';

/** The run was cancelled, or claimed again by another delivery of its job. */
class RunStopped extends Error {}

/**
 * The body of the job `matching.evaluate_feedback`: ask the run's judged
 * queries again (evaluateFeedback), writing progress every few queries, and
 * store the figures. Jobs run at least once, so the run is claimed first: a
 * queued run, or a running one whose last heartbeat is older than
 * RUN_STALE_MS (its worker died). Another delivery finds it claimed and does
 * nothing ('skipped'). Every later write names the claim, so a run claimed
 * again or cancelled ignores the writes of the earlier claim, and that claim
 * stops asking queries at its next progress write. An error marks the run
 * failed with its message (not retried: the bureau starts another).
 */
export async function runFeedbackRun(
  db: Db,
  runId: string,
  ctx: { now: () => Date; heartbeat?: () => Promise<void>; log?: Logger; evaluate?: typeof evaluateFeedback },
): Promise<RunOutcome> {
  const token = randomUUID();
  const startedAt = ctx.now();
  const staleBefore = new Date(startedAt.getTime() - RUN_STALE_MS);
  const t = matchFeedbackRuns;
  const [run] = await db
    .update(t)
    .set({ status: 'running', claimToken: token, startedAt, heartbeatAt: startedAt, processedQueries: 0 })
    .where(and(eq(t.id, runId), or(eq(t.status, 'queued'), and(eq(t.status, 'running'), lt(t.heartbeatAt, staleBefore)))))
    .returning();
  if (!run) return 'skipped';
  const mine = and(eq(t.id, runId), eq(t.claimToken, token), eq(t.status, 'running'));
  const controller = new AbortController();
  const evaluate = ctx.evaluate ?? evaluateFeedback;
  try {
    const result = await evaluate(db, {
      from: run.fromDate ?? undefined,
      to: run.toDate ?? undefined,
      maxQueries: run.maxQueries,
      now: startedAt,
      signal: controller.signal,
      onProgress: async (processed, total) => {
        const written = await db.update(t).set({ processedQueries: processed, totalQueries: total, heartbeatAt: ctx.now() }).where(mine).returning({ id: t.id });
        if (written.length === 0) controller.abort(new RunStopped());
        else await ctx.heartbeat?.();
      },
    });
    const written = await db.update(t).set({ status: 'done', result, finishedAt: ctx.now(), heartbeatAt: ctx.now() }).where(mine).returning({ id: t.id });
    return written.length > 0 ? 'done' : 'cancelled';
  } catch (e) {
    if (controller.signal.aborted) return 'cancelled';
    const message = e instanceof Error ? e.message : String(e);
    ctx.log?.warn({ err: e, runId }, 'feedback evaluation failed');
    const written = await db
      .update(t)
      .set({ status: 'failed', failure: message.slice(0, 2000) || 'Error', finishedAt: ctx.now() })
      .where(mine)
      .returning({ id: t.id });
    return written.length > 0 ? 'failed' : 'cancelled';
  }
}
