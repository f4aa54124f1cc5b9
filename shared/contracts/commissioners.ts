import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Villages and tech commissioners (科技特派员, tasks 12 and 16): the village
 * register by township with poverty status, commissioners, their assignments
 * to villages, enterprises and parks, service logs from the field (with an
 * idempotency key so an offline retry never duplicates), coverage of poor
 * villages as of a date, statistics, and fees, equity and dividends.
 * Workflow: docs/workflows/commissioners.md. Money is integer fen.
 */

const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
const Year = z.number().int().min(1980).max(2100);

export const COMMISSIONER_KINDS = ['individual', 'team'] as const;
export const LEGAL_TYPES = ['legal_person', 'individual'] as const;
export const TARGET_KINDS = ['village', 'enterprise', 'park'] as const;
export const SERVICE_CATEGORIES = ['training', 'technical_guidance', 'demonstration', 'consultation', 'other'] as const;
export const BENEFIT_KINDS = ['fee', 'equity', 'dividend'] as const;

const Ref = z.object({ id: Id, name: z.string() });

// ───────── villages ─────────

export const VillageBody = z
  .object({
    townshipId: Id,
    name: Text(100),
    code: z.string().trim().regex(/^\d{12}$/, '12 digits').nullable().optional(),
    households: z.number().int().min(0).max(100_000).nullable().optional(),
    povertyFlaggedYear: Year.nullable().optional(),
    povertyLiftedYear: Year.nullable().optional(),
  })
  .refine((v) => v.povertyLiftedYear == null || (v.povertyFlaggedYear != null && v.povertyLiftedYear >= v.povertyFlaggedYear), {
    message: 'lifted year needs a flagged year and cannot precede it',
    path: ['povertyLiftedYear'],
  });
export const VillagePatch = z.object({
  name: Text(100).optional(),
  code: z.string().trim().regex(/^\d{12}$/).nullable().optional(),
  households: z.number().int().min(0).max(100_000).nullable().optional(),
  povertyFlaggedYear: Year.nullable().optional(),
  povertyLiftedYear: Year.nullable().optional(),
});

export const VillageView = z.object({
  id: Id,
  township: Ref,
  name: z.string(),
  code: z.string().nullable(),
  households: z.number().int().nullable(),
  povertyFlaggedYear: z.number().int().nullable(),
  povertyLiftedYear: z.number().int().nullable(),
  /** Whether it counts as a poor village (贫困村) for coverage: ever flagged. */
  poor: z.boolean(),
});
export type VillageView = z.infer<typeof VillageView>;

export const listVillages = endpoint({
  method: 'GET',
  path: '/api/v1/villages',
  summary: 'Villages by township, with poverty status',
  tags: ['commissioners'],
  query: PageQuery.extend({ townshipId: Id.optional(), poor: z.enum(['true', 'false']).optional(), q: z.string().trim().max(50).optional() }),
  response: pageOf(VillageView),
});
export const createVillage = endpoint({ method: 'POST', path: '/api/v1/villages', summary: 'Add a village', tags: ['commissioners'], body: VillageBody, response: VillageView });
export const updateVillage = endpoint({ method: 'PATCH', path: '/api/v1/villages/:id', summary: 'Change a village', tags: ['commissioners'], params: IdParams, body: VillagePatch, response: VillageView });
export const townships = endpoint({ method: 'GET', path: '/api/v1/villages/townships', summary: 'The townships of the organisation tree', tags: ['commissioners'], response: z.object({ items: z.array(Ref) }) });

