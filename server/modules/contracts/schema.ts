import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { achievements, demands } from '../catalog/schema.js';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { matchCases } from '../matchmaking/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * Technology contracts and their registration (技术合同认定登记). One row is
 * one registration application: the original contract (kind `original`), or
 * an amendment or termination of an approved one (`parentId`). Money is
 * integer fen in bigint columns, read as JS numbers (safe below 2^53 fen,
 * i.e. 90 trillion yuan).
 *
 * Statistics count each approved row once, on its registration date, with the
 * `counted*` deltas: the original counts its amounts and 1 contract; an
 * amendment counts the change of the amounts and 0 contracts; a termination
 * counts minus the part never performed and 0 contracts
 * (docs/workflows/contracts.md).
 */
export const techContracts = pgTable(
  'tech_contracts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** original | amendment | termination */
    kind: text().notNull().default('original'),
    /** The registration an amendment or termination changes (always an approved original). */
    parentId: uuid().references((): AnyPgColumn => techContracts.id, { onDelete: 'restrict' }),
    /** draft | submitted | returned | approved | refused | withdrawn */
    status: text().notNull().default('draft'),
    /** The seller-side organisation that applies (卖方/受托方/许可方/…). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** development | transfer | licence | consulting | service */
    type: text().notNull(),
    subType: text().notNull(),
    projectName: text().notNull(),
    signedOn: date().notNull(),
    signedPlace: text().notNull(),
    validFrom: date().notNull(),
    validTo: date().notNull(),
    /** Both parties: name, creditCode, countryCode, regionCode, nature, orgId (jsonb, validated by the contract schema). */
    seller: jsonb().notNull(),
    buyer: jsonb().notNull(),
    /** Copied from the parties for grouping: GB/T 2260 codes ("" for a party abroad). */
    sellerRegion: text().notNull(),
    buyerRegion: text().notNull(),
    buyerOrgId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    techField: text().notNull(),
    industrySection: text(),
    ipType: text().notNull(),
    planCategory: text().notNull(),
    contractAmountFen: bigint({ mode: 'number' }).notNull(),
    /** [{ kind, description, amountFen }] non-technical payments. */
    deductions: jsonb().notNull().default([]),
    /** 技术交易额 = contract amount − deductions, never negative (checked). */
    techAmountFen: bigint({ mode: 'number' }).notNull(),
    /** [{ dueOn, amountFen, note }] summing to the contract amount. */
    paymentSchedule: jsonb().notNull().default([]),
    expectedInvestmentFen: bigint({ mode: 'number' }),
    expectedOutputFen: bigint({ mode: 'number' }),
    /** For a termination: how much of the contract was performed (the rest stops counting). */
    performedAmountFen: bigint({ mode: 'number' }),
    performedTechFen: bigint({ mode: 'number' }),
    achievementId: uuid().references(() => achievements.id, { onDelete: 'set null' }),
    demandId: uuid().references(() => demands.id, { onDelete: 'set null' }),
    caseId: uuid().references(() => matchCases.id, { onDelete: 'set null' }),
    /** A deal (listing or auction) of the trading domain; no FK across the module boundary. */
    dealId: uuid(),
    contractFileId: uuid().references(() => files.id, { onDelete: 'restrict' }),
    note: text(),
    submittedAt: timestamp({ withTimezone: true }),
    /** The registrar's deadline: 30 days after (re)submission. */
    reviewDueAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    reviewerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    returnReason: text(),
    /** oral | non_technical | other */
    refusalReason: text(),
    refusalNote: text(),
    /** Type before a registrar's reclassification, when there was one. */
    reclassifiedFrom: text(),
    /** 16 digits: region (6) + year (4) + serial (6). */
    registrationNumber: text().unique(),
    registeredAt: timestamp({ withTimezone: true }),
    /** Deltas counted in statistics from registeredAt (see above). */
    countedContracts: smallint().notNull().default(0),
    countedContractFen: bigint({ mode: 'number' }).notNull().default(0),
    countedTechFen: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.status),
    index().on(t.status, t.reviewDueAt),
    index('tech_contracts_stats').on(t.registeredAt).where(sql`status = 'approved'`),
    index().on(t.parentId),
    index().on(t.achievementId),
    check('tech_contracts_amounts', sql`${t.contractAmountFen} >= 0 AND ${t.techAmountFen} >= 0 AND ${t.techAmountFen} <= ${t.contractAmountFen}`),
    // At most one amendment or termination of a registration under way at a time.
    uniqueIndex('tech_contracts_open_change').on(t.parentId).where(sql`status IN ('draft', 'submitted', 'returned')`),
  ],
);

