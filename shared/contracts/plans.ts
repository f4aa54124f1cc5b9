import { z } from 'zod';
import { ORG_TYPES } from '../roles.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Plan tracking (issue 6): a plan's tasks, responsible units, indicators and
 * targets; progress reports by responsible units and their review; the
 * supervision list (督办); the dashboard and its drill-down. The plan file
 * format is documented in docs/plan-file-format.md and validated by
 * server/modules/plans/plan-file.ts.
 */

export const INDICATOR_UNITS = ['count', 'cny', 'percent', 'yesno'] as const;
export const IndicatorUnit = z.enum(INDICATOR_UNITS);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

export const AGGREGATIONS = ['yearly', 'cumulative'] as const;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;

export const CADENCES = ['monthly', 'quarterly'] as const;
export const Cadence = z.enum(CADENCES);
export type Cadence = z.infer<typeof Cadence>;

export const PLAN_STATUSES = ['draft', 'active', 'archived'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/**
 * Where a figure comes from: `computed` from the platform's records by a
 * registry query; `reported` by the responsible units; `reported_no_source`
 * when the plan names a query whose data source does not exist yet.
 */
export const VALUE_SOURCES = ['computed', 'reported', 'reported_no_source'] as const;
export const ValueSource = z.enum(VALUE_SOURCES);

/** on_track / at_risk (below the expected position by more than the plan's margin) / overdue (deadline passed, not reached) / reached / no_target. */
export const PROGRESS_STATUSES = ['reached', 'on_track', 'at_risk', 'overdue', 'no_target'] as const;
export const ProgressStatus = z.enum(PROGRESS_STATUSES);
export type ProgressStatus = z.infer<typeof ProgressStatus>;

/** YYYY-MM (monthly) or YYYY-Qn (quarterly). */
export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/);

const Ref = z.object({ id: Id, name: z.string() });
const UnitRef = Ref.extend({ code: z.string().nullable(), role: z.enum(['lead', 'co']) });

export const TargetView = z.object({ year: z.number().int(), value: z.number().int(), note: z.string().nullable() });

export const IndicatorView = z.object({
  id: Id,
  code: z.string(),
  taskNumber: z.number().int().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: IndicatorUnit,
  aggregation: Aggregation,
  source: z.enum(['computed', 'reported']),
  query: z.string().nullable(),
  public: z.boolean(),
  note: z.string().nullable(),
  targets: z.array(TargetView),
});

export const MilestoneView = z.object({
  id: Id,
  title: z.string(),
  dueDate: z.string(),
  indicatorCode: z.string().nullable(),
  target: z.number().int().nullable(),
  reachedAt: IsoDateTime.nullable(),
});

export const TaskView = z.object({
  id: Id,
  number: z.number().int(),
  title: z.string(),
  measures: z.string(),
  scheduleText: z.string(),
  scheduleKind: z.enum(['continuous', 'milestones']),
  cadence: Cadence,
  units: z.array(UnitRef),
  coUnitTypes: z.array(z.string()),
  milestones: z.array(MilestoneView),
});

export const PlanSummary = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  issuingBody: z.string(),
  documentNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: PlanStatus,
  createdAt: IsoDateTime,
  /** Of update, import, monitor, supervise. */
  actions: z.array(z.string()),
});

export const PlanDetail = PlanSummary.extend({
  goals: z.string(),
  note: z.string().nullable(),
  atRiskMarginPercent: z.number(),
  reportDueDays: z.number().int(),
  reportingFrom: z.string(),
  tasks: z.array(TaskView),
  indicators: z.array(IndicatorView),
});

export const listPlans = endpoint({
  method: 'GET',
  path: '/api/v1/plans',
  summary: 'Plans, newest period first',
  tags: ['plans'],
  response: z.object({ items: z.array(PlanSummary) }),
});

