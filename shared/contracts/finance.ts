import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';
import { TimelineEventView } from './timeline.js';

/**
 * S&T finance register (科技金融登记, plan tasks 8, 14, 15): patent pledge
 * loans, S&T insurance, guarantees, equity investment and other financing an
 * organisation obtained, registered by its members and verified by the
 * bureau. Workflow: docs/workflows/finance.md. Money is integer fen, carried
 * as JSON numbers (every amount is below 2^53 fen, enforced here).
 */

export const FINANCE_KINDS = ['patent_pledge_loan', 'tech_insurance', 'guarantee', 'equity_investment', 'other'] as const;
export const FinanceKind = z.enum(FINANCE_KINDS);
export type FinanceKind = z.infer<typeof FinanceKind>;
export const FINANCE_KIND_LABELS: Record<FinanceKind, { zh: string; en: string }> = {
  patent_pledge_loan: { zh: '知识产权质押贷款', en: 'Patent pledge loan' },
  tech_insurance: { zh: '科技保险', en: 'S&T insurance' },
  guarantee: { zh: '融资担保', en: 'Financing guarantee' },
  equity_investment: { zh: '股权投资', en: 'Equity investment' },
  other: { zh: '其他', en: 'Other' },
};
/** Kinds with no term end asked (an investment has none; "other" may not). */
export const KINDS_WITHOUT_TERM: readonly FinanceKind[] = ['equity_investment', 'other'];

export const FINANCE_STATUSES = ['draft', 'submitted', 'returned', 'verified', 'withdrawn'] as const;
export const FinanceStatus = z.enum(FINANCE_STATUSES);
export type FinanceStatus = z.infer<typeof FinanceStatus>;

export const Fen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const FenOrZero = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The registration form. Cross-field rules (patents and evaluation for pledge
 * loans, the premium for insurance, the term, the subsidy) are checked on the
 * server with a field error each.
 */
export const FinanceForm = z.object({
  kind: FinanceKind,
  /** The bank, insurer, guarantor or investor, as named in the contract. */
  institutionName: Text(200),
  /** A published financing service institution of the registries, when it is one. */
  institutionId: Id.optional(),
  /** Loan, guarantee or investment amount; for insurance the sum insured (保险金额). */
  amountFen: Fen,
  /** Insurance: the premium (保费). */
  premiumFen: Fen.optional(),
  signedOn: IsoDate,
  termEndOn: IsoDate.optional(),
  /** Pledge loans: the pledged patents (ZL/CN + 12 digits + check character). */
  pledgedPatents: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  evaluatedValueFen: Fen.optional(),
  evaluationInstitution: z.string().trim().min(1).max(200).optional(),
  /** The contract or policy (uploaded with purpose "attachment"); required to submit. */
  evidenceFileId: Id.optional(),
  /** Interest or premium subsidy requested (贴息/保费补贴); paid through funding or vouchers, not here. */
  subsidyRequested: z.boolean().default(false),
  subsidyAmountFen: Fen.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type FinanceForm = z.infer<typeof FinanceForm>;

export const ReturnFinanceBody = z.object({ note: Text(2000) });
export const VerifyFinanceBody = z.object({ note: z.string().trim().max(2000).optional() });

export const FinanceEventView = TimelineEventView;

export const FinanceSummary = z.object({
  id: Id,
  status: FinanceStatus,
  kind: FinanceKind,
  organisation: z.object({ id: Id, name: z.string() }),
  institutionName: z.string(),
  amountFen: z.number().int(),
  premiumFen: z.number().int().nullable(),
  signedOn: IsoDate,
  termEndOn: IsoDate.nullable(),
  pledgedPatents: z.array(z.string()),
  subsidyRequested: z.boolean(),
  subsidyAmountFen: z.number().int().nullable(),
  submittedAt: IsoDateTime.nullable(),
  verifiedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  /** edit, submit, withdraw, return, verify: what the caller may do now. */
  actions: z.array(z.string()),
});
export type FinanceSummary = z.infer<typeof FinanceSummary>;

export const FinanceView = FinanceSummary.extend({
  form: FinanceForm,
  /** The registries' institution when one is linked (its name there). */
  institution: z.object({ id: Id, name: z.string() }).nullable(),
  evidenceFile: z.object({ id: Id, filename: z.string(), sizeBytes: z.number().int() }).nullable(),
  returnNote: z.string().nullable(),
  reviewer: z.object({ id: Id, displayName: z.string() }).nullable(),
  /**
   * Pledge loans: other submitted or verified pledge loans naming one of the
   * same patents with an overlapping term (a patent pledged twice), for the
   * reviewer to check; empty for anything else.
   */
  pledgeConflicts: z.array(z.object({ recordId: Id, patent: z.string(), organisationName: z.string(), institutionName: z.string(), status: FinanceStatus, signedOn: IsoDate, termEndOn: IsoDate.nullable() })),
  events: z.array(FinanceEventView),
});
export type FinanceView = z.infer<typeof FinanceView>;

export const ListFinanceQuery = PageQuery.extend({
  status: FinanceStatus.optional(),
  kind: FinanceKind.optional(),
  /** Year signed. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** mine: the caller's organisation; desk: the reviewer's queue (submitted, oldest first); all: the bureau. */
  scope: z.enum(['mine', 'desk', 'all']).default('mine'),
  q: z.string().trim().max(100).optional(),
});

export const FinanceStatsQuery = z.object({
  fromYear: z.coerce.number().int().min(2000).max(2100).optional(),
  toYear: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: FinanceKind.optional(),
});
export const FinanceStatRow = z.object({ year: z.number().int(), kind: FinanceKind, count: z.number().int(), amountFen: z.number().int(), premiumFen: z.number().int() });
export const FinanceStatistics = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  /** Verified records by the year signed (district calendar) and kind; only groups with records. */
  rows: z.array(FinanceStatRow),
  byKind: z.array(FinanceStatRow.omit({ year: true })),
  byYear: z.array(FinanceStatRow.omit({ kind: true }).extend({ enterprises: z.number().int() })),
  totals: z.object({ count: z.number().int(), amountFen: z.number().int(), premiumFen: z.number().int(), enterprises: z.number().int(), subsidyRequestedFen: z.number().int() }),
});
export type FinanceStatistics = z.infer<typeof FinanceStatistics>;

