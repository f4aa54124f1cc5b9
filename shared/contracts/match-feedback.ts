import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';
import { MatchDirection } from './matching.js';

/**
 * Users' judgement of suggestions (精准对接): feedback marks, the lists of
 * suggestions shown (impressions), their export, and the offline evaluation
 * of the engine against them, synchronous or as a background run with
 * progress (docs/workflows/feedback-evaluation.md). The suggestions
 * themselves are shared/contracts/matching.ts.
 */

export const FeedbackBody = z
  .strictObject({
    direction: MatchDirection,
    /** The record the suggestions were for (absent for free text). */
    queryId: Id.optional(),
    queryText: z.string().trim().min(1).max(4000).optional(),
    resultId: Id,
    /** 1-based position in the list shown. */
    rank: z.number().int().min(1).max(1000).optional(),
    score: z.number().min(0).max(100).optional(),
    useful: z.boolean(),
  })
  .refine((b) => b.queryId || b.queryText, { message: 'queryId or queryText', path: ['queryId'] });

export const FeedbackView = z.object({ id: Id, useful: z.boolean(), createdAt: IsoDateTime });

export const postFeedback = endpoint({
  method: 'POST',
  path: '/api/v1/match/feedback',
  summary: 'Mark a suggestion useful or not useful',
  tags: ['matching'],
  body: FeedbackBody,
  response: FeedbackView,
});

export const FeedbackExportQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
});

export const exportFeedback = endpoint({
  method: 'GET',
  path: '/api/v1/match/feedback/export',
  summary: 'Feedback on suggestions, for offline evaluation (JSON lines or CSV)',
  tags: ['matching'],
  query: FeedbackExportQuery,
  response: z.unknown(),
  download: true,
});

export const FeedbackEvaluationQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** The most recently judged queries asked again (each is one match: the page waits for all of them). */
  maxQueries: z.coerce.number().int().min(1).max(2000).default(100),
});

/** Shares are 0–1, null when there is nothing to divide by. */
const EvaluationFigures = z.object({
  /** Judged queries asked again. */
  queries: z.number().int(),
  useful: z.number().int(),
  notUseful: z.number().int(),
  /** Useful results that were in the top 10 when judged (of those whose position was reported). */
  usefulInTop10Then: z.number().nullable(),
  usefulInTop10Now: z.number().nullable(),
  /** Lower is better. */
  notUsefulInTop10Now: z.number().nullable(),
  /** (useful, not useful) pairs of one query. */
  pairs: z.number().int(),
  /** Share of those pairs the engine now orders useful first. */
  pairOrder: z.number().nullable(),
  /** Mean reciprocal rank of the first useful result, top 10. */
  mrrAt10: z.number().nullable(),
});

export const FeedbackEvaluationView = z.object({
  /** Each query is asked again this deep; a result below it counts as not found. */
  depth: z.number().int(),
  /** Judged queries that cannot be asked again (record deleted, the enterprises direction). */
  skippedQueries: z.number().int(),
  /** Older judged queries left out by `maxQueries`. */
  omittedQueries: z.number().int(),
  overall: EvaluationFigures,
  byDirection: z.array(EvaluationFigures.extend({ direction: MatchDirection })),
});

export const feedbackEvaluation = endpoint({
  method: 'GET',
  path: '/api/v1/match/feedback/evaluation',
  summary: "The engine as deployed, measured against users' feedback: judged queries asked again",
  tags: ['matching'],
  query: FeedbackEvaluationQuery,
  response: FeedbackEvaluationView,
});

// ---- feedback evaluation in the background --------------------------------

/** queued → running → done | failed; queued or running → cancelled. */
export const FEEDBACK_RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const FeedbackRunStatus = z.enum(FEEDBACK_RUN_STATUSES);
export type FeedbackRunStatus = z.infer<typeof FeedbackRunStatus>;

export const FeedbackRunBody = z
  .strictObject({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** The most recently judged queries asked again (each is one match, about 0.1 s at 10 000 records). */
    maxQueries: z.number().int().min(1).max(2000).default(100),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { message: 'from must not be after to', path: ['to'] });

export const FeedbackRunView = z.object({
  id: Id,
  status: FeedbackRunStatus,
  from: z.string().nullable(),
  to: z.string().nullable(),
  maxQueries: z.number().int(),
  /** Judged queries asked again so far, of `totalQueries` (null until the run has counted them). */
  processedQueries: z.number().int(),
  totalQueries: z.number().int().nullable(),
  /** The figures, when done. */
  result: FeedbackEvaluationView.nullable(),
  /** Why it failed. */
  failure: z.string().nullable(),
  /** error: its job hit an error (`failure` says which); stalled: no progress after three automatic resumes. Null unless failed. */
  failureReason: z.enum(['error', 'stalled']).nullable(),
  /** Automatic resumes after it went silent, since it last made progress. */
  resumes: z.number().int(),
  requestedBy: z.object({ id: Id, name: z.string() }).nullable(),
  cancelledBy: z.object({ id: Id, name: z.string() }).nullable(),
  createdAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
});

export const createFeedbackRun = endpoint({
  method: 'POST',
  path: '/api/v1/match/feedback/evaluations',
  summary: "Evaluate the engine against users' feedback in the background; while a run is queued or running, that run is returned (created: false)",
  tags: ['matching'],
  body: FeedbackRunBody,
  response: FeedbackRunView.extend({ created: z.boolean() }),
});

export const FeedbackRunListQuery = PageQuery.extend({ status: FeedbackRunStatus.optional() });

export const listFeedbackRuns = endpoint({
  method: 'GET',
  path: '/api/v1/match/feedback/evaluations',
  summary: 'Runs of the feedback evaluation, newest first',
  tags: ['matching'],
  query: FeedbackRunListQuery,
  response: pageOf(FeedbackRunView),
});

export const getFeedbackRun = endpoint({
  method: 'GET',
  path: '/api/v1/match/feedback/evaluations/:id',
  summary: 'One run of the feedback evaluation: status, progress, figures',
  tags: ['matching'],
  params: IdParams,
  response: FeedbackRunView,
});

export const cancelFeedbackRun = endpoint({
  method: 'POST',
  path: '/api/v1/match/feedback/evaluations/:id/cancel',
  summary: 'Stop a queued or running evaluation (a running one stops between queries)',
  tags: ['matching'],
  params: IdParams,
  response: FeedbackRunView,
});

/** Lists of suggestions shown, sent in batches by the web app. */
export const ImpressionsBody = z.strictObject({
  lists: z
    .array(
      z.strictObject({
        direction: MatchDirection,
        queryId: Id.optional(),
        resultIds: z.array(Id).min(1).max(100),
      }),
    )
    .min(1)
    .max(50),
});

export const postImpressions = endpoint({
  method: 'POST',
  path: '/api/v1/match/impressions',
  summary: 'Record lists of suggestions shown (batched)',
  tags: ['matching'],
  body: ImpressionsBody,
  response: z.object({ recorded: z.number().int() }),
});