export const getPlan = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id',
  summary: 'A plan with its tasks, responsible units, indicators, targets and milestones',
  tags: ['plans'],
  params: IdParams,
  response: PlanDetail,
});

/** A plan file, either uploaded (file id of an `import` upload) or sent inline. */
export const ImportPlanBody = z.union([z.object({ fileId: Id }), z.object({ plan: z.unknown() })]);

export const importPlan = endpoint({
  method: 'POST',
  path: '/api/v1/plans/import',
  summary: 'Import a plan from the plan file format (validated; all or nothing)',
  tags: ['plans'],
  body: ImportPlanBody,
  response: PlanDetail.extend({
    /** Computed indicators whose query has no data source yet: shown as reported until it lands. */
    warnings: z.array(z.object({ path: z.string(), zh: z.string(), en: z.string() })),
  }),
});

export const updatePlan = endpoint({
  method: 'PATCH',
  path: '/api/v1/plans/:id',
  summary: 'Change a plan’s status or tracking settings (bureau admin)',
  tags: ['plans'],
  params: IdParams,
  body: z.object({
    status: PlanStatus.optional(),
    atRiskMarginPercent: z.number().min(0).max(100).optional(),
    reportDueDays: z.number().int().min(0).max(90).optional(),
    reportingFrom: z.iso.date().optional(),
  }),
  response: PlanDetail,
});

export const IndicatorParams = z.object({ id: Id, indicatorId: Id });
export const TaskParams = z.object({ id: Id, taskId: Id });

export const updateTask = endpoint({
  method: 'PATCH',
  path: '/api/v1/plans/:id/tasks/:taskId',
  summary: 'Edit a task: wording, cadence, responsible units, milestones (bureau admin)',
  tags: ['plans'],
  params: TaskParams,
  body: z.object({
    title: z.string().trim().min(1).max(200).optional(),
    measures: z.string().trim().min(1).max(10_000).optional(),
    scheduleText: z.string().trim().max(2000).optional(),
    cadence: Cadence.optional(),
    coUnitTypes: z.array(z.enum(ORG_TYPES)).max(ORG_TYPES.length).optional(),
    /** Replaces the named units. */
    units: z.object({ leadId: Id, coIds: z.array(Id).max(100) }).optional(),
    /** Replaces the milestones; an existing one keeps its id (and whether it was reached). */
    milestones: z
      .array(
        z.object({
          id: Id.optional(),
          title: z.string().trim().min(1).max(500),
          dueDate: z.iso.date(),
          indicatorCode: z.string().max(100).nullable().optional(),
          target: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
        }),
      )
      .max(50)
      .optional(),
  }),
  response: TaskView,
});

export const updateIndicator = endpoint({
  method: 'PATCH',
  path: '/api/v1/plans/:id/indicators/:indicatorId',
  summary: 'Edit an indicator: public flag, note, targets (bureau admin)',
  tags: ['plans'],
  params: IndicatorParams,
  body: z.object({
    public: z.boolean().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    /** Replaces all targets. */
    targets: z
      .array(z.object({ year: z.number().int().min(2000).max(2100), value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), note: z.string().max(500).nullable().optional() }))
      .max(50)
      .optional(),
  }),
  response: IndicatorView,
});

// ---- Dashboard ----

export const IndicatorStatus = z.object({
  id: Id,
  code: z.string(),
  taskNumber: z.number().int().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: IndicatorUnit,
  aggregation: Aggregation,
  source: ValueSource,
  query: z.string().nullable(),
  public: z.boolean(),
  note: z.string().nullable(),
  /** The year's value (yearly) or the total since the plan's start through that year (cumulative). */
  value: z.number().int(),
  targetThisYear: z.number().int().nullable(),
  targetAtEnd: z.number().int().nullable(),
  /** Where the value should stand on the dashboard's date. */
  expected: z.number().int().nullable(),
  status: ProgressStatus,
  lastReport: z.object({ id: Id, period: z.string(), organisation: Ref, status: ReportStatus, submittedAt: IsoDateTime }).nullable(),
  /** Computed indicators: the value by month of the year (12 entries, month amounts for yearly, running totals for cumulative). */
  monthly: z.array(z.number().int()).nullable(),
});

