import { z } from 'zod';
import { ENUM_CODES } from '../taxonomies/codes.js';
import { isValidRegion } from '../taxonomies/regions.js';
import { isValidTechField } from '../taxonomies/tech-fields.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';
import { TimelineEventView } from './timeline.js';

/**
 * Technology contract registration (技术合同认定登记), its statistics, and
 * the public turnover summary. Workflow: docs/workflows/contracts.md; the
 * type and sub-type list and the rules followed: docs/decisions (technology
 * contract registration). Money is integer fen everywhere.
 */

/** The five registered types and their sub-types (codes stored; labels in the web's i18n and below). */
export const CONTRACT_TYPES = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent', 'patent_application', 'trade_secret', 'other'],
  licence: ['patent_licence', 'trade_secret_licence', 'other'],
  consulting: ['consulting'],
  service: ['service', 'training', 'intermediary'],
} as const;
export type ContractType = keyof typeof CONTRACT_TYPES;
export const CONTRACT_TYPE_CODES = Object.keys(CONTRACT_TYPES) as ContractType[];
export const ContractTypeCode = z.enum(CONTRACT_TYPE_CODES as [ContractType, ...ContractType[]]);

export const CONTRACT_TYPE_LABELS: Record<ContractType, { zh: string; en: string }> = {
  development: { zh: '技术开发', en: 'Technology development' },
  transfer: { zh: '技术转让', en: 'Technology transfer' },
  licence: { zh: '技术许可', en: 'Technology licence' },
  consulting: { zh: '技术咨询', en: 'Technology consulting' },
  service: { zh: '技术服务', en: 'Technology service' },
};
export const SUB_TYPE_LABELS: Record<string, { zh: string; en: string }> = {
  'development.commissioned': { zh: '委托开发', en: 'Commissioned development' },
  'development.cooperative': { zh: '合作开发', en: 'Cooperative development' },
  'transfer.patent': { zh: '专利权转让', en: 'Patent right transfer' },
  'transfer.patent_application': { zh: '专利申请权转让', en: 'Patent application right transfer' },
  'transfer.trade_secret': { zh: '技术秘密转让', en: 'Technical secret transfer' },
  'transfer.other': { zh: '其他技术转让', en: 'Other technology transfer' },
  'licence.patent_licence': { zh: '专利实施许可', en: 'Patent exploitation licence' },
  'licence.trade_secret_licence': { zh: '技术秘密使用许可', en: 'Technical secret use licence' },
  'licence.other': { zh: '其他技术许可', en: 'Other technology licence' },
  'consulting.consulting': { zh: '技术咨询', en: 'Technology consulting' },
  'service.service': { zh: '技术服务', en: 'Technology service' },
  'service.training': { zh: '技术培训', en: 'Technology training' },
  'service.intermediary': { zh: '技术中介', en: 'Technology intermediary' },
};

/** Whether a sub-type belongs to the type. */
export function isSubTypeOf(type: string, subType: string): boolean {
  return ((CONTRACT_TYPES as Record<string, readonly string[]>)[type] ?? []).includes(subType);
}

/** 法人性质 (legal-person nature) of a party, as the registration form asks. */
export const PARTY_NATURES = [
  'government',
  'research_institute',
  'university',
  'medical',
  'other_public',
  'social_organisation',
  'enterprise_domestic',
  'enterprise_hmt',
  'enterprise_foreign',
  'individual',
  'other',
] as const;
export const PartyNature = z.enum(PARTY_NATURES);
export const PARTY_NATURE_LABELS: Record<(typeof PARTY_NATURES)[number], { zh: string; en: string }> = {
  government: { zh: '机关法人', en: 'Government body' },
  research_institute: { zh: '事业法人（科研机构）', en: 'Public institution: research institute' },
  university: { zh: '事业法人（高等院校）', en: 'Public institution: university' },
  medical: { zh: '事业法人（医疗卫生机构）', en: 'Public institution: medical' },
  other_public: { zh: '事业法人（其他）', en: 'Public institution: other' },
  social_organisation: { zh: '社团法人', en: 'Social organisation' },
  enterprise_domestic: { zh: '企业法人（内资）', en: 'Enterprise: domestic' },
  enterprise_hmt: { zh: '企业法人（港澳台投资）', en: 'Enterprise: Hong Kong, Macao, Taiwan investment' },
  enterprise_foreign: { zh: '企业法人（外商投资）', en: 'Enterprise: foreign investment' },
  individual: { zh: '自然人', en: 'Natural person' },
  other: { zh: '其他组织', en: 'Other organisation' },
};

