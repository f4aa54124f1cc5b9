import type { z } from 'zod';
import type { FeedbackEvaluationQuery, FeedbackEvaluationView } from '../../../shared/contracts/match-feedback.js';
import type { MatchDirection } from '../../../shared/contracts/matching.js';
import type { Db } from '../../db/client.js';
import { feedbackForExport, kindsOf, type FeedbackExportRow } from './feedback.js';
import { loadMatchConfig, type MatchConfig, type MatchDoc } from './engine/index.js';
import { loadListingQuery, runMatch } from './match-service.js';

/** How deep each judged query is re-run: a result below this counts as not found. */
export const EVALUATION_DEPTH = 100;
/** Judged queries asked at once (the pool has 10 connections; requests keep theirs). */
const RERUN_CONCURRENCY = 4;
/** Progress is reported after every this many queries (about a quarter of a second at 10 000 records). */
export const PROGRESS_EVERY = 10;

type Evaluation = z.output<typeof FeedbackEvaluationView>;
type Figures = Evaluation['overall'];
/** One judged query: its judgements, their ranks when judged and now (null: not in the first EVALUATION_DEPTH). */
export type Judged = { useful: boolean; rankThen: number | null; rankNow: number | null };

/**
 * Offline evaluation from users' feedback (issue 4: "feedback is stored and
 * used by the offline evaluation"). Every query users judged suggestions of
 * (the latest judgement per user, query and result, as the export keeps
 * them) is run again through the engine with `config` (the deployed one by
 * default) over today's catalog, and the judged results are looked up in the
 * new list:
 * - useful in the top 10, then (the rank shown when judged) and now;
 * - not useful in the top 10, now (lower is better);
 * - pairwise order: of every (useful, not useful) pair of one query, the share
 *   the engine now puts the useful one first (a result not found ranks after
 *   every found one; two not found count half);
 * - MRR@10 of the first useful result per query.
 * So a change of weights can be tried against the judgements before it is
 * deployed (`npm run cli -- match-feedback --config <file>`). Queries whose
 * record is gone, and the enterprises direction (its results are
 * organisations, re-derived from demands), are counted as skipped.
 */
export async function evaluateFeedback(
  db: Db,
  input: Omit<z.output<typeof FeedbackEvaluationQuery>, 'maxQueries'> & {
    maxQueries?: number;
    now: Date;
    config?: MatchConfig;
    /** See askAgain. */
    onProgress?: (processed: number, total: number) => Promise<void> | void;
    /** See askAgain. */
    signal?: AbortSignal;
  },
): Promise<Evaluation> {
  const plan = await planEvaluation(db, input);
  const judged = await askAgain(db, plan.queries, input);
  return summarise(plan, judged);
}

/** A judged query as the evaluation asks it again: the query and its (latest) judgements. */
export type PlannedQuery = {
  direction: MatchDirection;
  queryId: string | null;
  queryText: string | null;
  judgements: { resultId: string; useful: boolean; rank: number | null }[];
};
/** The judged queries to ask again, most recently judged first, and how many older ones were left out. */
export type EvaluationPlan = { queries: PlannedQuery[]; omitted: number };
/** A query asked again: its judgements with their ranks then and now; null when it could not be asked again. */
export type AskedQuery = Judged[] | null;

/** Which judged queries an evaluation asks again (the latest judgement per user, query and result). */
export async function planEvaluation(
  db: Db,
  input: Omit<z.output<typeof FeedbackEvaluationQuery>, 'maxQueries'> & { maxQueries?: number },
): Promise<EvaluationPlan> {
  const rows = await feedbackForExport(db, { from: input.from, to: input.to, format: 'jsonl' });
  // Rows come oldest first: a group's last row is its latest judgement.
  const groups = new Map<string, { rows: FeedbackExportRow[]; latest: number }>();
  rows.forEach((r, i) => {
    const key = `${r.direction}\u0000${r.queryId ?? ''}\u0000${r.queryText ?? ''}`;
    const g = groups.get(key);
    if (g) {
      g.rows.push(r);
      g.latest = i;
    } else groups.set(key, { rows: [r], latest: i });
  });
  // The most recently judged queries first.
  const ordered = [...groups.values()].sort((a, b) => b.latest - a.latest).map((g) => g.rows);
  const kept = input.maxQueries === undefined ? ordered : ordered.slice(0, input.maxQueries);
  return {
    omitted: ordered.length - kept.length,
    queries: kept.map((group) => ({
      direction: group[0]!.direction as MatchDirection,
      queryId: group[0]!.queryId,
      queryText: group[0]!.queryText,
      judgements: group.map((r) => ({ resultId: r.resultId, useful: r.useful, rank: r.rank })),
    })),
  };
}

/**
 * Ask `queries` again, RERUN_CONCURRENCY at a time (each is one match,
 * mostly PostgreSQL), and look their judged results up in the new lists.
 * `onProgress` is told how many have been asked: once with 0 before the
 * first, then every PROGRESS_EVERY and after the last (awaited; calls do not
 * overlap); a callback that throws stops it. Once `signal` is aborted no
 * further query is asked and it rejects with the signal's reason.
 */
