import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Innovation vouchers (创新券). Money is integer fen in bigint columns, read as
 * JS numbers: every amount is below 2^53 fen (about 90 trillion yuan), which
 * the contracts enforce with `.max(Number.MAX_SAFE_INTEGER)`.
 *
 * The ledger (`voucher_entries`) is the truth; `voucher_programmes` and
 * `vouchers` carry running totals that only the ledger's insert trigger writes
 * (migration 0008_voucher_ledger_trigger), guarded by CHECK constraints, so no
 * code path can issue beyond a budget or redeem above a voucher's value.
 * docs/decisions/0018-voucher-ledger.md.
 */
export const voucherProgrammes = pgTable(
  'voucher_programmes',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text(),
    /** draft | open | closed */
    status: text().notNull().default('draft'),
    /** Eligible enterprises: sizes (micro, small, medium, large), region code prefixes, verified only. */
    eligibility: jsonb().notNull().default({}),
    /** Eligible service categories (the service-institution registry's categories). */
    serviceCategories: text().array().notNull().default(sql`'{}'::text[]`),
    /** Eligible provider organisations; empty = any registered, active service institution. */
    providerOrgIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Share of a service's price a voucher may cover, in basis points (5000 = 50 %). */
    coverageBp: integer().notNull(),
    /** Per-enterprise cap per calendar year (district time), fen. */
    yearlyCapFen: bigint({ mode: 'number' }).notNull(),
    /** Face values a voucher may have, fen. */
    faceValuesFen: bigint({ mode: 'number' }).array().notNull(),
    validityDays: integer().notNull(),
    /** provider: the provider redeems (transferable); enterprise: the enterprise claims reimbursement. */
    redeemer: text().notNull(),
    // Running totals written only by the ledger trigger.
    allocatedFen: bigint({ mode: 'number' }).notNull().default(0),
    reservedFen: bigint({ mode: 'number' }).notNull().default(0),
    releasedFen: bigint({ mode: 'number' }).notNull().default(0),
    redeemedFen: bigint({ mode: 'number' }).notNull().default(0),
    paidFen: bigint({ mode: 'number' }).notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('voucher_programmes_coverage', sql`${t.coverageBp} BETWEEN 1 AND 10000`),
    check('voucher_programmes_redeemer', sql`${t.redeemer} IN ('provider', 'enterprise')`),
    // Never issue beyond the budget: outstanding reservations and redemptions fit in what was allocated.
    check('voucher_programmes_within_budget', sql`${t.reservedFen} - ${t.releasedFen} <= ${t.allocatedFen}`),
    check('voucher_programmes_redeemed_reserved', sql`${t.redeemedFen} + ${t.releasedFen} <= ${t.reservedFen}`),
    check('voucher_programmes_paid_redeemed', sql`${t.paidFen} <= ${t.redeemedFen}`),
    check('voucher_programmes_nonnegative', sql`${t.allocatedFen} >= 0 AND ${t.releasedFen} >= 0 AND ${t.paidFen} >= 0`),
  ],
);

/** An enterprise's application for vouchers, with the service it plans to buy. */
export const voucherApplications = pgTable(
  'voucher_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => voucherProgrammes.id, { onDelete: 'restrict' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    applicantUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** micro | small | medium | large (declared by the enterprise). */
    enterpriseSize: text().notNull(),
    /** The township or subdistrict the enterprise is in (a government unit), for reports. */
    townshipOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    serviceCategory: text().notNull(),
    providerOrgId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    serviceDescription: text().notNull(),
    requestedFen: bigint({ mode: 'number' }).notNull(),
    /** submitted | approved | rejected */
    status: text().notNull().default('submitted'),
    decisionNote: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.status), index().on(t.programmeId, t.status)],
);

/** An electronic voucher with a unique code. Status follows the ledger. */
export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    programmeId: uuid()
      .notNull()
      .references(() => voucherProgrammes.id, { onDelete: 'restrict' }),
    applicationId: uuid().references(() => voucherApplications.id, { onDelete: 'restrict' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    faceValueFen: bigint({ mode: 'number' }).notNull(),
    /** District dates, inclusive. */
    validFrom: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }).notNull(),
    /** issued | redeeming | redeemed | paid | expired | voided */
    status: text().notNull().default('issued'),
    voidReason: text(),
    // Running totals written only by the ledger trigger.
    reservedFen: bigint({ mode: 'number' }).notNull().default(0),
    releasedFen: bigint({ mode: 'number' }).notNull().default(0),
    redeemedFen: bigint({ mode: 'number' }).notNull().default(0),
    paidFen: bigint({ mode: 'number' }).notNull().default(0),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.status),
    index().on(t.programmeId, t.status),
    index().on(t.status, t.validUntil),
    check('vouchers_face_positive', sql`${t.faceValueFen} > 0`),
    check('vouchers_reserved_face', sql`${t.reservedFen} <= ${t.faceValueFen}`),
    // Never redeemed above its value, never released and redeemed beyond what it reserved.
    check('vouchers_within_value', sql`${t.redeemedFen} + ${t.releasedFen} <= ${t.reservedFen}`),
    check('vouchers_paid_redeemed', sql`${t.paidFen} <= ${t.redeemedFen}`),
  ],
);

