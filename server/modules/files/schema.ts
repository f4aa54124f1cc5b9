import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/types.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Uploaded files (attachments, import sources, signed contracts, evidence),
 * kept in the database so that instances share nothing else and one backup
 * holds everything (docs/decisions/0013-files-in-database.md).
 */
export const files = pgTable(
  'files',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** What the file is for: attachment | import | evidence | contract | … */
    purpose: text().notNull(),
    filename: text().notNull(),
    /** Detected from the content, not taken from the client. */
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId), index().on(t.sha256)],
);
