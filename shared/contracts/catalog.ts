import { z } from 'zod';
import { AchievementContent, AchievementDraft, DemandContent, DemandDraft, LISTING_KINDS } from './catalog-content.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * The listing workflow shared by achievements and demands: drafts, submission,
 * review, publication, revisions, withdrawal, closing. Public finding (list,
 * facets, search, detail) is in catalog-public.ts.
 */

export const LISTING_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn', 'expired', 'closed'] as const;
export const ListingStatus = z.enum(LISTING_STATUSES);
export const REVISION_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export const RevisionStatus = z.enum(REVISION_STATUSES);
export const ListingKind = z.enum(LISTING_KINDS);

/** Reasons a demand is closed (solved or not). */
export const DEMAND_CLOSE_REASONS = ['solved_here', 'solved_elsewhere', 'no_longer_needed', 'other'] as const;

export const Quality = z.object({
  /** 0–100. */
  score: z.number().int(),
  /** Decisive facts still missing, as stable keys (e.g. "advantage", "ip", "price"). */
  missing: z.array(z.string()),
});

export const RevisionView = z.object({
  id: Id,
  number: z.number().int(),
  status: RevisionStatus,
  createdAt: IsoDateTime,
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  reviewNote: z.string().nullable(),
});

const recordBase = {
  id: Id,
  externalId: z.string().nullable(),
  status: ListingStatus,
  organisation: z.object({ id: Id, name: z.string() }),
  publishedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  /** The revision being edited or reviewed beyond the published one, if any. */
  pending: RevisionView.nullable(),
  revisions: z.array(RevisionView),
  quality: Quality,
  /** What the caller may do: update, submit, withdraw, close, review, … */
  actions: z.array(z.string()),
};

/** An achievement as its owner or a reviewer sees it in the console. */
export const AchievementRecord = z.object({
  ...recordBase,
  kind: z.literal('achievement'),
  /** Content of the pending revision if there is one, else of the published one. */
  working: AchievementDraft,
  published: AchievementContent.nullable(),
});
export type AchievementRecord = z.infer<typeof AchievementRecord>;

export const DemandRecord = z.object({
  ...recordBase,
  kind: z.literal('demand'),
  working: DemandDraft,
  published: DemandContent.nullable(),
  closedReason: z.enum(DEMAND_CLOSE_REASONS).nullable(),
  closedNote: z.string().nullable(),
});
export type DemandRecord = z.infer<typeof DemandRecord>;

export const RecordSummary = z.object({
  id: Id,
  kind: ListingKind,
  title: z.string(),
  status: ListingStatus,
  pendingStatus: RevisionStatus.nullable(),
  organisationName: z.string(),
  qualityScore: z.number().int(),
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
  actions: z.array(z.string()),
});

const ConsoleListQuery = PageQuery.extend({
  status: ListingStatus.optional(),
  q: z.string().trim().max(100).optional(),
});

function workflowEndpoints<K extends 'achievements' | 'demands', D extends z.ZodType, R extends z.ZodType>(
  plural: K,
  draft: D,
  record: R,
  tag: string,
) {
  const base = `/api/v1/${plural}` as const;
  return {
    create: endpoint({ method: 'POST', path: base, summary: `Create a draft`, tags: [tag], body: draft, response: record }),
    listMine: endpoint({
      method: 'GET',
      path: `/api/v1/console/${plural}`,
      summary: 'Listings of the caller’s organisation (any status)',
      tags: [tag],
      query: ConsoleListQuery,
      response: pageOf(RecordSummary),
    }),
    get: endpoint({ method: 'GET', path: `${base}/:id/record`, summary: 'One listing with its working revision and history', tags: [tag], params: IdParams, response: record }),
    saveDraft: endpoint({
      method: 'PUT',
      path: `${base}/:id/draft`,
      summary: 'Save the working revision (a published listing gets a new revision; the published one stays visible)',
      tags: [tag],
      params: IdParams,
      body: draft,
      response: record,
    }),
    submit: endpoint({ method: 'POST', path: `${base}/:id/submit`, summary: 'Submit the working revision for review', tags: [tag], params: IdParams, response: record }),
    withdraw: endpoint({
      method: 'POST',
      path: `${base}/:id/withdraw`,
      summary: 'Withdraw from publication',
      tags: [tag],
      params: IdParams,
      body: z.object({ reason: z.string().trim().min(2).max(500) }),
      response: record,
    }),
    discardDraft: endpoint({
      method: 'DELETE',
      path: `${base}/:id/draft`,
      summary: 'Discard the unsubmitted working revision (a never-submitted listing is deleted)',
      tags: [tag],
      params: IdParams,
      response: z.object({ ok: z.literal(true), deleted: z.boolean() }),
    }),
    revision: endpoint({
      method: 'GET',
      path: `${base}/:id/revisions/:revisionId`,
      summary: 'The content of one revision (history)',
      tags: [tag],
      params: z.object({ id: Id, revisionId: Id }),
      response: z.object({ revision: RevisionView, content: draft }),
    }),
  };
}

