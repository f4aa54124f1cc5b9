import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime } from './endpoint.js';

/**
 * Funding programmes (issue 8): calls for pre-guidance grants, post-award
 * rewards and post-subsidies; applications with automatic eligibility checks;
 * formal review; expert review with conflict-of-interest exclusion; scores
 * aggregated (mean, highest and lowest dropped with five or more); ranking;
 * awards within budget; public notice with objections; disbursement in
 * instalments; final acceptance. Workflow: docs/workflows/funding.md.
 * Money in integer fen as JSON numbers (below 2^53).
 */
const Fen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CALL_KINDS = ['pre_guidance', 'post_award', 'post_subsidy'] as const;
export const CallKind = z.enum(CALL_KINDS);
export const CALL_STATUSES = ['draft', 'open', 'review', 'notice', 'awarded'] as const;
export const APPLICATION_STATUSES = ['ineligible', 'submitted', 'formal_rejected', 'in_review', 'ranked', 'awarded', 'not_awarded', 'accepted'] as const;

export const ScoreItem = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), label: Text(100), max: z.number().int().min(1).max(100) });

export const CallBody = z
  .object({
    kind: CallKind,
    title: Text(200),
    description: z.string().trim().max(4000).default(''),
    eligibility: z.object({
      orgTypes: z.array(z.string()).default([]),
      regionPrefixes: z.array(z.string().regex(/^\d{2,12}$/)).default([]),
      verifiedOnly: z.boolean().default(true),
      maxRequestFen: Fen.nullable().default(null),
    }),
    requiredDocuments: z.array(Text(100)).max(20).default([]),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    reviewDeadline: z.iso.datetime({ offset: true }),
    budgetFen: Fen,
    scoreForm: z.array(ScoreItem).min(1).max(20),
    noticeDays: z.number().int().min(1).max(30).default(7),
  })
  // As instants, not strings: '2026-06-01T08:00:00+08:00' and '2026-06-01T00:00:00Z' are the same moment.
  .refine((b) => Date.parse(b.opensAt) < Date.parse(b.closesAt) && Date.parse(b.closesAt) <= Date.parse(b.reviewDeadline), { message: 'opens < closes ≤ review deadline', path: ['closesAt'] })
  .refine((b) => new Set(b.scoreForm.map((i) => i.key)).size === b.scoreForm.length, { message: 'score item keys must be unique', path: ['scoreForm'] });

export const CallView = z.object({
  id: Id,
  kind: CallKind,
  title: z.string(),
  description: z.string(),
  eligibility: z.record(z.string(), z.unknown()),
  requiredDocuments: z.array(z.string()),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  reviewDeadline: IsoDateTime,
  budgetFen: Fen,
  awardedFen: z.number().int(),
  scoreForm: z.array(ScoreItem),
  noticeDays: z.number().int(),
  status: z.enum(CALL_STATUSES),
  noticeEndsAt: IsoDateTime.nullable(),
  /** budgetFen − awardedFen. */
  remainingFen: z.number().int(),
  reviewClosedAt: IsoDateTime.nullable(),
  /** Objections not yet resolved (bureau only; 0 for others). */
  openObjections: z.number().int(),
  /** Applications by status (bureau only; empty for others). */
  counts: z.record(z.string(), z.number().int()),
});

export const ApplyBody = z.object({
  callId: Id,
  title: Text(200),
  summary: Text(4000),
  requestedFen: Fen,
  documents: z.array(z.object({ name: Text(100), fileId: Id })).max(30).default([]),
  collaboratorOrgIds: z.array(Id).max(20).default([]),
  collaboratorNames: z.array(Text(60)).max(50).default([]),
});

const Check = z.object({ code: z.string(), ok: z.boolean(), message: z.string() });