export const UnitStatus = z.object({
  organisation: Ref,
  role: z.enum(['lead', 'co']),
  status: z.enum(['on_track', 'at_risk', 'overdue']),
  /** Reporting periods due and missing; supervision level if any. */
  missingPeriods: z.array(z.string()),
  level: z.number().int(),
});

export const TaskStatus = z.object({
  id: Id,
  number: z.number().int(),
  title: z.string(),
  status: z.enum(['on_track', 'at_risk', 'overdue']),
  milestones: z.array(MilestoneView.extend({ status: z.enum(['reached', 'open', 'overdue']) })),
  units: z.array(UnitStatus),
  latestReports: z.array(z.object({ id: Id, period: z.string(), organisation: Ref, status: ReportStatus, submittedAt: IsoDateTime })),
});

export const Dashboard = z.object({
  plan: PlanSummary,
  /** The year shown (clamped to the plan's years) and the date the expected positions are for. */
  year: z.number().int(),
  asOf: z.string(),
  indicators: z.array(IndicatorStatus),
  tasks: z.array(TaskStatus),
  supervision: z.object({ open: z.number().int(), byLevel: z.array(z.number().int()) }),
});

export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const getDashboard = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/dashboard',
  summary: 'Every indicator against its targets, task and unit status, monthly trends (bureau)',
  tags: ['plans'],
  params: IdParams,
  query: YearQuery,
  response: Dashboard,
});

export const DrillRecord = z.object({
  /** `record` for a platform record, `report` for a figure stated in a progress report. */
  kind: z.enum(['record', 'report']),
  id: Id,
  title: z.string(),
  organisation: Ref.nullable(),
  at: IsoDateTime,
  amount: z.number().int(),
  link: z.string().nullable(),
});

export const listIndicatorRecords = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/indicators/:indicatorId/records',
  summary: 'The records or reports behind an indicator’s figure for a year (sum equals the figure)',
  tags: ['plans'],
  params: IndicatorParams,
  query: PageQuery.extend(YearQuery.shape),
  response: pageOf(DrillRecord).extend({ year: z.number().int(), source: ValueSource, value: z.number().int() }),
});

export const exportPlanStatus = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/export.xlsx',
  summary: 'The plan’s status as XLSX: indicators, tasks and units, supervision list',
  tags: ['plans'],
  params: IdParams,
  query: YearQuery,
  response: z.unknown(),
  download: true,
});

/** The plan status report as PDF (A4, Chinese, with charts), for the district government. */
export const exportPlanReportPdf = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/report.pdf',
  summary: 'The plan’s status report as PDF: summary, indicators with charts, tasks, supervision list, latest accepted reports',
  tags: ['plans'],
  params: IdParams,
  query: YearQuery,
  response: z.unknown(),
  download: true,
});

export const PublicStatistics = z.object({
  plan: z.object({ title: z.string(), issuingBody: z.string(), startDate: z.string(), endDate: z.string() }),
  year: z.number().int(),
  asOf: z.string(),
  indicators: z.array(
    IndicatorStatus.pick({ code: true, name: true, nameEn: true, unit: true, aggregation: true, value: true, targetThisYear: true, targetAtEnd: true, status: true, monthly: true }),
  ),
});

export const publicStatistics = endpoint({
  method: 'GET',
  path: '/api/v1/public/plans/current/statistics',
  summary: 'Public indicators of the current plan',
  tags: ['plans'],
  response: PublicStatistics,
});

// ---- Reports ----

