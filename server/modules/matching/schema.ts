import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';

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
