import { count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FeedbackRunBody, FeedbackRunListQuery, FeedbackRunView } from '../../../shared/contracts/match-feedback.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { displayNames } from '../identity/repository.js';
import { evaluateFeedbackRunJob } from './jobs.js';
import { matchFeedbackRuns } from './schema.js';

/**
 * The feedback evaluation (feedback-evaluation.ts) as a stored run in the
 * background: the bureau asks for one, the job `matching.evaluate_feedback`
 * (run-feedback-evaluation.ts) asks the judged queries again and writes its
 * progress, the page polls the run. One run queued or running at a time for
 * the platform: asking again while one is active hands back that run
 * (docs/decisions/0020, "In the background").
 */

/** A run without its plan and the queries asked so far (the job's working state, up to a few MB). */
const { plan: _plan, asked: _asked, ...RUN_COLUMNS } = getTableColumns(matchFeedbackRuns);
export type FeedbackRunRow = Omit<typeof matchFeedbackRuns.$inferSelect, 'plan' | 'asked'>;
type View = z.output<typeof FeedbackRunView>;

export const ACTIVE_RUN_STATUSES = ['queued', 'running'] as const;

/** Any number: creations of runs wait for each other on it (transaction-scoped). */
const CREATE_LOCK = 7_302_020;

export async function findRun(db: DbOrTx, id: string): Promise<FeedbackRunRow | null> {
  const [row] = await db.select(RUN_COLUMNS).from(matchFeedbackRuns).where(eq(matchFeedbackRuns.id, id));
  return row ?? null;
}

/**
 * Start an evaluation in the background, or hand back the run that is
 * already queued or running (`created: false`; its parameters may differ).
 */
export async function createFeedbackRun(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof FeedbackRunBody>,
  now: Date,
): Promise<{ run: FeedbackRunRow; created: boolean }> {
  requireCan(actor, 'export', 'match_feedback');
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CREATE_LOCK})`);
  const [active] = await tx.select(RUN_COLUMNS).from(matchFeedbackRuns).where(inArray(matchFeedbackRuns.status, [...ACTIVE_RUN_STATUSES]));
  if (active) return { run: active, created: false };
  const [run] = await tx
    .insert(matchFeedbackRuns)
    .values({ requestedBy: actor.userId, fromDate: input.from ?? null, toDate: input.to ?? null, maxQueries: input.maxQueries, status: 'queued', createdAt: now })
    .returning(RUN_COLUMNS);
  await recordAudit(tx, actor, {
    action: 'match_feedback.evaluate',
    entityType: 'match_feedback_run',
    entityId: run!.id,
    changes: { from: input.from ?? null, to: input.to ?? null, maxQueries: input.maxQueries },
  });
  await enqueue(tx, evaluateFeedbackRunJob, { runId: run!.id });
  return { run: run!, created: true };
}

/**
 * Stop a queued or running run. A running one stops before its next few
 * queries (the job sees the status at its next progress write and asks no
 * further query); its figures so far are not kept. Finished runs cannot be
 * cancelled (INVALID_STATE).
 */
export async function cancelFeedbackRun(tx: Tx, actor: Actor, id: string, now: Date): Promise<FeedbackRunRow> {
  requireCan(actor, 'export', 'match_feedback');
  const [row] = await tx.select(RUN_COLUMNS).from(matchFeedbackRuns).where(eq(matchFeedbackRuns.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  if (!(ACTIVE_RUN_STATUSES as readonly string[]).includes(row.status)) {
    throw new AppError('INVALID_STATE', {
      message: { zh: '该评估已结束（完成、失败或已取消），不能再取消。', en: 'This evaluation has already ended (done, failed or cancelled); it cannot be cancelled.' },
    });
  }
  const [updated] = await tx
    .update(matchFeedbackRuns)
    .set({ status: 'cancelled', cancelledBy: actor.userId, finishedAt: now })
    .where(eq(matchFeedbackRuns.id, id))
    .returning(RUN_COLUMNS);
  await recordAudit(tx, actor, {
    action: 'match_feedback.cancel_evaluation',
    entityType: 'match_feedback_run',
    entityId: id,
    changes: { status: { before: row.status, after: 'cancelled' }, processedQueries: row.processedQueries, totalQueries: row.totalQueries },
  });
  return updated!;
}

export async function getFeedbackRun(db: DbOrTx, actor: Actor, id: string): Promise<FeedbackRunRow> {
  requireCan(actor, 'export', 'match_feedback');
  const row = await findRun(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function listFeedbackRuns(
  db: DbOrTx,
  actor: Actor,
  query: z.output<typeof FeedbackRunListQuery>,
): Promise<{ rows: FeedbackRunRow[]; total: number }> {
  requireCan(actor, 'export', 'match_feedback');
  const where: SQL | undefined = query.status ? eq(matchFeedbackRuns.status, query.status) : undefined;
  const [rows, [n]] = await Promise.all([
    db
      .select(RUN_COLUMNS)
      .from(matchFeedbackRuns)
      .where(where)
      .orderBy(desc(matchFeedbackRuns.createdAt), desc(matchFeedbackRuns.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(matchFeedbackRuns).where(where),
  ]);
  return { rows, total: n?.n ?? 0 };
}

/** Runs as the API shows them, with the names of who asked and who cancelled. */
export async function presentRuns(db: DbOrTx, rows: readonly FeedbackRunRow[]): Promise<View[]> {
  const names = await displayNames(db, rows.flatMap((r) => [r.requestedBy, r.cancelledBy]));
  const who = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    status: r.status as View['status'],
    from: r.fromDate,
    to: r.toDate,
    maxQueries: r.maxQueries,
    processedQueries: r.processedQueries,
    totalQueries: r.totalQueries,
    result: (r.result as View['result']) ?? null,
    failure: r.failure,
    failureReason: r.status !== 'failed' ? null : r.failureCode === 'stalled' ? 'stalled' : 'error',
    resumes: r.resumes,
    requestedBy: who(r.requestedBy),
    cancelledBy: who(r.cancelledBy),
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  }));
}

export async function presentRun(db: DbOrTx, row: FeedbackRunRow): Promise<View> {
  return (await presentRuns(db, [row]))[0]!;
}
