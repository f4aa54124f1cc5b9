import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * S&T finance records (科技金融登记, plan tasks 8, 14, 15): a financing an
 * organisation obtained — a patent pledge loan, S&T insurance, a guarantee,
 * an equity investment or other — registered by its members and verified by
 * a bureau reviewer. Only verified records count in statistics and the plan's
 * indicators. The register does not service loans or pay subsidies
 * (docs/decisions, the finance record). Money is integer fen in bigint
 * columns, read as JS numbers (safe below 2^53 fen).
 */
export const financeRecords = pgTable(
  'finance_records',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** draft | submitted | returned | verified | withdrawn */
    status: text().notNull().default('draft'),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** patent_pledge_loan | tech_insurance | guarantee | equity_investment | other */
    kind: text().notNull(),
    /** The financial institution (bank, insurer, guarantor, investor) as named by the filer. */
    institutionName: text().notNull(),
    /** A published service institution of type financing in the registries, when it is one (no FK across the module boundary). */
    institutionId: uuid(),
    /** Loan, guarantee or investment amount; for insurance the sum insured (保险金额). */
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** Insurance only: the premium (保费). */
    premiumFen: bigint({ mode: 'number' }),
    signedOn: date().notNull(),
    /** Term end (loan maturity, end of cover or guarantee); none for an equity investment. */
    termEndOn: date(),
    /** Pledge loans: the pledged patents, normalised ZL + 12 digits + . + check (shared/patent-number.ts). */
    pledgedPatents: text().array().notNull().default(sql`'{}'`),
    /** Pledge loans: the evaluated value of the pledged patents and who evaluated them. */
    evaluatedValueFen: bigint({ mode: 'number' }),
    evaluationInstitution: text(),
    /** The contract or policy (PDF or image uploaded as an attachment); required to submit. */
    evidenceFileId: uuid().references(() => files.id, { onDelete: 'restrict' }),
    /** Interest or premium subsidy requested (贴息/保费补贴), shown to the reviewer; paid through funding or vouchers, not here. */
    subsidyRequested: boolean().notNull().default(false),
    subsidyAmountFen: bigint({ mode: 'number' }),
    note: text(),
    submittedAt: timestamp({ withTimezone: true }),
    reviewerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    /** The reviewer's note of the last return (cleared on resubmission). */
    returnNote: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.status),
    index().on(t.status, t.submittedAt),
    index('finance_records_verified').on(t.signedOn, t.kind).where(sql`status = 'verified'`),
    check('finance_records_amounts', sql`${t.amountFen} > 0 AND coalesce(${t.premiumFen}, 0) >= 0 AND coalesce(${t.evaluatedValueFen}, 0) >= 0 AND coalesce(${t.subsidyAmountFen}, 0) >= 0`),
    check('finance_records_term', sql`${t.termEndOn} IS NULL OR ${t.termEndOn} >= ${t.signedOn}`),
  ],
);

/** A record's history: created, edited, submitted, returned (with the note), verified, withdrawn. */
export const financeEvents = pgTable(
  'finance_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: events of one transaction share the clock's instant. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    recordId: uuid()
      .notNull()
      .references(() => financeRecords.id, { onDelete: 'cascade' }),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    type: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    body: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.recordId, t.createdAt)],
);
