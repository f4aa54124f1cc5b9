import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Villages and tech commissioners (科技特派员, tasks 12 and 16).
 *
 * Villages belong to a township of the organisation tree (type township) and
 * are imported by the bureau; a poor village (贫困村) has the year it was
 * flagged and, once lifted out of poverty, the year it was lifted.
 */
export const villages = pgTable(
  'villages',
  {
    id: uuid().primaryKey().defaultRandom(),
    townshipId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** Statistical code, optional. */
    code: text().unique(),
    households: integer(),
    /** Year flagged as a poor village (贫困村); null when never flagged. */
    povertyFlaggedYear: integer(),
    /** Year lifted out of poverty (脱贫); only with a flagged year, not before it. */
    povertyLiftedYear: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.townshipId, t.name),
    check('villages_lifted_after_flagged', sql`${t.povertyLiftedYear} IS NULL OR (${t.povertyFlaggedYear} IS NOT NULL AND ${t.povertyLiftedYear} >= ${t.povertyFlaggedYear})`),
  ],
);

/** A tech commissioner: a person or a team, linked to a user account with role commissioner. */
export const commissioners = pgTable(
  'commissioners',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** individual | team */
    kind: text().notNull(),
    name: text().notNull(),
    /** Team members' names (teams only). */
    members: text().array().notNull().default(sql`'{}'`),
    expertise: text().array().notNull().default(sql`'{}'`),
    homeUnit: text().notNull(),
    homeOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    /** legal_person (法人科技特派员) | individual (自然人) */
    legalType: text().notNull(),
    phone: text(),
    userId: uuid()
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    /** active | retired */
    status: text().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status)],
);

/**
 * A commissioner sent to a village, an enterprise or a park for a period
 * (dates in the district's time zone; `endsOn` inclusive, null = open-ended).
 * Ending early sets `endsOn`; a cancelled assignment never counted.
 */
export const commissionerAssignments = pgTable(
  'commissioner_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    commissionerId: uuid()
      .notNull()
      .references(() => commissioners.id, { onDelete: 'restrict' }),
    /** village | enterprise | park */
    targetKind: text().notNull(),
    villageId: uuid().references(() => villages.id, { onDelete: 'restrict' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    startsOn: date().notNull(),
    endsOn: date(),
    /** active | cancelled */
    status: text().notNull().default('active'),
    note: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.commissionerId),
    index().on(t.villageId),
    check('assignments_target', sql`(${t.targetKind} = 'village') = (${t.villageId} IS NOT NULL) AND (${t.targetKind} = 'village') = (${t.organisationId} IS NULL)`),
    check('assignments_order', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A service a commissioner logged (from a phone, possibly long after it was
 * drafted offline). The client's idempotency key makes a retried submission
 * return the first one instead of a duplicate.
 */
export const serviceLogs = pgTable(
  'commissioner_service_logs',
  {
    id: uuid().primaryKey().defaultRandom(),
    commissionerId: uuid()
      .notNull()
      .references(() => commissioners.id, { onDelete: 'restrict' }),
    assignmentId: uuid().references(() => commissionerAssignments.id, { onDelete: 'set null' }),
    villageId: uuid().references(() => villages.id, { onDelete: 'set null' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    idempotencyKey: uuid().notNull(),
    /** training | technical_guidance | demonstration | consultation | other */
    category: text().notNull(),
    what: text().notNull(),
    place: text().notNull(),
    beneficiaries: text().notNull(),
    beneficiaryCount: integer().notNull().default(0),
    minutes: integer().notNull(),
    servedAt: timestamp({ withTimezone: true }).notNull(),
    photoFileIds: uuid().array().notNull().default(sql`'{}'`),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.commissionerId, t.idempotencyKey),
    index().on(t.villageId, t.servedAt),
    index().on(t.servedAt),
    check('service_logs_minutes', sql`${t.minutes} > 0`),
  ],
);

/** Service fees, equity and dividends a commissioner receives from an enterprise (task 2 allows them). */
export const commissionerBenefits = pgTable(
  'commissioner_benefits',
  {
    id: uuid().primaryKey().defaultRandom(),
    commissionerId: uuid()
      .notNull()
      .references(() => commissioners.id, { onDelete: 'restrict' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    enterpriseName: text().notNull(),
    /** fee | equity | dividend */
    kind: text().notNull(),
    /** Fen: the fee or dividend paid, or the value of the equity. */
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** Equity share in hundredths of a percent (equity only). */
    equityBasisPoints: integer(),
    receivedOn: date().notNull(),
    note: text(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.commissionerId), check('benefits_amount', sql`${t.amountFen} >= 0`)],
);