/** 计划类别: which programme the contract's project belongs to. */
export const PLAN_CATEGORIES = ['national', 'provincial', 'municipal', 'county', 'none'] as const;
export const PlanCategory = z.enum(PLAN_CATEGORIES);
export const PLAN_CATEGORY_LABELS: Record<(typeof PLAN_CATEGORIES)[number], { zh: string; en: string }> = {
  national: { zh: '国家科技计划', en: 'National programme' },
  provincial: { zh: '省部级科技计划', en: 'Provincial or ministerial programme' },
  municipal: { zh: '市级科技计划', en: 'Municipal programme' },
  county: { zh: '区县级科技计划', en: 'County programme' },
  none: { zh: '计划外', en: 'No programme' },
};

/** Intellectual-property type of the subject: the catalog's types, or none. */
export const CONTRACT_IP_TYPES = [...ENUM_CODES.ipType, 'none'] as const;
export const ContractIpType = z.enum(CONTRACT_IP_TYPES as unknown as [string, ...string[]]);

/** Non-technical payments deducted from the contract amount to reach the technical-transaction amount. */
export const DEDUCTION_KINDS = ['equipment', 'materials', 'construction', 'other'] as const;
export const DeductionKind = z.enum(DEDUCTION_KINDS);
export const DEDUCTION_LABELS: Record<(typeof DEDUCTION_KINDS)[number], { zh: string; en: string }> = {
  equipment: { zh: '设备、仪器费', en: 'Equipment and instruments' },
  materials: { zh: '原材料、零部件费', en: 'Raw materials and parts' },
  construction: { zh: '基本建设、土建工程费', en: 'Construction works' },
  other: { zh: '其他非技术性款项', en: 'Other non-technical payments' },
};

export const CONTRACT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'refused', 'withdrawn'] as const;
export const ContractStatus = z.enum(CONTRACT_STATUSES);
export type ContractStatus = z.infer<typeof ContractStatus>;
export const CONTRACT_KINDS = ['original', 'amendment', 'termination'] as const;
export const ContractKind = z.enum(CONTRACT_KINDS);

/** Why a registrar refuses: oral contracts and non-technical contracts are not registered. */
export const REFUSAL_REASONS = ['oral', 'non_technical', 'other'] as const;
export const RefusalReason = z.enum(REFUSAL_REASONS);

/** Money in fen: integers only (safe as JS numbers far beyond any contract). */
export const Fen = z.number().int().min(0).max(1_000_000_000_000_00);
const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

const PartyFields = z.object({
    name: Text(200),
    /** 18-character unified social credit code; required for domestic organisations (checked on the server). */
    creditCode: z.string().trim().toUpperCase().optional(),
    /** ISO 3166-1 alpha-2. */
    countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
    /** GB/T 2260 code; required when the country is CN. */
    regionCode: z.string().refine(isValidRegion, { message: 'GB/T 2260 region code' }).optional(),
    nature: PartyNature,
    /** The party's organisation on the platform, when it has one. */
    organisationId: Id.optional(),
});
export const Party = PartyFields.refine((p) => p.countryCode !== 'CN' || !!p.regionCode, { message: 'region code required for a party in China', path: ['regionCode'] });
export type Party = z.infer<typeof Party>;

export const Deduction = z.object({ kind: DeductionKind, description: Text(200), amountFen: Fen.min(1) });
export const Payment = z.object({ dueOn: IsoDate, amountFen: Fen.min(1), note: z.string().trim().max(200).optional() });

