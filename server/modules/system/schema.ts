import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Run-time settings an administrator may change (e.g. audit retention). */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
