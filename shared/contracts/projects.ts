import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Fiscally funded S&T projects (财政资金设立的科技项目) and what their
 * undertaking units owe: achievements to register in the catalog and S&T
 * reports (科技报告, GB/T 15416 report number). Workflow: docs/workflows/obligations.md.
 */

export const OBLIGATION_KINDS = ['achievement', 'report'] as const;
export const ObligationKind = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof ObligationKind>;

export const OBLIGATION_STATUSES = ['pending', 'submitted', 'accepted', 'returned'] as const;
export const ObligationStatus = z.enum(OBLIGATION_STATUSES);
export type ObligationStatus = z.infer<typeof ObligationStatus>;

/** A calendar day, YYYY-MM-DD (the district's local date). */
const IsoDate = z.iso.date();

export const ProjectFields = z.object({
  /** 计划类别, e.g. 区级科技计划 / 市级科技计划 */
  programme: z.string().trim().min(2).max(60),
  /** Unique within the programme. */
  projectNo: z.string().trim().min(1).max(60),
  title: z.string().trim().min(2).max(200),
  /** Must be a verified organisation. */
  undertakingOrgId: Id,
  startDate: IsoDate,
  endDate: IsoDate,
  /** Funding in fen (分). */
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const ObligationFields = z.object({
  kind: ObligationKind,
  title: z.string().trim().min(2).max(200),
  dueDate: IsoDate,
});

const Ref = z.object({ id: Id, name: z.string() });

export const ObligationView = z.object({
  id: Id,
  projectId: Id,
  kind: ObligationKind,
  title: z.string(),
  dueDate: z.string(),
  status: ObligationStatus,
  /** Past its due date (district time) and not accepted. */
  overdue: z.boolean(),
  /** Whole days past the due date; 0 when not overdue. */
  daysOverdue: z.number().int(),
  reportNumber: z.string().nullable(),
  achievement: z.object({ id: Id, title: z.string(), status: z.string() }).nullable(),
  file: z.object({ id: Id, filename: z.string() }).nullable(),
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  /** The bureau's note when it returned the submission. */
  reviewNote: z.string().nullable(),
  lastRemindedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** Of update, delete, submit, accept, return: what the caller may do now. */
  actions: z.array(z.string()),
});
export type ObligationView = z.infer<typeof ObligationView>;

export const ProjectView = z.object({
  id: Id,
  programme: z.string(),
  projectNo: z.string(),
  title: z.string(),
  undertakingOrg: Ref,
  startDate: z.string(),
  endDate: z.string(),
  amountFen: z.number().int(),
  obligationCounts: z.object({ total: z.number().int(), accepted: z.number().int(), overdue: z.number().int() }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Of update, define_obligation. */
  actions: z.array(z.string()),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const ProjectDetail = ProjectView.extend({ obligations: z.array(ObligationView) });

export const OverdueItem = z.object({
  id: Id,
  kind: ObligationKind,
  title: z.string(),
  dueDate: z.string(),
  status: ObligationStatus,
  daysOverdue: z.number().int(),
  lastRemindedAt: IsoDateTime.nullable(),
  project: z.object({ id: Id, programme: z.string(), projectNo: z.string(), title: z.string() }),
  undertakingOrg: Ref,
});

export const ProjectFilter = z.object({
  programme: z.string().trim().max(60).optional(),
  orgId: Id.optional(),
  /** Projects with at least one obligation in this status. */
  status: ObligationStatus.optional(),
  /** Projects with at least one overdue obligation. */
  overdueOnly: z.stringbool().optional(),
  q: z.string().trim().max(100).optional(),
});

export const OverdueFilter = z.object({
  programme: z.string().trim().max(60).optional(),
  orgId: Id.optional(),
});

export const listProjects = endpoint({
  method: 'GET',
  path: '/api/v1/projects',
  summary: 'Funded projects (bureau: all; undertaking units: their own)',
  tags: ['projects'],
  query: PageQuery.extend(ProjectFilter.shape),
  response: pageOf(ProjectView),
});

export const registerProject = endpoint({
  method: 'POST',
  path: '/api/v1/projects',
  summary: 'Register a funded project (bureau)',
  tags: ['projects'],
  body: ProjectFields,
  response: ProjectDetail,
});

export const getProject = endpoint({
  method: 'GET',
  path: '/api/v1/projects/:id',
  summary: 'One funded project with its obligations',
  tags: ['projects'],
  params: IdParams,
  response: ProjectDetail,
});

export const updateProject = endpoint({
  method: 'PATCH',
  path: '/api/v1/projects/:id',
  summary: 'Edit a funded project (bureau)',
  tags: ['projects'],
  params: IdParams,
  body: ProjectFields.partial(),
  response: ProjectDetail,
});

export const defineObligation = endpoint({
  method: 'POST',
  path: '/api/v1/projects/:id/obligations',
  summary: 'Add an obligation (achievement or 科技报告) to a project (bureau)',
  tags: ['projects'],
  params: IdParams,
  body: ObligationFields,
  response: ObligationView,
});

export const updateObligation = endpoint({
  method: 'PATCH',
  path: '/api/v1/obligations/:id',
  summary: 'Change an obligation’s title or due date (kind only while pending) (bureau)',
  tags: ['projects'],
  params: IdParams,
  body: ObligationFields.partial(),
  response: ObligationView,
});

export const SubmissionBody = z.object({
  /** For an `achievement` obligation: an achievement of the unit's own organisation. */
  achievementId: Id.optional(),
  /** For a `report` obligation: the GB/T 15416 report number. */
  reportNumber: z.string().trim().max(60).optional(),
  /** For a `report` obligation: the uploaded PDF of the report. */
  fileId: Id.optional(),
});

export const submitObligation = endpoint({
  method: 'POST',
  path: '/api/v1/obligations/:id/submission',
  summary: 'The undertaking unit submits against an obligation',
  tags: ['projects'],
  params: IdParams,
  body: SubmissionBody,
  response: ObligationView,
});

export const acceptObligation = endpoint({
  method: 'POST',
  path: '/api/v1/obligations/:id/acceptance',
  summary: 'The bureau accepts a submission',
  tags: ['projects'],
  params: IdParams,
  body: z.object({ note: z.string().trim().max(1000).optional() }),
  response: ObligationView,
});

export const returnObligation = endpoint({
  method: 'POST',
  path: '/api/v1/obligations/:id/return',
  summary: 'The bureau returns a submission with a note',
  tags: ['projects'],
  params: IdParams,
  body: z.object({ note: z.string().trim().max(1000) }),
  response: ObligationView,
});

export const listOverdue = endpoint({
  method: 'GET',
  path: '/api/v1/obligations/overdue',
  summary: 'Overdue obligations, most overdue first (bureau)',
  tags: ['projects'],
  query: PageQuery.extend(OverdueFilter.shape),
  response: pageOf(OverdueItem),
});

export const exportOverdue = endpoint({
  method: 'GET',
  path: '/api/v1/obligations/overdue/export',
  summary: 'Overdue obligations as XLSX (Chinese headers)',
  tags: ['projects'],
  query: OverdueFilter,
  response: z.unknown(),
  download: true,
});