export const FinanceExportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), kind: FinanceKind.optional() });

export const FinanceInstitution = z.object({ id: Id, name: z.string() });

const tags = ['finance'];
export const createFinanceRecord = endpoint({ method: 'POST', path: '/api/v1/finance/records', summary: 'Register a financing of the caller’s organisation (draft)', tags, body: FinanceForm, response: FinanceView });
export const listFinanceRecords = endpoint({ method: 'GET', path: '/api/v1/finance/records', summary: 'Financing records: the organisation’s own, the review queue, or all', tags, query: ListFinanceQuery, response: pageOf(FinanceSummary) });
export const getFinanceRecord = endpoint({ method: 'GET', path: '/api/v1/finance/records/:id', summary: 'One financing record with its history', tags, params: IdParams, response: FinanceView });
export const updateFinanceRecord = endpoint({ method: 'PUT', path: '/api/v1/finance/records/:id', summary: 'Edit a draft or returned record', tags, params: IdParams, body: FinanceForm, response: FinanceView });
export const submitFinanceRecord = endpoint({ method: 'POST', path: '/api/v1/finance/records/:id/submit', summary: 'Submit for verification', tags, params: IdParams, body: z.object({}), response: FinanceView });
export const withdrawFinanceRecord = endpoint({ method: 'POST', path: '/api/v1/finance/records/:id/withdraw', summary: 'Withdraw a record not yet verified', tags, params: IdParams, body: z.object({}), response: FinanceView });
export const returnFinanceRecord = endpoint({ method: 'POST', path: '/api/v1/finance/records/:id/return', summary: 'Reviewer: return with a note', tags, params: IdParams, body: ReturnFinanceBody, response: FinanceView });
export const verifyFinanceRecord = endpoint({ method: 'POST', path: '/api/v1/finance/records/:id/verify', summary: 'Reviewer: verify (it then counts)', tags, params: IdParams, body: VerifyFinanceBody, response: FinanceView });
export const financeEvidence = endpoint({ method: 'GET', path: '/api/v1/finance/records/:id/evidence', summary: 'The contract or policy file', tags, params: IdParams, response: z.unknown(), download: true });
export const financeStatistics = endpoint({ method: 'GET', path: '/api/v1/finance/statistics', summary: 'Verified financing by year signed and kind', tags, query: FinanceStatsQuery, response: FinanceStatistics });
export const financeExport = endpoint({ method: 'GET', path: '/api/v1/finance/export', summary: 'Verified financing records as XLSX (filters: year, kind)', tags, query: FinanceExportQuery, response: z.unknown(), download: true });
export const financeInstitutions = endpoint({ method: 'GET', path: '/api/v1/finance/institutions', summary: 'Published financing service institutions to pick from', tags, response: z.array(FinanceInstitution) });
