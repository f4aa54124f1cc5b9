import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * A plan the bureau tracks (e.g. 凉州区促进科技成果转移转化实施方案, 2017–2020).
 * Loaded from a plan file (docs/plan-file-format.md); several may exist, one per
 * plan period.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stable key from the plan file, e.g. "liangzhou-2017"; unique. */
    code: text().notNull(),
    title: text().notNull(),
    issuingBody: text().notNull(),
    /** 文号, e.g. 凉政办发〔2017〕xx号; null when the copy does not carry one. */
    documentNumber: text(),
    issuedOn: date(),
    startDate: date().notNull(),
    endDate: date().notNull(),
    /** 主要目标, as text. */
    goals: text().notNull().default(''),
    /** draft | active | archived: only active plans raise supervision items. */
    status: text().notNull().default('active'),
    /** An indicator is at risk when below the expected position by more than this share (per mille). */
    atRiskMarginPermille: integer().notNull().default(100),
    /** Days after a reporting period ends before its report counts as missing. */
    reportDueDays: integer().notNull().default(10),
    /** Periods ending before this date are not demanded (a plan loaded after its periods passed). */
    reportingFrom: date().notNull(),
    note: text(),
    /** The plan file as imported, for export and audit. */
    source: jsonb().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.code), index().on(t.status, t.startDate)],
);

/** 重点任务: one numbered task of a plan with its measures, schedule and reporting cadence. */
export const planTasks = pgTable(
  'plan_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    title: text().notNull(),
    /** 落实措施, shortened faithfully. */
    measures: text().notNull(),
    /** 进度安排 as written. */
    scheduleText: text().notNull().default(''),
    /** continuous | milestones */
    scheduleKind: text().notNull(),
    /** monthly | quarterly: the periods responsible units report for. */
    cadence: text().notNull().default('quarterly'),
    /** Organisation types every unit of which is co-responsible (各乡镇、街道和工业园区管委会). */
    coUnitTypes: text().array().notNull().default(sql`'{}'`),
  },
  (t) => [uniqueIndex().on(t.planId, t.number)],
);

/** Named responsible units of a task: one lead (牵头) and any co-responsible units. */
export const planTaskUnits = pgTable(
  'plan_task_units',
  {
    taskId: uuid()
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** lead | co */
    role: text().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.organisationId] }), index().on(t.organisationId)],
);

/**
 * An indicator: a figure with targets by year. Values are integers in the
 * unit's base: count; fen for CNY; hundredths of a percent; 0/1 for yes/no.
 */
export const planIndicators = pgTable(
  'plan_indicators',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    taskId: uuid().references(() => planTasks.id, { onDelete: 'set null' }),
    /** Unique within the plan, e.g. "contract-turnover". */
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    /** count | cny | percent | yesno */
    unit: text().notNull(),
    /** yearly | cumulative */
    aggregation: text().notNull(),
    /** computed | reported (computed falls back to reported while its query has no data source) */
    source: text().notNull(),
    /** The registry query of a computed indicator (server/modules/plans/indicators/). */
    query: text(),
    public: boolean().notNull().default(false),
    /** Uncertain readings and other remarks, editable. */
    note: text(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [uniqueIndex().on(t.planId, t.code), index().on(t.taskId)],
);

/** Target of an indicator for a year: the year's amount (yearly) or the total reached by its end (cumulative). */
export const planTargets = pgTable(
  'plan_targets',
  {
    indicatorId: uuid()
      .notNull()
      .references(() => planIndicators.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.year] })],
);

/** A dated milestone of a task's schedule; reached by its indicator's value or by an accepted report. */
export const planMilestones = pgTable(
  'plan_milestones',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskId: uuid()
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    dueDate: date().notNull(),
    indicatorId: uuid().references(() => planIndicators.id, { onDelete: 'set null' }),
    /** Value of the indicator at which the milestone counts as reached. */
    target: bigint({ mode: 'number' }),
    /** Set when an accepted report declares a milestone without indicator reached. */
    reachedAt: timestamp({ withTimezone: true }),
    reachedByReportId: uuid(),
  },
  (t) => [index().on(t.taskId)],
);

/** A responsible unit's progress report on one task for one period (YYYY-MM or YYYY-Qn). */
export const planReports = pgTable(
  'plan_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    period: text().notNull(),
    /** submitted | accepted | returned */
    status: text().notNull(),
    narrative: text().notNull(),
    /** Milestones (without indicator) the unit declares reached. */
    milestoneIds: uuid().array().notNull().default(sql`'{}'`),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.taskId, t.organisationId, t.period), index().on(t.planId, t.status), index().on(t.organisationId)],
);

/** A figure a report states for a reported indicator: the amount in the period, or the level for percent/yes-no. */
export const planReportFigures = pgTable(
  'plan_report_figures',
  {
    reportId: uuid()
      .notNull()
      .references(() => planReports.id, { onDelete: 'cascade' }),
    indicatorId: uuid()
      .notNull()
      .references(() => planIndicators.id, { onDelete: 'cascade' }),
    value: bigint({ mode: 'number' }).notNull(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] }), index().on(t.indicatorId)],
);

/** Evidence attached to a report. */
export const planReportFiles = pgTable(
  'plan_report_files',
  {
    reportId: uuid()
      .notNull()
      .references(() => planReports.id, { onDelete: 'cascade' }),
    fileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.fileId] })],
);

/**
 * The supervision list (督办): a missing report or an overdue milestone, with
 * its escalation level, kept by the daily supervision job.
 */
export const planSupervisionItems = pgTable(
  'plan_supervision_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** missing_report | overdue_milestone */
    kind: text().notNull(),
    /** The reporting period (missing_report). */
    period: text(),
    milestoneId: uuid().references(() => planMilestones.id, { onDelete: 'cascade' }),
    /** The day it became due: report due date or milestone due date. */
    dueDate: date().notNull(),
    /** 1 reminder to the unit; 2 unit admins and the bureau; 3 flagged for the district government. */
    level: integer().notNull(),
    raisedAt: timestamp({ withTimezone: true }).notNull(),
    escalatedAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One item per unit and period (reports) or per unit and milestone.
    uniqueIndex('plan_supervision_report_key').on(t.taskId, t.organisationId, t.period).where(sqlIsNotNull('period')),
    uniqueIndex('plan_supervision_milestone_key').on(t.milestoneId, t.organisationId).where(sqlIsNotNull('milestone_id')),
    index().on(t.planId, t.resolvedAt),
  ],
);

/** Partial-index predicate on a column of this table. */
function sqlIsNotNull(column: string) {
  return sql.raw(`${column} IS NOT NULL`);
}