export const ApplicationView = z.object({
  id: Id,
  callId: Id,
  organisation: z.object({ id: Id, name: z.string() }),
  title: z.string(),
  summary: z.string(),
  requestedFen: Fen,
  documents: z.array(z.object({ name: z.string(), fileId: Id })),
  collaboratorNames: z.array(z.string()),
  /** Collaborating organisations (conflict-of-interest check). */
  collaboratorOrgs: z.array(z.object({ id: Id, name: z.string() })),
  callTitle: z.string(),
  callKind: CallKind,
  checks: z.array(Check),
  status: z.enum(APPLICATION_STATUSES),
  formalNote: z.string().nullable(),
  /** Why an upheld objection withdrew the award during the notice. */
  withdrawnNote: z.string().nullable(),
  /** Null until the review closes (and for experts before then). */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  awardFen: z.number().int().nullable(),
  disbursedFen: z.number().int(),
  /** Every expert's scores: the bureau always; applicants and experts once the review closed. */
  reviews: z.array(
    z.object({
      expert: z.string().nullable(),
      total: z.number().nullable(),
      comment: z.string().nullable(),
      submitted: z.boolean(),
      /** The bureau only (null for others): the assignment, its deadline and whether it is overdue. */
      assignmentId: Id.nullable(),
      deadline: IsoDateTime.nullable(),
      overdue: z.boolean(),
    }),
  ),
  /** The caller's own assignment (experts). */
  myReview: z.object({ assignmentId: Id, scores: z.record(z.string(), z.number()).nullable(), comment: z.string().nullable(), submittedAt: IsoDateTime.nullable(), deadline: IsoDateTime, overdue: z.boolean() }).nullable(),
  disbursements: z.array(z.object({ instalment: z.number().int(), amountFen: z.number().int(), paidOn: z.string(), reference: z.string() })),
  acceptanceNote: z.string().nullable(),
  /** The awardee's acceptance application (验收申请): report and documents; `submittedAt` null while being prepared or after a return (`returnNote` says why). Null before any. */
  acceptance: z.object({ report: z.string(), documents: z.array(z.object({ name: z.string(), fileId: Id })), submittedAt: IsoDateTime.nullable(), returnNote: z.string().nullable() }).nullable(),
  /** What happened, oldest first (from the audit trail). */
  timeline: z.array(z.object({ at: IsoDateTime, event: z.string(), note: z.string().nullable() })),
  createdAt: IsoDateTime,
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const FormalBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('pass'), note: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('reject'), note: Text(2000) }),
]);
export const ExpertBody = z.object({ userId: Id, name: Text(60), field: Text(100), title: Text(60), unit: Text(200), unitOrgId: Id.optional() });
export const ExpertPatch = z.object({ name: Text(60).optional(), field: Text(100).optional(), title: Text(60).optional(), unit: Text(200).optional(), unitOrgId: Id.nullable().optional(), active: z.boolean().optional() });
export const ExpertView = z.object({ id: Id, userId: Id, name: z.string(), field: z.string(), title: z.string(), unit: z.string(), unitOrgId: Id.nullable(), active: z.boolean(), username: z.string(), unitOrgName: z.string().nullable() });
/** Assign experts; the deadline defaults to the call's review deadline. */
export const AssignBody = z.object({ expertIds: z.array(Id).min(1).max(30), deadline: z.iso.datetime({ offset: true }).optional() });
export const AssignResult = z.object({
  assigned: z.array(Id),
  deadline: IsoDateTime,
  /** Experts refused for a conflict of interest, each with the reason. */
  excluded: z.array(z.object({ expertId: Id, reason: z.string() })),
});
export const ScoreBody = z.object({ scores: z.record(z.string(), z.number().min(0)), comment: Text(4000) });
export const AwardBody = z.object({ awards: z.array(z.object({ applicationId: Id, amountFen: Fen })).min(1) });
/** An objection during the notice: reasons (`text`) and evidence files (uploaded first through /api/v1/files). */
export const ObjectionBody = z.object({ applicationId: Id.optional(), text: Text(4000), evidenceFileIds: z.array(Id).max(10).default([]) });
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export const ObjectionView = z.object({
  id: Id,
  callId: Id,
  application: z.object({ id: Id, title: z.string(), organisation: z.string() }).nullable(),
  objector: z.string().nullable(),
  text: z.string(),
  evidence: z.array(z.object({ fileId: Id, filename: z.string() })),
  status: z.enum(OBJECTION_STATUSES),
  resolution: z.string().nullable(),
  resolvedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const ResolveObjectionBody = z.object({ decision: z.enum(['uphold', 'dismiss']), resolution: Text(2000) });
export const AddAwardBody = z.object({ applicationId: Id, amountFen: Fen });
export const DeadlineBody = z.object({ deadline: z.iso.datetime({ offset: true }) });
export const ConflictView = z.object({
  items: z.array(z.object({ expertId: Id, name: z.string(), field: z.string(), title: z.string(), unit: z.string(), assigned: z.boolean(), active: z.boolean(), conflict: z.string().nullable() })),
});
export const PublicAwardsView = z.object({
  items: z.array(
    z.object({
      callId: Id,
      kind: CallKind,
      title: z.string(),
      status: z.enum(['notice', 'awarded']),
      noticeEndsAt: IsoDateTime.nullable(),
      /** Final: the notice passed with no open objection. */
      final: z.boolean(),
      awards: z.array(z.object({ applicationId: Id, rank: z.number().int().nullable(), title: z.string(), organisation: z.string(), score: z.number().nullable(), awardFen: z.number().int() })),
    }),
  ),
});
export const DisburseBody = z.object({ amountFen: Fen, paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), reference: Text(100) });
export const AcceptBody = z.object({ note: Text(2000) });
/** The awardee applies for acceptance: what was achieved, and at least one document (uploaded first through /api/v1/files). */
export const AcceptanceApplicationBody = z.object({ report: Text(4000), documents: z.array(z.object({ name: Text(100), fileId: Id })).min(1).max(10) });
export const ReturnAcceptanceBody = z.object({ note: Text(2000) });
export const RankingView = z.object({
  items: z.array(z.object({ applicationId: Id, title: z.string(), organisation: z.string(), score: z.number().nullable(), rank: z.number().int().nullable(), scoresCount: z.number().int(), requestedFen: z.number().int(), awardFen: z.number().int().nullable(), status: z.string(), withdrawn: z.boolean().default(false) })),
  budgetFen: z.number().int().default(0),
  awardedFen: z.number().int().default(0),
  remainingFen: z.number().int().default(0),
});

const P = IdParams;
const tags = ['funding'];
export const createCall = endpoint({ method: 'POST', path: '/api/v1/funding/calls', summary: 'Create a call (draft)', tags, body: CallBody, response: CallView });
export const listCalls = endpoint({ method: 'GET', path: '/api/v1/funding/calls', summary: 'Calls (open and later for applicants; all for the bureau)', tags, response: z.object({ items: z.array(CallView) }) });
export const getCall = endpoint({ method: 'GET', path: '/api/v1/funding/calls/:id', summary: 'A call', tags, params: P, response: CallView });
export const moveCall = endpoint({ method: 'POST', path: '/api/v1/funding/calls/:id/status', summary: 'Open a call; close its review (aggregates and ranks); publish the notice; finish the notice (awards become final)', tags, params: P, body: z.object({ to: z.enum(['open', 'review', 'notice', 'awarded']) }), response: CallView });
export const ranking = endpoint({ method: 'GET', path: '/api/v1/funding/calls/:id/ranking', summary: 'Ranking of a call’s applications by aggregated score', tags, params: P, response: RankingView });
export const award = endpoint({ method: 'POST', path: '/api/v1/funding/calls/:id/awards', summary: 'Decide awards within the budget', tags, params: P, body: AwardBody, response: RankingView });
export const object = endpoint({ method: 'POST', path: '/api/v1/funding/calls/:id/objections', summary: 'Raise an objection during the public notice', tags, params: P, body: ObjectionBody, response: z.object({ id: Id }) });
export const apply = endpoint({ method: 'POST', path: '/api/v1/funding/applications', summary: 'Apply to an open call (eligibility checked with reasons)', tags, body: ApplyBody, response: ApplicationView });
export const listApplications = endpoint({ method: 'GET', path: '/api/v1/funding/applications', summary: 'Applications: own (applicants), assigned (experts), all (bureau)', tags, query: z.object({ callId: Id.optional() }), response: z.object({ items: z.array(ApplicationView) }) });
export const getApplication = endpoint({ method: 'GET', path: '/api/v1/funding/applications/:id', summary: 'An application', tags, params: P, response: ApplicationView });
export const formalReview = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/formal', summary: 'Formal review: pass to expert review or reject with a reason', tags, params: P, body: FormalBody, response: ApplicationView });
export const assign = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/assignments', summary: 'Assign experts, excluding conflicts of interest', tags, params: P, body: AssignBody, response: AssignResult });
export const score = endpoint({ method: 'PUT', path: '/api/v1/funding/applications/:id/score', summary: 'An assigned expert scores on the call’s form before the deadline', tags, params: P, body: ScoreBody, response: ApplicationView });
export const disburse = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/disbursements', summary: 'Record a disbursement (instalments for pre-guidance)', tags, params: P, body: DisburseBody, response: ApplicationView });
export const applyForAcceptance = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/acceptance-application', summary: 'The awardee applies for acceptance (验收申请) with a report and documents', tags, params: P, body: AcceptanceApplicationBody, response: ApplicationView });
export const returnAcceptance = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/acceptance-application/return', summary: 'Return an acceptance application with the reasons (the awardee corrects and applies again)', tags, params: P, body: ReturnAcceptanceBody, response: ApplicationView });
export const accept = endpoint({ method: 'POST', path: '/api/v1/funding/applications/:id/acceptance', summary: 'Pass the acceptance of an awarded project whose acceptance application is submitted', tags, params: P, body: AcceptBody, response: ApplicationView });
export const listExperts = endpoint({ method: 'GET', path: '/api/v1/funding/experts', summary: 'The expert registry', tags, response: z.object({ items: z.array(ExpertView) }) });
export const addExpert = endpoint({ method: 'POST', path: '/api/v1/funding/experts', summary: 'Register an expert (an account with the expert role)', tags, body: ExpertBody, response: ExpertView });
export const updateExpert = endpoint({ method: 'PATCH', path: '/api/v1/funding/experts/:id', summary: 'Edit an expert (field, title, unit, active)', tags, params: P, body: ExpertPatch, response: ExpertView });
export const conflicts = endpoint({ method: 'GET', path: '/api/v1/funding/applications/:id/conflicts', summary: 'Every active expert with the conflict of interest (if any) that excludes them from this application', tags, params: P, response: ConflictView });
export const extendDeadline = endpoint({ method: 'POST', path: '/api/v1/funding/assignments/:id/deadline', summary: 'Extend an expert’s review deadline', tags, params: P, body: DeadlineBody, response: ApplicationView });
export const listObjections = endpoint({ method: 'GET', path: '/api/v1/funding/calls/:id/objections', summary: 'Objections to a call’s award list', tags, params: P, response: z.object({ items: z.array(ObjectionView) }) });
export const resolveObjection = endpoint({ method: 'POST', path: '/api/v1/funding/objections/:id/resolve', summary: 'Uphold (the award is withdrawn) or dismiss an objection', tags, params: P, body: ResolveObjectionBody, response: ObjectionView });
export const addAward = endpoint({ method: 'POST', path: '/api/v1/funding/calls/:id/awards/add', summary: 'During the notice, award a further ranked application within the remaining budget (after an upheld objection); the notice restarts for it', tags, params: P, body: AddAwardBody, response: RankingView });
export const rankingExport = endpoint({ method: 'GET', path: '/api/v1/funding/calls/:id/ranking.xlsx', summary: 'The ranking and award list as XLSX', tags, params: P, response: z.unknown(), download: true });
export const downloadDocument = endpoint({ method: 'GET', path: '/api/v1/funding/applications/:id/files/:fileId', summary: 'Download an application’s document', tags, params: z.object({ id: Id, fileId: Id }), response: z.unknown(), download: true });
export const downloadEvidence = endpoint({ method: 'GET', path: '/api/v1/funding/objections/:id/files/:fileId', summary: 'Download an objection’s evidence', tags, params: z.object({ id: Id, fileId: Id }), response: z.unknown(), download: true });
export const publicAwards = endpoint({ method: 'GET', path: '/api/v1/funding/public/awards', summary: 'Award lists in public notice and final (公示)', tags, response: PublicAwardsView });
