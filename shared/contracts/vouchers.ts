import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Innovation vouchers (创新券): programmes with a budget, enterprises'
 * applications, electronic vouchers with unique codes, redemption with
 * evidence, payout, expiry and void; an append-only ledger in integer fen.
 * Workflow: docs/workflows/vouchers.md; ledger: docs/decisions/0018-voucher-ledger.md.
 *
 * Money is integer fen, carried as JSON numbers (safe: every amount is below
 * 2^53 fen, enforced here).
 */

export const Fen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const FenOrZero = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Service categories: the service-institution registry's types. */
export const SERVICE_CATEGORIES = ['trading', 'evaluation', 'financing', 'consulting', 'legal', 'ip_agency', 'testing'] as const;
export const ServiceCategory = z.enum(SERVICE_CATEGORIES);
export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const EnterpriseSize = z.enum(ENTERPRISE_SIZES);
export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const;
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export const REDEEMERS = ['provider', 'enterprise'] as const;
export const Redeemer = z.enum(REDEEMERS);
export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const VOUCHER_STATUSES = ['issued', 'redeeming', 'redeemed', 'paid', 'expired', 'voided'] as const;
export const VoucherStatus = z.enum(VOUCHER_STATUSES);
export const REDEMPTION_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export const RedemptionStatus = z.enum(REDEMPTION_STATUSES);
export const ENTRY_KINDS = ['allocate', 'reserve', 'release', 'redeem', 'pay'] as const;

/** Client-chosen key that makes a write safe to retry (8–100 printable characters). */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, '8–100 letters, digits, _ . : -');

export const Eligibility = z.object({
  /** Enterprise sizes admitted; empty = any. */
  sizes: z.array(EnterpriseSize).default([]),
  /** GB/T 2260 region-code prefixes the enterprise must be registered in; empty = any. */
  regionPrefixes: z.array(z.string().regex(/^\d{2,12}$/)).default([]),
  /** Only organisations verified by the bureau. */
  verifiedOnly: z.boolean().default(true),
});

export const ProgrammeBody = z
  .object({
    name: Text(200),
    description: z.string().trim().max(4000).optional(),
    eligibility: Eligibility,
    serviceCategories: z.array(ServiceCategory).min(1),
    providerOrgIds: z.array(Id).default([]),
    /** Share of the service price a voucher may cover, basis points (5000 = 50 %). */
    coverageBp: z.number().int().min(1).max(10000),
    yearlyCapFen: Fen,
    faceValuesFen: z.array(Fen).min(1).max(20),
    validityDays: z.number().int().min(1).max(3 * 366),
    redeemer: Redeemer,
    /** The budget allocated on creation, fen. */
    budgetFen: Fen,
  })
  .refine((b) => b.faceValuesFen.every((f) => f <= b.yearlyCapFen), { message: 'face values must not exceed the yearly cap', path: ['faceValuesFen'] });

export const AllocateBody = z.object({ amountFen: Fen, note: Text(500), idempotencyKey: IdempotencyKey });
export const ProgrammeStatusBody = z.object({ status: ProgrammeStatus });

export const Balance = z.object({
  allocatedFen: FenOrZero,
  /** Reserved by vouchers not yet redeemed, expired or voided. */
  outstandingFen: FenOrZero,
  /** Redeemed (approved) and not yet paid. */
  payableFen: FenOrZero,
  paidFen: FenOrZero,
  /** Still available to issue. */
  availableFen: FenOrZero,
  reservedFen: FenOrZero,
  releasedFen: FenOrZero,
  redeemedFen: FenOrZero,
});
export type Balance = z.infer<typeof Balance>;

