import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Funding programmes (issue 8): calls for pre-guidance grants (事前引导),
 * post-award rewards (事后奖励) and post-subsidies (后补助), applications,
 * expert review, awards, public notice (公示) and disbursement. Money in
 * integer fen (bigint, read as JS numbers: amounts stay below 2^53 fen).
 */
export const fundingCalls = pgTable(
  'funding_calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** pre_guidance | post_award | post_subsidy */
    kind: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** { orgTypes: string[], regionPrefixes: string[], verifiedOnly: boolean, maxRequestFen: number | null } */
    eligibility: jsonb().notNull().default({}),
    /** Names of the documents an application must attach. */
    requiredDocuments: text().array().notNull().default(sql`'{}'::text[]`),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    budgetFen: bigint({ mode: 'number' }).notNull(),
    /** The scoring form: [{ key, label, max }]; an expert's total is the sum. */
    scoreForm: jsonb().notNull(),
    reviewDeadline: timestamp({ withTimezone: true }).notNull(),
    noticeDays: integer().notNull().default(7),
    /** draft | open | review | notice | awarded */
    status: text().notNull().default('draft'),
    reviewClosedAt: timestamp({ withTimezone: true }),
    noticeEndsAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('funding_calls_kind', sql`${t.kind} IN ('pre_guidance', 'post_award', 'post_subsidy')`), check('funding_calls_budget', sql`${t.budgetFen} > 0`)],
);

export const fundingApplications = pgTable(
  'funding_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => fundingCalls.id, { onDelete: 'restrict' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    applicantUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    summary: text().notNull(),
    requestedFen: bigint({ mode: 'number' }).notNull(),
    /** [{ name, fileId }] */
    documents: jsonb().notNull().default([]),
    /** Organisations and people named as collaborators (conflict-of-interest exclusion). */
    collaboratorOrgIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    collaboratorNames: text().array().notNull().default(sql`'{}'::text[]`),
    /** The automatic eligibility checks at submission: [{ code, ok, zh, en }] */
    checks: jsonb().notNull().default([]),
    /** ineligible | submitted | formal_rejected | in_review | ranked | awarded | not_awarded | accepted */
    status: text().notNull(),
    formalNote: text(),
    /** Set when an upheld objection withdrew the award during the notice (the reason). */
    withdrawnNote: text(),
    /** Aggregated score (mean; highest and lowest dropped with five or more scores). */
    score: real(),
    rank: integer(),
    awardFen: bigint({ mode: 'number' }),
    acceptanceNote: text(),
    acceptedAt: timestamp({ withTimezone: true }),
    /** The awardee's acceptance application (验收申请): report and documents ([{ name, fileId }]); submitted while acceptanceSubmittedAt is set (a return clears only that, so the awardee edits and resubmits). */
    acceptanceReport: text(),
    acceptanceDocuments: jsonb().notNull().default([]),
    acceptanceSubmittedAt: timestamp({ withTimezone: true }),
    /** Why the bureau last returned the acceptance application (kept until the next submission). */
    acceptanceReturnNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.callId, t.status), index().on(t.organisationId)],
);

/** The expert registry (专家库). */
export const experts = pgTable('funding_experts', {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid()
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'restrict' }),
  name: text().notNull(),
  field: text().notNull(),
  title: text().notNull(),
  /** The expert's work unit, by name and (when registered) organisation. */
  unit: text().notNull(),
  unitOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
  active: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const fundingAssignments = pgTable(
  'funding_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    expertId: uuid()
      .notNull()
      .references(() => experts.id, { onDelete: 'restrict' }),
    /** { item key: points } */
    scores: jsonb(),
    total: real(),
    comment: text(),
    submittedAt: timestamp({ withTimezone: true }),
    /** The expert's own deadline (default: the call's review deadline); the bureau may extend it. Null only on rows from before deadlines existed (read as the call's). */
    deadline: timestamp({ withTimezone: true }),
    /** When the 2-day reminder and the overdue notice went out (reset on extension). */
    remindedAt: timestamp({ withTimezone: true }),
    overdueNotifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.applicationId, t.expertId), index().on(t.expertId)],
);

export const fundingObjections = pgTable('funding_objections', {
  id: uuid().primaryKey().defaultRandom(),
  callId: uuid()
    .notNull()
    .references(() => fundingCalls.id, { onDelete: 'cascade' }),
  applicationId: uuid().references(() => fundingApplications.id, { onDelete: 'cascade' }),
  userId: uuid().references(() => users.id, { onDelete: 'set null' }),
  /** The reasons. */
  text: text().notNull(),
  evidenceFileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
  /** open | upheld | dismissed */
  status: text().notNull().default('open'),
  resolution: text(),
  resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  resolvedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.callId, t.status), check('funding_objections_status', sql`${t.status} IN ('open', 'upheld', 'dismissed')`)]);

export const fundingDisbursements = pgTable(
  'funding_disbursements',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'restrict' }),
    instalment: integer().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date({ mode: 'string' }).notNull(),
    reference: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.applicationId, t.instalment), check('funding_disbursements_amount', sql`${t.amountFen} > 0`)],
);

/**
 * An application's timeline as its applicant sees it (submitted, formal
 * review, expert review, ranking, award, notice, disbursements, acceptance),
 * written by each operation with the injected clock. The audit trail stays
 * the record of who did what; this is the applicant-facing history.
 */
export const fundingEvents = pgTable(
  'funding_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    /** submitted | ineligible | formal_pass | formal_reject | in_review | ranked | award_withdrawn | awarded | not_awarded | disbursed | acceptance_submitted | acceptance_returned | accepted */
    event: text().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.applicationId, t.at)],
);
