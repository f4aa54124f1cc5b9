import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. `seq`, `prev_hash` and `hash` are filled by the
 * BEFORE INSERT trigger (see the custom migration), which chains each row to the
 * previous one under a row lock on `audit_head`. UPDATE, DELETE and TRUNCATE are
 * refused by triggers, except deletion of rows past the retention floor.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorUsername: text(),
    actorOrgId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    /** { field: { before, after } } with secrets and personal identifiers masked. */
    changes: jsonb().notNull().default({}),
    /** success | denied | failure */
    outcome: text().notNull().default('success'),
    ip: text(),
    userAgent: text(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index().on(t.at),
    index().on(t.actorUserId),
    index().on(t.entityType, t.entityId),
    index().on(t.action),
  ],
);

/** One row: the chain's head, locked by each insert so the chain is total. */
export const auditHead = pgTable('audit_head', {
  id: integer().primaryKey().default(1),
  seq: bigint({ mode: 'number' }).notNull().default(0),
  hash: text().notNull(),
});