export const ProgrammeView = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  status: ProgrammeStatus,
  eligibility: Eligibility,
  serviceCategories: z.array(ServiceCategory),
  providerOrgIds: z.array(Id),
  coverageBp: z.number().int(),
  yearlyCapFen: Fen,
  faceValuesFen: z.array(Fen),
  validityDays: z.number().int(),
  redeemer: Redeemer,
  balance: Balance,
  createdAt: IsoDateTime,
  actions: z.array(z.string()),
});
export type ProgrammeView = z.infer<typeof ProgrammeView>;

export const ApplyBody = z.object({
  programmeId: Id,
  enterpriseSize: EnterpriseSize,
  townshipOrgId: Id.optional(),
  serviceCategory: ServiceCategory,
  providerOrgId: Id.optional(),
  serviceDescription: Text(2000),
  requestedFen: Fen,
});

/** One eligibility check with its outcome and the reason in both languages. */
export const Check = z.object({
  code: z.string(),
  ok: z.boolean(),
  /** warn: shown, does not block. */
  severity: z.enum(['block', 'warn']),
  message: z.string(),
});
export type Check = z.infer<typeof Check>;

const Ref = z.object({ id: Id, name: z.string() });

export const VoucherView = z.object({
  id: Id,
  code: z.string(),
  programme: Ref,
  organisation: Ref,
  faceValueFen: Fen,
  validFrom: IsoDate,
  validUntil: IsoDate,
  status: VoucherStatus,
  voidReason: z.string().nullable(),
  redeemedFen: FenOrZero,
  paidFen: FenOrZero,
  releasedFen: FenOrZero,
  issuedAt: IsoDateTime,
  actions: z.array(z.string()),
});
export type VoucherView = z.infer<typeof VoucherView>;

export const ApplicationView = z.object({
  id: Id,
  programme: Ref,
  organisation: Ref,
  enterpriseSize: EnterpriseSize,
  township: Ref.nullable(),
  serviceCategory: ServiceCategory,
  provider: Ref.nullable(),
  serviceDescription: z.string(),
  requestedFen: Fen,
  status: z.enum(APPLICATION_STATUSES),
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** Eligibility as checked now (for the reviewer), each with its reason. */
  checks: z.array(Check),
  vouchers: z.array(VoucherView),
  actions: z.array(z.string()),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const DecideApplicationBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), faceValuesFen: z.array(Fen).min(1).max(50), note: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('reject'), note: Text(2000) }),
]);

export const RedeemBody = z
  .object({
    /** The voucher's code (what the enterprise hands to the provider). */
    code: z.string().trim().min(4).max(40),
    idempotencyKey: IdempotencyKey,
    providerOrgId: Id,
    serviceCategory: ServiceCategory,
    serviceId: Id.optional(),
    contractNo: Text(100),
    servicePriceFen: Fen,
    serviceStart: IsoDate,
    serviceEnd: IsoDate,
    contractFileId: Id,
    invoiceFileId: Id,
    ownShareProofFileId: Id,
  })
  .refine((b) => b.serviceStart <= b.serviceEnd, { message: 'serviceStart after serviceEnd', path: ['serviceEnd'] });
export type RedeemBody = z.infer<typeof RedeemBody>;

export const FraudFlag = z.object({ code: z.enum(['related_parties', 'price_above_listed', 'redemption_burst', 'dates_outside_validity', 'blacklisted']), message: z.string() });

const FileRef = z.object({ id: Id, filename: z.string() });

export const RedemptionView = z.object({
  id: Id,
  voucher: z.object({ id: Id, code: z.string(), faceValueFen: Fen, validFrom: IsoDate, validUntil: IsoDate, status: VoucherStatus }),
  programme: Ref,
  enterprise: Ref,
  provider: Ref,
  submitter: Ref,
  serviceCategory: ServiceCategory,
  serviceId: Id.nullable(),
  contractNo: z.string(),
  servicePriceFen: Fen,
  amountFen: Fen,
  /** What the enterprise paid itself: price − amount. */
  ownShareFen: FenOrZero,
  serviceStart: IsoDate,
  serviceEnd: IsoDate,
  contractFile: FileRef,
  invoiceFile: FileRef,
  ownShareProofFile: FileRef,
  /** Anti-fraud findings, for the reviewer (empty for others). */
  flags: z.array(FraudFlag),
  status: RedemptionStatus,
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  paymentReference: z.string().nullable(),
  paidAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  actions: z.array(z.string()),
});
export type RedemptionView = z.infer<typeof RedemptionView>;