/**
 * The ledger: immutable movements in integer fen (an UPDATE or DELETE trigger
 * refuses changes). kind: allocate (budget to a programme) | reserve (on
 * issue) | release (expiry, void, or the unused part on redemption) | redeem
 * (approved redemption) | pay (payout recorded). Each has an idempotency key:
 * the same movement can be attempted any number of times and lands once.
 */
export const voucherEntries = pgTable(
  'voucher_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    programmeId: uuid()
      .notNull()
      .references(() => voucherProgrammes.id, { onDelete: 'restrict' }),
    voucherId: uuid().references(() => vouchers.id, { onDelete: 'restrict' }),
    redemptionId: uuid(),
    kind: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    idempotencyKey: text().notNull().unique(),
    /** expiry | void | remainder | … for releases; free text for allocations. */
    reason: text(),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('voucher_entries_kind', sql`${t.kind} IN ('allocate', 'reserve', 'release', 'redeem', 'pay')`),
    check('voucher_entries_amount_positive', sql`${t.amountFen} > 0`),
    check('voucher_entries_voucher', sql`(${t.kind} = 'allocate') = (${t.voucherId} IS NULL)`),
    // One reservation, one redemption, one payout per voucher.
    uniqueIndex('voucher_entries_one_reserve').on(t.voucherId).where(sql`kind = 'reserve'`),
    uniqueIndex('voucher_entries_one_redeem').on(t.voucherId).where(sql`kind = 'redeem'`),
    uniqueIndex('voucher_entries_one_pay').on(t.voucherId).where(sql`kind = 'pay'`),
    index().on(t.programmeId, t.createdAt),
    index().on(t.voucherId),
  ],
);

/**
 * A redemption claim: the voucher used against a service contract, with the
 * evidence. The submitter's idempotency key makes the submission safe to
 * retry: the same key returns the same claim, a different body is refused.
 */
export const voucherRedemptions = pgTable(
  'voucher_redemptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id, { onDelete: 'restrict' }),
    /** The organisation that submitted (the provider, or the enterprise for reimbursement). */
    submitterOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    submitterUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: text().notNull(),
    /** SHA-256 of the canonical request body (without the key). */
    requestHash: text().notNull(),
    providerOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    serviceCategory: text().notNull(),
    /** The registry's service, when the contract names one (for the listed-price check). */
    serviceId: uuid(),
    contractNo: text().notNull(),
    servicePriceFen: bigint({ mode: 'number' }).notNull(),
    /** What the voucher covers: min(face value, price × coverage share). */
    amountFen: bigint({ mode: 'number' }).notNull(),
    serviceStart: date({ mode: 'string' }).notNull(),
    serviceEnd: date({ mode: 'string' }).notNull(),
    contractFileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    invoiceFileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    ownShareProofFileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'restrict' }),
    /** Anti-fraud findings computed at submission, shown to the reviewer. */
    flags: jsonb().notNull().default([]),
    /** submitted | approved | rejected | paid */
    status: text().notNull().default('submitted'),
    decisionNote: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    paymentReference: text(),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('voucher_redemptions_key').on(t.submitterOrgId, t.idempotencyKey),
    // At most one live claim per voucher.
    uniqueIndex('voucher_redemptions_one_live').on(t.voucherId).where(sql`status <> 'rejected'`),
    index().on(t.status, t.createdAt),
    index().on(t.providerOrgId, t.createdAt),
    check('voucher_redemptions_amount', sql`${t.amountFen} > 0 AND ${t.amountFen} <= ${t.servicePriceFen}`),
  ],
);

/** Parties barred from the programmes after fraud. */
export const voucherBlacklist = pgTable(
  'voucher_blacklist',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    reason: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp({ withTimezone: true }),
    liftedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('voucher_blacklist_active').on(t.organisationId).where(sql`lifted_at IS NULL`)],
);