export const VillageImportBody = z.object({
  /** CSV text with a header row: 乡镇,村名,统计代码,户数,贫困村认定年份,脱贫年份 (or the English column names). */
  csv: z.string().min(1).max(2_000_000),
  /** false: validate only; true: validate and, if every row is valid, write all (all or nothing). */
  commit: z.boolean(),
});
export const VillageImportResult = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  committed: z.boolean(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export const importVillages = endpoint({
  method: 'POST',
  path: '/api/v1/villages/import',
  summary: 'Import villages from CSV: validate, then commit all rows or none (a village already registered in its township is updated)',
  tags: ['commissioners'],
  body: VillageImportBody,
  response: VillageImportResult,
});
export const villageTemplate = endpoint({ method: 'GET', path: '/api/v1/villages/import-template.csv', summary: 'The CSV template for village import', tags: ['commissioners'], response: z.unknown(), download: true });

// ───────── commissioners ─────────

export const CommissionerBody = z
  .object({
    kind: z.enum(COMMISSIONER_KINDS),
    name: Text(100),
    members: z.array(Text(50)).max(50).default([]),
    expertise: z.array(Text(50)).min(1).max(20),
    homeUnit: Text(200),
    homeOrgId: Id.nullable().optional(),
    legalType: z.enum(LEGAL_TYPES),
    phone: z.string().trim().max(30).nullable().optional(),
    /** The account the commissioner signs in with (must hold the commissioner role). */
    userId: Id.nullable().optional(),
  })
  .refine((b) => b.kind === 'team' || b.members.length === 0, { message: 'only teams have members', path: ['members'] })
  .refine((b) => b.kind === 'individual' || b.members.length > 0, { message: 'a team needs members', path: ['members'] });
export const CommissionerPatch = z.object({
  name: Text(100).optional(),
  members: z.array(Text(50)).max(50).optional(),
  expertise: z.array(Text(50)).min(1).max(20).optional(),
  homeUnit: Text(200).optional(),
  legalType: z.enum(LEGAL_TYPES).optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  userId: Id.nullable().optional(),
  status: z.enum(['active', 'retired']).optional(),
});

export const AssignmentView = z.object({
  id: Id,
  commissioner: Ref,
  targetKind: z.enum(TARGET_KINDS),
  village: Ref.extend({ township: Ref }).nullable(),
  organisation: Ref.nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable(),
  status: z.enum(['active', 'cancelled']),
  /** Whether it is in force on the day asked about (today by default). */
  current: z.boolean(),
  note: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const CommissionerView = z.object({
  id: Id,
  kind: z.enum(COMMISSIONER_KINDS),
  name: z.string(),
  members: z.array(z.string()),
  expertise: z.array(z.string()),
  homeUnit: z.string(),
  homeOrgId: Id.nullable(),
  legalType: z.enum(LEGAL_TYPES),
  phone: z.string().nullable(),
  user: z.object({ id: Id, username: z.string(), displayName: z.string() }).nullable(),
  status: z.enum(['active', 'retired']),
  assignments: z.array(AssignmentView),
  createdAt: IsoDateTime,
});
export type CommissionerView = z.infer<typeof CommissionerView>;

export const listCommissioners = endpoint({
  method: 'GET',
  path: '/api/v1/commissioners',
  summary: 'Tech commissioners with their assignments',
  tags: ['commissioners'],
  query: PageQuery.extend({ q: z.string().trim().max(50).optional(), status: z.enum(['active', 'retired']).optional() }),
  response: pageOf(CommissionerView),
});
export const createCommissioner = endpoint({ method: 'POST', path: '/api/v1/commissioners', summary: 'Register a commissioner (person or team)', tags: ['commissioners'], body: CommissionerBody, response: CommissionerView });
export const getCommissioner = endpoint({ method: 'GET', path: '/api/v1/commissioners/:id', summary: 'A commissioner', tags: ['commissioners'], params: IdParams, response: CommissionerView });
export const updateCommissioner = endpoint({ method: 'PATCH', path: '/api/v1/commissioners/:id', summary: 'Change a commissioner', tags: ['commissioners'], params: IdParams, body: CommissionerPatch, response: CommissionerView });
export const myCommissioner = endpoint({ method: 'GET', path: '/api/v1/commissioners/me', summary: 'The signed-in commissioner’s profile and assignments', tags: ['commissioners'], response: CommissionerView });

// ───────── assignments ─────────

export const AssignmentBody = z
  .object({
    targetKind: z.enum(TARGET_KINDS),
    villageId: Id.optional(),
    organisationId: Id.optional(),
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((b) => (b.targetKind === 'village' ? !!b.villageId && !b.organisationId : !!b.organisationId && !b.villageId), {
    message: 'a village assignment names villageId; an enterprise or park one names organisationId',
    path: ['villageId'],
  })
  .refine((b) => !b.endsOn || b.endsOn >= b.startsOn, { message: 'ends on or after the start', path: ['endsOn'] });
export const assign = endpoint({
  method: 'POST',
  path: '/api/v1/commissioners/:id/assignments',
  summary: 'Send a commissioner to a village, an enterprise or a park for a period',
  tags: ['commissioners'],
  params: IdParams,
  body: AssignmentBody,
  response: AssignmentView,
});
export const endAssignment = endpoint({
  method: 'POST',
  path: '/api/v1/commissioner-assignments/:id/end',
  summary: 'End an assignment on a date (its last day)',
  tags: ['commissioners'],
  params: IdParams,
  body: z.object({ endsOn: IsoDate }),
  response: AssignmentView,
});
export const cancelAssignment = endpoint({
  method: 'POST',
  path: '/api/v1/commissioner-assignments/:id/cancel',
  summary: 'Cancel an assignment entered by mistake (it never counted)',
  tags: ['commissioners'],
  params: IdParams,
  body: z.object({ reason: Text(500) }),
  response: AssignmentView,
});

// ───────── service logs ─────────

export const ServiceLogBody = z
  .object({
    /** Generated by the client when the draft is made; a retry with the same key returns the first log. */
    idempotencyKey: Id,
    assignmentId: Id,
    category: z.enum(SERVICE_CATEGORIES),
    what: Text(4000),
    place: Text(200),
    beneficiaries: Text(1000),
    beneficiaryCount: z.number().int().min(0).max(100_000),
    minutes: z.number().int().min(1).max(24 * 60),
    servedAt: z.iso.datetime({ offset: true }),
    photoFileIds: z.array(Id).max(9).default([]),
  });
export const ServiceLogView = z.object({
  id: Id,
  commissioner: Ref,
  assignmentId: Id.nullable(),
  village: Ref.nullable(),
  organisation: Ref.nullable(),
  category: z.enum(SERVICE_CATEGORIES),
  what: z.string(),
  place: z.string(),
  beneficiaries: z.string(),
  beneficiaryCount: z.number().int(),
  minutes: z.number().int(),
  servedAt: IsoDateTime,
  photos: z.array(z.object({ id: Id, filename: z.string() })),
  createdAt: IsoDateTime,
  /** True when this call found the log already submitted with the same key. */
  replayed: z.boolean(),
});
export type ServiceLogView = z.infer<typeof ServiceLogView>;
export const logService = endpoint({ method: 'POST', path: '/api/v1/commissioner-service-logs', summary: 'Log a service (idempotent by the client’s key)', tags: ['commissioners'], body: ServiceLogBody, response: ServiceLogView });
export const listServiceLogs = endpoint({
  method: 'GET',
  path: '/api/v1/commissioner-service-logs',
  summary: 'Service logs: the caller’s own (commissioner) or all (bureau), newest first',
  tags: ['commissioners'],
  query: PageQuery.extend({ commissionerId: Id.optional(), villageId: Id.optional() }),
  response: pageOf(ServiceLogView),
});
export const servicePhoto = endpoint({
  method: 'GET',
  path: '/api/v1/commissioner-service-logs/:id/photos/:fileId',
  summary: 'A photo of a service log',
  tags: ['commissioners'],
  params: z.object({ id: Id, fileId: Id }),
  response: z.unknown(),
  download: true,
});

// ───────── coverage and statistics ─────────

export const CoverageVillage = z.object({
  id: Id,
  name: z.string(),
  povertyFlaggedYear: z.number().int().nullable(),
  povertyLiftedYear: z.number().int().nullable(),
  covered: z.boolean(),
  commissioners: z.array(Ref),
});
export const CoverageView = z.object({
  asOf: IsoDate,
  poorVillages: z.number().int(),
  covered: z.number().int(),
  /** Hundredths of a percent (10000 = 100%), as the plan indicator. */
  coverageBasisPoints: z.number().int(),
  townships: z.array(z.object({ id: Id, name: z.string(), poorVillages: z.number().int(), covered: z.number().int(), villages: z.array(CoverageVillage) })),
});
export type CoverageView = z.infer<typeof CoverageView>;
export const coverage = endpoint({
  method: 'GET',
  path: '/api/v1/commissioners/coverage',
  summary: 'Which poor villages have a commissioner in force on a date (today by default), by township',
  tags: ['commissioners'],
  query: z.object({ asOf: IsoDate.optional() }),
  response: CoverageView,
});
export const coverageExport = endpoint({
  method: 'GET',
  path: '/api/v1/commissioners/coverage/export.xlsx',
  summary: 'Coverage as XLSX',
  tags: ['commissioners'],
  query: z.object({ asOf: IsoDate.optional() }),
  response: z.unknown(),
  download: true,
});

const Stat = z.object({ logs: z.number().int(), minutes: z.number().int(), beneficiaries: z.number().int(), villages: z.number().int() });
export const StatisticsView = z.object({
  from: IsoDate,
  to: IsoDate,
  byCommissioner: z.array(Stat.extend({ commissioner: Ref })),
  byTownship: z.array(Stat.extend({ township: Ref })),
  byMonth: z.array(z.object({ month: z.string(), logs: z.number().int(), minutes: z.number().int() })),
});
export const statistics = endpoint({
  method: 'GET',
  path: '/api/v1/commissioners/statistics',
  summary: 'Services per commissioner, per township and per month in a date range (inclusive)',
  tags: ['commissioners'],
  query: z.object({ from: IsoDate, to: IsoDate }),
  response: StatisticsView,
});

// ───────── fees, equity, dividends ─────────

export const BenefitBody = z
  .object({
    kind: z.enum(BENEFIT_KINDS),
    organisationId: Id.nullable().optional(),
    enterpriseName: Text(200),
    amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    equityBasisPoints: z.number().int().min(1).max(10_000).nullable().optional(),
    receivedOn: IsoDate,
    note: z.string().trim().max(1000).optional(),
  })
  .refine((b) => (b.kind === 'equity') === (b.equityBasisPoints != null), { message: 'equity records (only) give the share', path: ['equityBasisPoints'] });
export const BenefitView = z.object({
  id: Id,
  commissioner: Ref,
  kind: z.enum(BENEFIT_KINDS),
  organisationId: Id.nullable(),
  enterpriseName: z.string(),
  amountFen: z.number().int(),
  equityBasisPoints: z.number().int().nullable(),
  receivedOn: IsoDate,
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const recordBenefit = endpoint({
  method: 'POST',
  path: '/api/v1/commissioners/:id/benefits',
  summary: 'Record a service fee, equity or dividend from an enterprise',
  tags: ['commissioners'],
  params: IdParams,
  body: BenefitBody,
  response: BenefitView,
});
export const listBenefits = endpoint({
  method: 'GET',
  path: '/api/v1/commissioners/:id/benefits',
  summary: 'A commissioner’s fees, equity and dividends, with totals by kind',
  tags: ['commissioners'],
  params: IdParams,
  response: z.object({ items: z.array(BenefitView), totals: z.object({ fee: z.number().int(), equity: z.number().int(), dividend: z.number().int() }) }),
});