export const DecideRedemptionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), note: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('reject'), note: Text(2000) }),
]);
export const PayBody = z.object({ paymentReference: Text(100) });
export const VoidBody = z.object({ reason: Text(2000), blacklist: z.boolean().default(false) });
export const BlacklistBody = z.object({ organisationId: Id, reason: Text(2000) });
export const BlacklistEntry = z.object({ id: Id, organisation: Ref, reason: z.string(), createdAt: IsoDateTime });

export const REPORT_GROUPS = ['programme', 'month', 'category', 'provider', 'township'] as const;
export const ReportQuery = z.object({
  groupBy: z.enum(REPORT_GROUPS).default('programme'),
  programmeId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const ReportRow = z.object({
  key: z.string(),
  label: z.string(),
  issuedFen: FenOrZero,
  issuedCount: z.number().int(),
  redeemedFen: FenOrZero,
  redeemedCount: z.number().int(),
  releasedFen: FenOrZero,
  expiredCount: z.number().int(),
  paidFen: FenOrZero,
  paidCount: z.number().int(),
});
export const ReportView = z.object({
  groupBy: z.enum(REPORT_GROUPS),
  from: IsoDate,
  to: IsoDate,
  rows: z.array(ReportRow),
  total: ReportRow,
  /** Budget use per programme (for the chart). */
  budgets: z.array(z.object({ programme: Ref, balance: Balance })),
});
export type ReportView = z.infer<typeof ReportView>;

const ListQuery = PageQuery.extend({ status: z.string().max(20).optional(), programmeId: Id.optional() });

export const listProgrammes = endpoint({ method: 'GET', path: '/api/v1/vouchers/programmes', summary: 'Voucher programmes (open ones for enterprises; all for the bureau)', tags: ['vouchers'], response: z.object({ items: z.array(ProgrammeView) }) });
export const getProgramme = endpoint({ method: 'GET', path: '/api/v1/vouchers/programmes/:id', summary: 'A voucher programme with its balance', tags: ['vouchers'], params: IdParams, response: ProgrammeView });
export const createProgramme = endpoint({ method: 'POST', path: '/api/v1/vouchers/programmes', summary: 'Create a voucher programme and allocate its budget', tags: ['vouchers'], body: ProgrammeBody, response: ProgrammeView });
export const allocateBudget = endpoint({ method: 'POST', path: '/api/v1/vouchers/programmes/:id/allocations', summary: 'Allocate more budget to a programme (idempotent by key)', tags: ['vouchers'], params: IdParams, body: AllocateBody, response: ProgrammeView });
export const setProgrammeStatus = endpoint({ method: 'POST', path: '/api/v1/vouchers/programmes/:id/status', summary: 'Open or close a programme', tags: ['vouchers'], params: IdParams, body: ProgrammeStatusBody, response: ProgrammeView });

export const apply = endpoint({ method: 'POST', path: '/api/v1/vouchers/applications', summary: 'An enterprise applies for vouchers for a planned service', tags: ['vouchers'], body: ApplyBody, response: ApplicationView });
export const listApplications = endpoint({ method: 'GET', path: '/api/v1/vouchers/applications', summary: 'Applications: the caller’s organisation’s, or all for the bureau', tags: ['vouchers'], query: ListQuery, response: pageOf(ApplicationView) });
export const getApplication = endpoint({ method: 'GET', path: '/api/v1/vouchers/applications/:id', summary: 'An application with its eligibility checks and vouchers', tags: ['vouchers'], params: IdParams, response: ApplicationView });
export const decideApplication = endpoint({ method: 'POST', path: '/api/v1/vouchers/applications/:id/decision', summary: 'Approve (issue vouchers, reserving budget) or reject with a reason', tags: ['vouchers'], params: IdParams, body: DecideApplicationBody, response: ApplicationView });

export const listVouchers = endpoint({ method: 'GET', path: '/api/v1/vouchers', summary: 'Vouchers: the caller’s organisation’s, or all for the bureau', tags: ['vouchers'], query: ListQuery, response: pageOf(VoucherView) });
export const getVoucher = endpoint({ method: 'GET', path: '/api/v1/vouchers/:id', summary: 'A voucher', tags: ['vouchers'], params: IdParams, response: VoucherView });
export const voidVoucher = endpoint({ method: 'POST', path: '/api/v1/vouchers/:id/void', summary: 'Void a voucher (releases its reservation), optionally blacklisting its holder', tags: ['vouchers'], params: IdParams, body: VoidBody, response: VoucherView });

export const redeem = endpoint({ method: 'POST', path: '/api/v1/vouchers/redemptions', summary: 'Submit a redemption with evidence (idempotent: the same key returns the same claim; a different body with the same key is refused)', tags: ['vouchers'], body: RedeemBody, response: RedemptionView });
export const listRedemptions = endpoint({ method: 'GET', path: '/api/v1/vouchers/redemptions', summary: 'Redemptions: the caller’s organisation’s (as provider, holder or submitter), or all for the bureau', tags: ['vouchers'], query: ListQuery, response: pageOf(RedemptionView) });
export const getRedemption = endpoint({ method: 'GET', path: '/api/v1/vouchers/redemptions/:id', summary: 'A redemption with its evidence and, for the reviewer, anti-fraud findings', tags: ['vouchers'], params: IdParams, response: RedemptionView });
export const decideRedemption = endpoint({ method: 'POST', path: '/api/v1/vouchers/redemptions/:id/decision', summary: 'Approve (redeems in the ledger) or reject with a reason', tags: ['vouchers'], params: IdParams, body: DecideRedemptionBody, response: RedemptionView });
export const payRedemption = endpoint({ method: 'POST', path: '/api/v1/vouchers/redemptions/:id/payment', summary: 'Record the payout of an approved redemption', tags: ['vouchers'], params: IdParams, body: PayBody, response: RedemptionView });
export const downloadRedemptionFile = endpoint({ method: 'GET', path: '/api/v1/vouchers/redemptions/:id/files/:fileId', summary: 'Download a redemption’s evidence', tags: ['vouchers'], params: z.object({ id: Id, fileId: Id }), response: z.unknown(), download: true });

export const listBlacklist = endpoint({ method: 'GET', path: '/api/v1/vouchers/blacklist', summary: 'Parties barred from voucher programmes', tags: ['vouchers'], response: z.object({ items: z.array(BlacklistEntry) }) });
export const addBlacklist = endpoint({ method: 'POST', path: '/api/v1/vouchers/blacklist', summary: 'Bar a party from voucher programmes', tags: ['vouchers'], body: BlacklistBody, response: BlacklistEntry });
export const liftBlacklist = endpoint({ method: 'POST', path: '/api/v1/vouchers/blacklist/:id/lift', summary: 'Lift a bar', tags: ['vouchers'], params: IdParams, response: z.object({ ok: z.literal(true) }) });

export const report = endpoint({ method: 'GET', path: '/api/v1/vouchers/report', summary: 'Issued, redeemed, expired and paid by programme, month, service category, provider or township', tags: ['vouchers'], query: ReportQuery, response: ReportView });
export const reportExport = endpoint({ method: 'GET', path: '/api/v1/vouchers/report.xlsx', summary: 'The voucher report as XLSX', tags: ['vouchers'], query: ReportQuery, response: z.unknown(), download: true });
