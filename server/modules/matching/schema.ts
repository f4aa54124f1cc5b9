import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';
import { users } from '../identity/schema.js';

/**
 * Matching's own index of the directories it matches free text against
 * (docs/decisions/0022): service institutions (with the services they offer),
 * brokers and review experts. One row per entry that may be matched, its
 * vector built with the catalog's segmenter (A name; B types, services,
 * expertise, field; C summary, service descriptions, bio; D address, unit,
 * organisation). Kept in step with the registries by fingerprint
 * (directory-index.ts); whether an entry may be shown is checked against its
 * own table at query time, never from here.
 */
export const matchDirectoryDocs = pgTable(
  'match_directory_docs',
  {
    /** institution | broker | expert */
    kind: text().notNull(),
    /** institutions.id, brokers.id or funding_experts.id */
    entryId: uuid().notNull(),
    externalId: text(),
    name: text().notNull(),
    searchVector: tsvector().notNull(),
    regionCode: text(),
    /** Institution types (trading, evaluation, …); empty for people. */
    types: text().array().notNull().default(sql`'{}'`),
    /** Institutions: none | municipal | provincial | national; brokers: their grade. */
    level: text(),
    /** md5 of everything the row is built from: a different one means rebuild. */
    fingerprint: text().notNull(),
    indexedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.entryId] }),
    index('match_directory_docs_search').using('gin', t.searchVector),
    index('match_directory_docs_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('match_directory_docs_types').using('gin', t.types),
  ],
);

/**
 * A run of the offline evaluation from users' feedback
 * (feedback-evaluation.ts) in the background (feedback-runs.ts): asked for
 * by the bureau, run by the job `matching.evaluate_feedback` in chunks of
 * queries (each chunk one job, so other jobs are not held up), which writes
 * its progress every few queries and the figures when done. At most one run
 * is queued or running at a time (the partial unique index; creation also
 * takes an advisory lock and hands back the active run).
 */
export const matchFeedbackRuns = pgTable(
  'match_feedback_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Feedback judged on or after / before or on these district days (none: all). */
    fromDate: date({ mode: 'string' }),
    toDate: date({ mode: 'string' }),
    /** The most recently judged queries asked again (1–2000). */
    maxQueries: integer().notNull(),
    /** queued | running | done | failed | cancelled */
    status: text().notNull().default('queued'),
    processedQueries: integer().notNull().default(0),
    /** Judged queries to ask again; null until the run has counted them. */
    totalQueries: integer(),
    /** FeedbackEvaluationView (shared/contracts/match-feedback.ts) when done. */
    result: jsonb(),
    /** The judged queries to ask again, fixed when the run starts (EvaluationPlan, feedback-evaluation.ts). */
    plan: jsonb(),
    /** The plan's first queries asked again so far (AskedQuery[]): the run goes on from here in its next chunk. */
    asked: jsonb(),
    /** Why a run failed (the error's message, or the sweep's words for a run that stalled). */
    failure: text(),
    /** error (its job hit an error) | stalled (no progress after RUN_MAX_RESUMES resumes); null unless failed. */
    failureCode: text(),
    /** Claims of the run after it went silent (resumes, run-feedback-evaluation.ts) since it last made progress. */
    resumes: integer().notNull().default(0),
    /** processedQueries at the last resume: a resume that finds more has seen progress. */
    resumedAtProcessed: integer(),
    /** Set by each claim of the run: writes of an earlier, presumed dead claim are ignored. */
    claimToken: uuid(),
    cancelledBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    startedAt: timestamp({ withTimezone: true }),
    /** The running job's last sign of life (each progress write). */
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.createdAt),
    uniqueIndex('match_feedback_runs_one_active').on(sql`(true)`).where(sql`status IN ('queued', 'running')`),
  ],
);
