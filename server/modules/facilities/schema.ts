import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Shared labs, R&D centres and large instruments (task 10), offered for
 * sharing by enterprises, colleges and institutes. Every facility can be
 * booked; an instrument may sit in a lab (parentId).
 *
 * Review like the other registries: `status` is draft | submitted | returned
 * | published | withdrawn; a change to a published facility waits in
 * `pendingChanges` until the bureau approves it, so the directory never shows
 * an unreviewed change.
 */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    parentId: uuid(),
    /** lab | rd_centre | instrument */
    kind: text().notNull(),
    name: text().notNull(),
    /** Instrument category (e.g. 分析仪器), free text for labs. */
    category: text().notNull().default(''),
    model: text(),
    manufacturer: text(),
    specifications: text().notNull().default(''),
    description: text().notNull().default(''),
    location: text().notNull(),
    contactName: text(),
    contactPhone: text(),
    /** hour | sample: how the fee is charged. */
    feeUnit: text().notNull().default('hour'),
    /** Fee per unit in fen. */
    feeFen: bigint({ mode: 'number' }).notNull().default(0),
    /** Opening hours: { days: [1..7] (ISO weekday), open: "08:30", close: "17:30" } in Asia/Shanghai. */
    openingHours: jsonb().$type<{ days: number[]; open: string; close: string }>().notNull(),
    /** draft | submitted | returned | published | withdrawn */
    status: text().notNull().default('submitted'),
    reviewNote: text(),
    /** An edit of a published facility awaiting review (the fields that change). */
    pendingChanges: jsonb().$type<Record<string, unknown>>(),
    searchVector: tsvector(),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId),
    index().on(t.status),
    index('facilities_search').using('gin', t.searchVector),
    check('facilities_fee_nonnegative', sql`${t.feeFen} >= 0`),
  ],
);

/** Periods a facility cannot be booked (maintenance, holidays, own use). */
export const facilityBlocks = pgTable(
  'facility_blocks',
  {
    id: uuid().primaryKey().defaultRandom(),
    facilityId: uuid()
      .notNull()
      .references(() => facilities.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    reason: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.facilityId, t.startsAt), check('facility_blocks_order', sql`${t.endsAt} > ${t.startsAt}`)],
);

/**
 * A booking request for a slot. Confirmed bookings of one facility never
 * overlap: an exclusion constraint (btree_gist) on facility and
 * tstzrange(starts_at, ends_at) where status = 'confirmed', added by a custom
 * migration (docs/decisions, booking overlap).
 */
export const facilityBookings = pgTable(
  'facility_bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    facilityId: uuid()
      .notNull()
      .references(() => facilities.id, { onDelete: 'restrict' }),
    requesterUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    requesterOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    purpose: text().notNull(),
    samples: integer(),
    /** requested | confirmed | declined | cancelled | completed */
    status: text().notNull().default('requested'),
    /** The fee quoted at request time, fen. */
    estimatedFeeFen: bigint({ mode: 'number' }).notNull().default(0),
    decisionNote: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.facilityId, t.startsAt),
    index().on(t.requesterUserId),
    index().on(t.requesterOrgId),
    check('facility_bookings_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Actual use of a facility (from a booking or recorded directly by the owner) and its fee. */
export const facilityUsage = pgTable(
  'facility_usage',
  {
    id: uuid().primaryKey().defaultRandom(),
    facilityId: uuid()
      .notNull()
      .references(() => facilities.id, { onDelete: 'restrict' }),
    bookingId: uuid().references(() => facilityBookings.id, { onDelete: 'set null' }),
    userOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    userName: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }).notNull(),
    samples: integer(),
    feeFen: bigint({ mode: 'number' }).notNull(),
    note: text(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.facilityId, t.startedAt),
    uniqueIndex().on(t.bookingId),
    check('facility_usage_order', sql`${t.endedAt} > ${t.startedAt}`),
    check('facility_usage_fee_nonnegative', sql`${t.feeFen} >= 0`),
  ],
);