export async function askAgain(
  db: Db,
  queries: readonly PlannedQuery[],
  opts: { now: Date; config?: MatchConfig; onProgress?: (processed: number, total: number) => Promise<void> | void; signal?: AbortSignal },
): Promise<AskedQuery[]> {
  const config = opts.config ?? loadMatchConfig();
  const asked = new Array<AskedQuery>(queries.length).fill(null);
  const { onProgress, signal } = opts;
  signal?.throwIfAborted();
  // Progress reports are chained, so they arrive in order and one at a time.
  let reported: Promise<void> = Promise.resolve(onProgress?.(0, queries.length));
  await reported;
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (next < queries.length && !failed && !signal?.aborted) {
        const i = next++;
        const q = queries[i]!;
        const ids = await rerun(db, q, config, opts.now);
        if (ids) {
          const position = new Map(ids.map((id, k) => [id, k + 1]));
          // Each user's latest judgement of a result counts once; two users may judge one result differently, and both count.
          asked[i] = q.judgements.map((j) => ({ useful: j.useful, rankThen: j.rank, rankNow: position.get(j.resultId) ?? null }));
        }
        done += 1;
        if (onProgress && (done % PROGRESS_EVERY === 0 || done === queries.length)) {
          const n = done;
          reported = reported.then(() => onProgress(n, queries.length));
          await reported;
        }
      }
    } catch (e) {
      failed = true;
      throw e;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(RERUN_CONCURRENCY, queries.length) }, worker));
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) throw failure.reason;
  signal?.throwIfAborted();
  return asked;
}

/** The figures of a plan's queries asked again (`asked[i]` is `plan.queries[i]`'s). */
export function summarise(plan: EvaluationPlan, asked: readonly AskedQuery[]): Evaluation {
  const byDirection = new Map<MatchDirection, Judged[][]>();
  let skipped = 0;
  plan.queries.forEach((q, i) => {
    const judged = asked[i];
    if (!judged) {
      skipped += 1;
      return;
    }
    const list = byDirection.get(q.direction);
    if (list) list.push(judged);
    else byDirection.set(q.direction, [judged]);
  });
  const all = [...byDirection.values()].flat();
  return {
    depth: EVALUATION_DEPTH,
    skippedQueries: skipped,
    omittedQueries: plan.omitted,
    overall: figures(all),
    byDirection: [...byDirection].sort(([a], [b]) => (a < b ? -1 : 1)).map(([direction, qs]) => ({ direction, ...figures(qs) })),
  };
}

/** The ids the engine now returns for a judged query, best first; null when it cannot be asked again. */
async function rerun(db: Db, q: PlannedQuery, config: MatchConfig, now: Date): Promise<string[] | null> {
  const direction = q.direction;
  if (direction === 'achievement-enterprises') return null;
  const kinds = kindsOf(direction);
  const target = kinds.result === 'demand' ? 'demand' : 'achievement';
  let source: { text: string } | { doc: MatchDoc };
  if (kinds.query === 'text') {
    if (!q.queryText) return null;
    source = { text: q.queryText };
  } else {
    if (!q.queryId) return null;
    try {
      // The bureau evaluates: a query record no longer published is still asked as it last read.
      source = { doc: (await loadListingQuery(db, kinds.query, q.queryId, () => true)).doc };
    } catch {
      return null;
    }
  }
  const matches = await runMatch(db, { target, direction, source, limit: EVALUATION_DEPTH, now, config });
  return matches.map((m) => m.id);
}

function figures(queries: Judged[][]): Figures {
  const judgements = queries.flat();
  const useful = judgements.filter((j) => j.useful);
  const notUseful = judgements.filter((j) => !j.useful);
  const top10 = (r: number | null) => r !== null && r <= 10;
  const share = (n: number, of: number) => (of > 0 ? n / of : null);
  let pairs = 0;
  let correct = 0;
  let rr = 0;
  let withUseful = 0;
  for (const q of queries) {
    const u = q.filter((j) => j.useful);
    const n = q.filter((j) => !j.useful);
    for (const a of u) {
      for (const b of n) {
        pairs += 1;
        const ra = a.rankNow ?? Infinity;
        const rb = b.rankNow ?? Infinity;
        correct += ra < rb ? 1 : ra === rb ? 0.5 : 0;
      }
    }
    if (u.length > 0) {
      withUseful += 1;
      const best = Math.min(...u.map((j) => j.rankNow ?? Infinity));
      if (best <= 10) rr += 1 / best;
    }
  }
  const thenKnown = useful.filter((j) => j.rankThen !== null);
  return {
    queries: queries.length,
    useful: useful.length,
    notUseful: notUseful.length,
    usefulInTop10Then: share(thenKnown.filter((j) => top10(j.rankThen)).length, thenKnown.length),
    usefulInTop10Now: share(useful.filter((j) => top10(j.rankNow)).length, useful.length),
    notUsefulInTop10Now: share(notUseful.filter((j) => top10(j.rankNow)).length, notUseful.length),
    pairs,
    pairOrder: share(correct, pairs),
    mrrAt10: share(rr, withUseful),
  };
}