/** The registration form (登记表). Cross-field rules (sums, 转让 needs) are checked on the server with field errors. */
export const ContractForm = z.object({
  type: ContractTypeCode,
  subType: z.string(),
  projectName: Text(200),
  signedOn: IsoDate,
  signedPlace: Text(100),
  validFrom: IsoDate,
  validTo: IsoDate,
  seller: Party,
  buyer: Party,
  techField: z.string().refine(isValidTechField, { message: 'technology field code' }),
  industrySection: z.string().regex(/^[A-T]$/).optional(),
  ipType: ContractIpType,
  planCategory: PlanCategory,
  contractAmountFen: Fen.min(1),
  deductions: z.array(Deduction).max(50).default([]),
  paymentSchedule: z.array(Payment).min(1).max(60),
  expectedInvestmentFen: Fen.optional(),
  expectedOutputFen: Fen.optional(),
  achievementId: Id.optional(),
  demandId: Id.optional(),
  caseId: Id.optional(),
  dealId: Id.optional(),
  /** The signed contract (PDF uploaded with purpose "attachment"); required to submit. */
  contractFileId: Id.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ContractForm = z.infer<typeof ContractForm>;

export const TerminationBody = z.object({
  /** The part of the contract performed before termination (counted from then on). */
  performedAmountFen: Fen,
  performedTechFen: Fen,
  note: Text(2000),
  contractFileId: Id.optional(),
});

export const ReturnBody = z.object({ reason: Text(2000) });
export const ReclassifyBody = z.object({ type: ContractTypeCode, subType: z.string(), note: Text(2000) });
export const RefuseBody = z
  .object({ reason: RefusalReason, note: z.string().trim().max(2000).optional() })
  .refine((b) => b.reason !== 'other' || (b.note ?? '').length > 0, { message: 'a note is required for "other"', path: ['note'] });
export const ApproveBody = z.object({ note: z.string().trim().max(2000).optional() });

const Ref = z.object({ id: Id, name: z.string() });

export const ContractEventView = TimelineEventView;

export const ContractSummary = z.object({
  id: Id,
  kind: ContractKind,
  parentId: Id.nullable(),
  status: ContractStatus,
  type: ContractTypeCode,
  subType: z.string(),
  projectName: z.string(),
  organisation: Ref,
  sellerName: z.string(),
  buyerName: z.string(),
  contractAmountFen: z.number().int(),
  techAmountFen: z.number().int(),
  registrationNumber: z.string().nullable(),
  registeredAt: IsoDateTime.nullable(),
  submittedAt: IsoDateTime.nullable(),
  reviewDueAt: IsoDateTime.nullable(),
  /** Whole days left to the review deadline (negative when overdue); null unless submitted. */
  daysLeft: z.number().int().nullable(),
  createdAt: IsoDateTime,
  /** edit, submit, withdraw, return, reclassify, refuse, approve, amend, terminate, certificate */
  actions: z.array(z.string()),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractView = ContractSummary.extend({
  form: ContractForm.extend({ deductions: z.array(Deduction) }),
  deductionsFen: z.number().int(),
  performedAmountFen: z.number().int().nullable(),
  performedTechFen: z.number().int().nullable(),
  contractFile: z.object({ id: Id, filename: z.string(), sizeBytes: z.number().int() }).nullable(),
  returnReason: z.string().nullable(),
  refusalReason: RefusalReason.nullable(),
  refusalNote: z.string().nullable(),
  reclassifiedFrom: z.string().nullable(),
  reviewer: z.object({ id: Id, displayName: z.string() }).nullable(),
  counted: z.object({ contracts: z.number().int(), contractFen: z.number().int(), techFen: z.number().int() }),
  /** Amendments and terminations of this registration (or the original, for one of those). */
  related: z.array(ContractSummary.pick({ id: true, kind: true, status: true, registrationNumber: true, registeredAt: true, techAmountFen: true })),
  events: z.array(ContractEventView),
});
export type ContractView = z.infer<typeof ContractView>;

export const ListContractsQuery = PageQuery.extend({
  status: ContractStatus.optional(),
  /** mine: the caller's organisation; desk: the registrar's queue (submitted, oldest deadline first); all (bureau). */
  scope: z.enum(['mine', 'desk', 'all']).default('mine'),
  q: z.string().trim().max(100).optional(),
});

/** Prefill for a new contract from where it came from. */
export const PrefillQuery = z.object({ dealId: Id.optional(), caseId: Id.optional(), achievementId: Id.optional(), demandId: Id.optional() });
/** What is known before the user completes the form: parties may still lack a region, the schedule may be empty. */
export const Prefill = ContractForm.partial().extend({
  seller: PartyFields.partial().optional(),
  buyer: PartyFields.partial().optional(),
  paymentSchedule: z.array(Payment).optional(),
  warnings: z.array(z.string()),
  /** From a deal both parties confirmed on the platform (成交确认书): when the second confirmed. Informational; the signed contract is still required. */
  dealConfirmedAt: IsoDateTime.optional(),
});

export const createContract = endpoint({
  method: 'POST',
  path: '/api/v1/contracts',
  summary: 'Start a contract registration (draft) for the caller’s organisation as the seller side',
  tags: ['contracts'],
  body: ContractForm,
  response: ContractView,
});
export const prefillContract = endpoint({
  method: 'GET',
  path: '/api/v1/contracts/prefill',
  summary: 'Form values from a deal, matchmaking case, achievement or demand',
  tags: ['contracts'],
  query: PrefillQuery,
  response: Prefill,
});
export const listContracts = endpoint({
  method: 'GET',
  path: '/api/v1/contracts',
  summary: 'Contract registrations: the organisation’s own, or the registrar’s desk',
  tags: ['contracts'],
  query: ListContractsQuery,
  response: pageOf(ContractSummary),
});
export const getContract = endpoint({ method: 'GET', path: '/api/v1/contracts/:id', summary: 'One registration with its history', tags: ['contracts'], params: IdParams, response: ContractView });
export const updateContract = endpoint({
  method: 'PUT',
  path: '/api/v1/contracts/:id',
  summary: 'Edit a draft or returned registration',
  tags: ['contracts'],
  params: IdParams,
  body: ContractForm,
  response: ContractView,
});
export const submitContract = endpoint({ method: 'POST', path: '/api/v1/contracts/:id/submit', summary: 'Submit for registration', tags: ['contracts'], params: IdParams, body: z.object({}), response: ContractView });
export const withdrawContract = endpoint({ method: 'POST', path: '/api/v1/contracts/:id/withdraw', summary: 'Withdraw an application', tags: ['contracts'], params: IdParams, body: z.object({}), response: ContractView });
export const returnContract = endpoint({ method: 'POST', path: '/api/v1/contracts/:id/return', summary: 'Registrar: return with reasons', tags: ['contracts'], params: IdParams, body: ReturnBody, response: ContractView });
export const reclassifyContract = endpoint({
  method: 'POST',
  path: '/api/v1/contracts/:id/reclassify',
  summary: 'Registrar: change the contract type',
  tags: ['contracts'],
  params: IdParams,
  body: ReclassifyBody,
  response: ContractView,
});
export const refuseContract = endpoint({ method: 'POST', path: '/api/v1/contracts/:id/refuse', summary: 'Registrar: refuse registration', tags: ['contracts'], params: IdParams, body: RefuseBody, response: ContractView });
export const approveContract = endpoint({
  method: 'POST',
  path: '/api/v1/contracts/:id/approve',
  summary: 'Registrar: approve (认定) and assign the registration number',
  tags: ['contracts'],
  params: IdParams,
  body: ApproveBody,
  response: ContractView,
});
export const amendContract = endpoint({
  method: 'POST',
  path: '/api/v1/contracts/:id/amendments',
  summary: 'Start the registration of an amendment to an approved contract',
  tags: ['contracts'],
  params: IdParams,
  body: ContractForm,
  response: ContractView,
});
export const terminateContract = endpoint({
  method: 'POST',
  path: '/api/v1/contracts/:id/termination',
  summary: 'Start the registration of a termination of an approved contract',
  tags: ['contracts'],
  params: IdParams,
  body: TerminationBody,
  response: ContractView,
});
export const contractCertificate = endpoint({
  method: 'GET',
  path: '/api/v1/contracts/:id/certificate',
  summary: 'Registration certificate (PDF)',
  tags: ['contracts'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});
export const contractFile = endpoint({
  method: 'GET',
  path: '/api/v1/contracts/:id/file',
  summary: 'The signed contract (PDF)',
  tags: ['contracts'],
  params: IdParams,
  response: z.unknown(),
  download: true,
});

// ---- statistics ----

export const StatisticsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const StatGroup = z.object({ key: z.string(), label: z.string(), contracts: z.number().int(), contractFen: z.number().int(), techFen: z.number().int() });
export type StatGroup = z.infer<typeof StatGroup>;

export const Statistics = z.object({
  from: IsoDate,
  /** Exclusive. */
  to: IsoDate,
  districtRegion: z.object({ code: z.string(), name: z.string() }),
  totals: StatGroup.omit({ key: true, label: true }),
  byYear: z.array(StatGroup),
  byQuarter: z.array(StatGroup),
  byMonth: z.array(StatGroup),
  byType: z.array(StatGroup),
  bySubType: z.array(StatGroup),
  byTechField: z.array(StatGroup),
  byIndustry: z.array(StatGroup),
  /** within | outflow | inflow | elsewhere (relative to the district) */
  byFlow: z.array(StatGroup),
  bySellerRegion: z.array(StatGroup),
  byBuyerRegion: z.array(StatGroup),
});
export type Statistics = z.infer<typeof Statistics>;

export const contractStatistics = endpoint({
  method: 'GET',
  path: '/api/v1/contracts/statistics',
  summary: 'Registered contracts: count, contract amount and technical-transaction amount by period and dimension',
  tags: ['contracts'],
  query: StatisticsQuery,
  response: Statistics,
});
export const contractStatisticsExport = endpoint({
  method: 'GET',
  path: '/api/v1/contracts/statistics/export',
  summary: 'The statistics as XLSX',
  tags: ['contracts'],
  query: StatisticsQuery,
  response: z.unknown(),
  download: true,
});

export const PublicSummary = z.object({
  years: z.array(z.object({ year: z.number().int(), contracts: z.number().int(), contractFen: z.number().int(), techFen: z.number().int() })),
  byType: z.array(StatGroup),
  asOf: IsoDateTime,
});
export const publicContractSummary = endpoint({
  method: 'GET',
  path: '/api/v1/public/contract-statistics',
  summary: 'Public summary of registered technology contracts (turnover by year and type)',
  tags: ['contracts'],
  response: PublicSummary,
});
