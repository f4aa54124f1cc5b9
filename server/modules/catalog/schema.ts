import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Columns both listing kinds share. A record's columns mirror its published
 * revision once it has one (so public queries never see unreviewed edits),
 * and its latest draft before that (so the owner's console lists it).
 */
const listingColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  /** The source's identifier for records imported in bulk (matching reports it back). */
  externalId: text().unique(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id, { onDelete: 'restrict' }),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  /** draft | submitted | returned | published | withdrawn (| expired | closed for demands) */
  status: text().notNull().default('draft'),
  publishedRevisionId: uuid(),
  /** The revision being edited or reviewed, when there is one beyond the published. */
  pendingRevisionId: uuid(),
  title: text().notNull(),
  keywords: text().array().notNull().default(sql`'{}'`),
  industrySection: text(),
  industryDivision: text(),
  techField: text(),
  pillarTags: text().array().notNull().default(sql`'{}'`),
  regionCode: text(),
  /** 0–100, from the listing-quality rules in shared/catalog/quality.ts. */
  qualityScore: smallint().notNull().default(0),
  /** Tokens from the jieba segmenter, weighted A title, B keywords, C body, D other. */
  searchVector: tsvector(),
  /** The dictionary version the search vector was built with (stale when it differs). */
  searchDictionaryVersion: text(),
  publishedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const achievements = pgTable(
  'achievements',
  {
    ...listingColumns(),
    summary: text().notNull().default(''),
    trl: smallint(),
    stage: text(),
    transferModes: text().array().notNull().default(sql`'{}'`),
    ipTypes: text().array().notNull().default(sql`'{}'`),
    /** Asking price in fen; null with priceNegotiable = 面议. */
    priceFen: bigint({ mode: 'number' }),
    priceNegotiable: boolean().notNull().default(false),
  },
  (t) => [
    index('achievements_public').on(t.status, t.publishedAt),
    index().on(t.organisationId, t.status),
    index('achievements_search').using('gin', t.searchVector),
    index('achievements_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    index('achievements_pillar_tags').using('gin', t.pillarTags),
    index().on(t.industrySection),
  ],
);

export const demands = pgTable(
  'demands',
  {
    ...listingColumns(),
    problem: text().notNull().default(''),
    cooperationModes: text().array().notNull().default(sql`'{}'`),
    budgetMinFen: bigint({ mode: 'number' }),
    budgetMaxFen: bigint({ mode: 'number' }),
    budgetNegotiable: boolean().notNull().default(false),
    deadline: date(),
    /** How a closed demand was solved (or why it was closed). */
    closedReason: text(),
    closedNote: text(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('demands_public').on(t.status, t.publishedAt),
    index().on(t.organisationId, t.status),
    index('demands_search').using('gin', t.searchVector),
    index('demands_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    index('demands_pillar_tags').using('gin', t.pillarTags),
    index().on(t.status, t.deadline),
  ],
);

/**
 * Every version of a listing's content. Exactly one of achievementId and
 * demandId is set. The history is never deleted.
 */
export const listingRevisions = pgTable(
  'listing_revisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    achievementId: uuid().references(() => achievements.id, { onDelete: 'cascade' }),
    demandId: uuid().references(() => demands.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    /** draft | submitted | returned | approved | superseded */
    status: text().notNull().default('draft'),
    content: jsonb().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Reasons given when returned; the checklist ticked when approved. */
    reviewNote: text(),
    reviewChecklist: jsonb(),
  },
  (t) => [
    check('listing_revisions_one_record', sql`(${t.achievementId} IS NULL) <> (${t.demandId} IS NULL)`),
    uniqueIndex('listing_revisions_achievement_number').on(t.achievementId, t.number),
    uniqueIndex('listing_revisions_demand_number').on(t.demandId, t.number),
    index('listing_revisions_queue').on(t.status, t.submittedAt),
  ],
);

/** Terms administrators add to the segmenter's dictionary at run time. */
export const dictionaryTerms = pgTable('dictionary_terms', {
  term: text().primaryKey(),
  addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Re-indexing runs (after a dictionary change), with progress for the admin screen. */
export const indexRebuilds = pgTable('index_rebuilds', {
  id: uuid().primaryKey().defaultRandom(),
  /** queued | running | done | failed */
  status: text().notNull().default('queued'),
  dictionaryVersion: text().notNull(),
  total: integer().notNull().default(0),
  done: integer().notNull().default(0),
  error: text(),
  requestedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp({ withTimezone: true }),
  finishedAt: timestamp({ withTimezone: true }),
});