/** The per-region-year serial of registration numbers, locked (upserted) in the approving transaction. */
export const contractNumberCounters = pgTable(
  'contract_number_counters',
  {
    regionCode: text().notNull(),
    year: integer().notNull(),
    lastSerial: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/**
 * Monthly totals of the approved registrations by each statistics dimension,
 * kept by statement-level triggers on `tech_contracts` in the same
 * transaction as every approval (custom migration, decision record 0023):
 * month = first day of the district-time month of `registered_at`; dim is
 * total (key ''), type, sub (type.sub_type), field (top-level code), industry
 * (section or ''), seller and buyer (region code or ''), same (the region of
 * rows whose seller and buyer are in the same region, so the flow breakdown
 * can be derived for any district). `rows` counts the approved rows behind the
 * figures (a group is shown when it has rows, as when summing the rows).
 */
export const contractStatsMonthly = pgTable(
  'contract_stats_monthly',
  {
    month: date().notNull(),
    dim: text().notNull(),
    key: text().notNull(),
    rows: bigint({ mode: 'number' }).notNull(),
    contracts: bigint({ mode: 'number' }).notNull(),
    contractFen: bigint({ mode: 'number' }).notNull(),
    techFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.dim, t.key] })],
);

/** The registration's history: every submission, return, reclassification, decision. */
export const contractEvents = pgTable(
  'contract_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    contractId: uuid()
      .notNull()
      .references(() => techContracts.id, { onDelete: 'cascade' }),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** created | submitted | returned | reclassified | refused | approved | withdrawn | reminded */
    type: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    body: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.contractId, t.createdAt)],
);

/**
 * Income from transforming an achievement (转化收入): transfer or licence
 * fees, shares received for investing it (作价投资), or one year's operating
 * profit from implementing it (自行实施 / 合作实施).
 */
export const transformationIncomes = pgTable(
  'transformation_incomes',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    achievementId: uuid()
      .notNull()
      .references(() => achievements.id, { onDelete: 'restrict' }),
    contractId: uuid().references(() => techContracts.id, { onDelete: 'set null' }),
    /** transfer | licence | equity | operating_profit */
    kind: text().notNull(),
    receivedOn: date().notNull(),
    /** Gross income in fen (for equity: the appraised value of the shares). */
    grossFen: bigint({ mode: 'number' }).notNull(),
    /** Costs deducted to reach net income (transfer/licence: taxes, fees, evaluation). */
    costsFen: bigint({ mode: 'number' }).notNull().default(0),
    /** Equity: number of shares received. */
    shares: bigint({ mode: 'number' }),
    /** Operating profit: the year of implementation it belongs to (1 = first year). */
    profitYear: smallint(),
    note: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.receivedOn), index().on(t.achievementId), check('transformation_incomes_net', sql`${t.grossFen} >= 0 AND ${t.costsFen} >= 0 AND ${t.costsFen} <= ${t.grossFen}`)],
);

/** A reward (奖励和报酬) computed from one income and allocated to the achievement's people. */
export const researcherRewards = pgTable(
  'researcher_rewards',
  {
    id: uuid().primaryKey().defaultRandom(),
    incomeId: uuid()
      .notNull()
      .references(() => transformationIncomes.id, { onDelete: 'restrict' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** The rate applied and the legal minimum, in basis points (5000 = 50%). */
    rateBp: integer().notNull(),
    minimumBp: integer().notNull(),
    baseFen: bigint({ mode: 'number' }).notNull(),
    totalFen: bigint({ mode: 'number' }).notNull(),
    /** Equity: shares awarded in total. */
    totalShares: bigint({ mode: 'number' }),
    /** Why the rate is below the minimum (required then). */
    belowMinimumReason: text(),
    /** [{ name, unit, sharePercent, amountFen, shares }] */
    allocation: jsonb().notNull(),
    /** The calculation, step by step (shown to users, kept for audit). */
    working: jsonb().notNull(),
    /** Equity awards: the tax-deferral instalments [{ dueOn, amountFen }] within 5 years. */
    deferral: jsonb(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.createdAt), uniqueIndex().on(t.incomeId)],
);

/**
 * Major achievements transformed (重大科技成果, plan task 13): proposed by
 * the criteria in config/contracts.json or by a reviewer, counted once
 * confirmed (transformed_at set). The plan's `major-achievements` source reads
 * (id, title, organisation_id, transformed_at).
 */
export const majorAchievements = pgTable(
  'major_achievements',
  {
    id: uuid().primaryKey().defaultRandom(),
    achievementId: uuid()
      .notNull()
      .references(() => achievements.id, { onDelete: 'restrict' }),
    contractId: uuid().references(() => techContracts.id, { onDelete: 'set null' }),
    title: text().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    /** proposed | confirmed | rejected */
    status: text().notNull().default('proposed'),
    /** Which criteria it met: { amount: true, industry: 'C', … } */
    criteria: jsonb().notNull().default({}),
    note: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** When it counts (the contract's registration date), set on confirmation. */
    transformedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.achievementId), index().on(t.transformedAt)],
);