export const achievementWorkflow = workflowEndpoints('achievements', AchievementDraft, AchievementRecord, 'achievements');
export const demandWorkflow = {
  ...workflowEndpoints('demands', DemandDraft, DemandRecord, 'demands'),
  close: endpoint({
    method: 'POST',
    path: '/api/v1/demands/:id/close',
    summary: 'Close a published demand (solved, or no longer needed), saying how',
    tags: ['demands'],
    params: IdParams,
    body: z.object({ reason: z.enum(DEMAND_CLOSE_REASONS), note: z.string().trim().min(2).max(1000) }),
    response: DemandRecord,
  }),
};

/** Items of the review queue. */
export const QueueItem = z.object({
  revisionId: Id,
  recordId: Id,
  kind: ListingKind,
  title: z.string(),
  organisationName: z.string(),
  number: z.number().int(),
  /** true when the listing is already published and this is an edit. */
  isEdit: z.boolean(),
  submittedAt: IsoDateTime,
  qualityScore: z.number().int(),
  /** Listings with similar titles (this or other organisations): likely duplicates. */
  similar: z.array(z.object({ id: Id, kind: ListingKind, title: z.string(), organisationName: z.string(), status: ListingStatus, similarity: z.number() })),
});

/** What the reviewer confirms before approving. */
export const REVIEW_CHECKLIST = ['public_confidentiality', 'facts_complete', 'no_personal_data_in_text', 'ip_consistent', 'not_duplicate'] as const;

export const reviewQueue = endpoint({
  method: 'GET',
  path: '/api/v1/review/queue',
  summary: 'Submitted revisions awaiting review, oldest first, with likely duplicates',
  tags: ['review'],
  query: PageQuery.extend({ kind: ListingKind.optional() }),
  response: pageOf(QueueItem),
});

export const approveRevision = endpoint({
  method: 'POST',
  path: '/api/v1/review/revisions/:id/approve',
  summary: 'Approve and publish a submitted revision',
  tags: ['review'],
  params: IdParams,
  body: z.object({ checklist: z.array(z.enum(REVIEW_CHECKLIST)), note: z.string().trim().max(1000).optional() }),
  response: z.object({ ok: z.literal(true), recordId: Id, kind: ListingKind }),
});

export const returnRevision = endpoint({
  method: 'POST',
  path: '/api/v1/review/revisions/:id/return',
  summary: 'Return a submitted revision to its owner with reasons',
  tags: ['review'],
  params: IdParams,
  body: z.object({ reasons: z.string().trim().min(4).max(2000) }),
  response: z.object({ ok: z.literal(true), recordId: Id, kind: ListingKind }),
});

export const bulkApprove = endpoint({
  method: 'POST',
  path: '/api/v1/review/bulk-approve',
  summary: 'Approve several submitted revisions; each succeeds or fails on its own',
  tags: ['review'],
  body: z.object({ revisionIds: z.array(Id).min(1).max(200), checklist: z.array(z.enum(REVIEW_CHECKLIST)) }),
  response: z.object({
    approved: z.array(Id),
    failed: z.array(z.object({ revisionId: Id, code: z.string(), message: z.string() })),
  }),
});
