import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * A bulk import of one file: validated first (every row, with a report of
 * rejected rows), then committed all-or-nothing or valid-rows-only as the user
 * chooses. Progress is written as the job runs.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** achievement | demand */
    kind: text().notNull(),
    /** xlsx | csv | jsonl */
    format: text().notNull(),
    fileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** all_or_nothing | valid_only */
    mode: text().notNull().default('all_or_nothing'),
    /** What imported records become: draft | submitted | published (bureau only). */
    targetStatus: text().notNull().default('draft'),
    /** validating | validated | importing | done | failed | cancelled */
    status: text().notNull().default('validating'),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    validRows: integer().notNull().default(0),
    invalidRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    /** Rejected rows: [{ row, field, message }] (capped; the count is exact). */
    errors: jsonb().notNull().default([]),
    failure: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.createdBy, t.createdAt)],
);