export const ReportView = z.object({
  id: Id,
  planId: Id,
  task: z.object({ id: Id, number: z.number().int(), title: z.string() }),
  organisation: Ref,
  period: Period,
  status: ReportStatus,
  narrative: z.string(),
  figures: z.array(z.object({ indicatorId: Id, code: z.string(), unit: IndicatorUnit, value: z.number().int(), note: z.string().nullable() })),
  evidence: z.array(z.object({ id: Id, filename: z.string(), contentType: z.string() })),
  milestoneIds: z.array(Id),
  submittedAt: IsoDateTime,
  reviewedAt: IsoDateTime.nullable(),
  reviewNote: z.string().nullable(),
  /** Of submit (again), accept, return. */
  actions: z.array(z.string()),
});
export type ReportView = z.infer<typeof ReportView>;


export const SubmitReportBody = z.object({
  period: Period,
  narrative: z.string().trim().min(10).max(20_000),
  /** For reported indicators of the task: count, fen, hundredths of a percent, 0/1. */
  figures: z
    .array(z.object({ indicatorId: Id, value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), note: z.string().trim().max(500).optional() }))
    .max(50)
    .default([]),
  evidenceFileIds: z.array(Id).max(20).default([]),
  milestoneIds: z.array(Id).max(20).default([]),
});

export const submitReport = endpoint({
  method: 'POST',
  path: '/api/v1/plans/:id/tasks/:taskId/reports',
  summary: 'A responsible unit reports progress on a task for a period (again after a return)',
  tags: ['plans'],
  params: TaskParams,
  body: SubmitReportBody,
  response: ReportView,
});

export const ReportFilter = z.object({
  taskId: Id.optional(),
  orgId: Id.optional(),
  period: Period.optional(),
  status: ReportStatus.optional(),
});

export const listReports = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/reports',
  summary: 'Progress reports (bureau: all; units: their own)',
  tags: ['plans'],
  params: IdParams,
  query: PageQuery.extend(ReportFilter.shape),
  response: pageOf(ReportView),
});

export const getReport = endpoint({
  method: 'GET',
  path: '/api/v1/plan-reports/:id',
  summary: 'One progress report',
  tags: ['plans'],
  params: IdParams,
  response: ReportView,
});

export const acceptReport = endpoint({
  method: 'POST',
  path: '/api/v1/plan-reports/:id/acceptance',
  summary: 'The bureau accepts a progress report',
  tags: ['plans'],
  params: IdParams,
  body: z.object({ note: z.string().trim().max(1000).optional() }),
  response: ReportView,
});

export const returnReport = endpoint({
  method: 'POST',
  path: '/api/v1/plan-reports/:id/return',
  summary: 'The bureau returns a progress report with a note',
  tags: ['plans'],
  params: IdParams,
  body: z.object({ note: z.string().trim().max(1000) }),
  response: ReportView,
});

// ---- Supervision ----

export const SupervisionItem = z.object({
  id: Id,
  kind: z.enum(['missing_report', 'overdue_milestone']),
  task: z.object({ id: Id, number: z.number().int(), title: z.string() }),
  organisation: Ref,
  period: z.string().nullable(),
  milestone: z.string().nullable(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  level: z.number().int().min(1).max(3),
  raisedAt: IsoDateTime,
  escalatedAt: IsoDateTime,
});

export const SupervisionFilter = z.object({ level: z.coerce.number().int().min(1).max(3).optional(), orgId: Id.optional(), taskId: Id.optional() });

export const listSupervision = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/supervision',
  summary: 'The supervision list (督办): missing reports and overdue milestones, highest level first',
  tags: ['plans'],
  params: IdParams,
  query: PageQuery.extend(SupervisionFilter.shape),
  response: pageOf(SupervisionItem),
});

export const exportSupervision = endpoint({
  method: 'GET',
  path: '/api/v1/plans/:id/supervision/export.xlsx',
  summary: 'The supervision list as XLSX (Chinese headers)',
  tags: ['plans'],
  params: IdParams,
  query: SupervisionFilter,
  response: z.unknown(),
  download: true,
});
