import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The durable job queue (see docs/decisions/0007-job-queue.md). A job row is
 * inserted in the same transaction as the change that caused it, so it exists
 * exactly when that change committed; workers claim rows with
 * FOR UPDATE SKIP LOCKED.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    name: text().notNull(),
    payload: jsonb().notNull(),
    /** queued | running | done | failed */
    status: text().notNull().default('queued'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: text(),
    lastError: text(),
    /** Optional de-duplication key: one queued job per key. */
    singletonKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('jobs_ready').on(t.runAt).where(sql`status = 'queued'`),
    uniqueIndex('jobs_singleton').on(t.singletonKey).where(sql`status = 'queued'`),
  ],
);

/** Recurring jobs: whichever instance moves `nextRunAt` forward enqueues the run. */
export const jobSchedules = pgTable('job_schedules', {
  name: text().primaryKey(),
  nextRunAt: timestamp({ withTimezone: true }).notNull(),
});
