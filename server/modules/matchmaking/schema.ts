import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { achievements, demands } from '../catalog/schema.js';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * A matchmaking case (对接): two organisations moving from interest to an
 * outcome over an achievement and/or a demand. Contacts are exchanged only
 * once the other side accepts (status contact or later).
 */
export const matchCases = pgTable(
  'match_cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    achievementId: uuid().references(() => achievements.id, { onDelete: 'restrict' }),
    demandId: uuid().references(() => demands.id, { onDelete: 'restrict' }),
    /** The side that expressed interest, and the side asked. */
    initiatorOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    initiatorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    counterpartOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** match | listing | search */
    origin: text().notNull(),
    /** interest | contact | negotiation | agreement | closed */
    status: text().notNull().default('interest'),
    /** too_early | benefit_unclear | route_unclear | price | ip_unclear | no_response | other */
    closedReason: text(),
    closedNote: text(),
    brokerUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    brokerAssignedAt: timestamp({ withTimezone: true }),
    /** The side whose move it is (for reminders): initiator | counterpart | null when none. */
    awaiting: text(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    /** Industry of the case (from its listings), for the funnel by industry. */
    industrySection: text(),
    /** Filled when a technology contract is registered from this case (trading issue). */
    contractId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.initiatorOrgId, t.status),
    index().on(t.counterpartOrgId, t.status),
    index().on(t.brokerUserId, t.status),
    index().on(t.status, t.lastActivityAt),
    // One open case per pair of organisations and listing pair.
    uniqueIndex('match_cases_open_pair')
      .on(t.initiatorOrgId, t.counterpartOrgId, sql`coalesce(${t.achievementId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`coalesce(${t.demandId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`status <> 'closed'`),
  ],
);

/** The case's timeline: messages between the parties, files, status changes, broker events, reminders. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => matchCases.id, { onDelete: 'cascade' }),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    actorOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    /** message | file | status | broker | reminder | escalation */
    type: text().notNull(),
    body: text(),
    fileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    fromStatus: text(),
    toStatus: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.createdAt)],
);

/** Saved interests: a listing or a free-text profile with filters, matched against new publications. */
export const subscriptions = pgTable(
  'match_subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What to match against: achievement | demand records being published. */
    target: text().notNull(),
    /** The interest: a listing of the user's (demand or achievement) or free text. */
    sourceKind: text().notNull(),
    sourceId: uuid(),
    profileText: text(),
    filters: jsonb().notNull().default({}),
    /** 0–1: minimum normalised score to notify. */
    threshold: real().notNull().default(0.5),
    /** none | daily | weekly */
    emailDigest: text().notNull().default('none'),
    /** SHA-256 of the unsubscribe token in e-mailed links. */
    unsubscribeTokenHash: text().notNull().unique(),
    active: boolean().notNull().default(true),
    lastDigestAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId), index().on(t.target, t.active)],
);

export const subscriptionHits = pgTable(
  'match_subscription_hits',
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    recordKind: text().notNull(),
    recordId: uuid().notNull(),
    score: real().notNull(),
    explanation: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    digestedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.subscriptionId, t.recordKind, t.recordId), index().on(t.subscriptionId, t.digestedAt)],
);

/** Users' judgement of a suggestion, kept for offline evaluation. */
export const matchFeedback = pgTable(
  'match_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** demand_to_achievement | achievement_to_demand | similar | text_to_achievement | … */
    direction: text().notNull(),
    queryKind: text(),
    queryId: uuid(),
    queryText: text(),
    resultKind: text().notNull(),
    resultId: uuid().notNull(),
    rank: integer(),
    score: real(),
    useful: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.direction, t.createdAt)],
);

/** Suggestions shown (the top of the funnel), one row per list shown. */
export const matchImpressions = pgTable(
  'match_impressions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    direction: text().notNull(),
    queryId: uuid(),
    resultIds: uuid().array().notNull(),
    industrySection: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdAt)],
);

/** Corpus statistics the ranking engine needs (document frequencies per term), refreshed by a job. */
export const termStats = pgTable(
  'match_term_stats',
  {
    kind: text().notNull(),
    term: text().notNull(),
    df: integer().notNull(),
  },
  (t) => [uniqueIndex().on(t.kind, t.term)],
);
