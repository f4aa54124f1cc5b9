import { z } from 'zod';
import { PillarIndustryCode, TechFieldCode } from '../taxonomies/refs.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * The innovation-ecosystem registries (issue 7): service institutions (task 6),
 * brokers and transfer talent (task 11), maker spaces and incubators (task 9),
 * alliances (task 4), demonstration zones and bases (task 5), innovation
 * platforms (创新平台: key labs, engineering centres, R&D institutions; tasks 3
 * and 10). Each entry is
 * submitted by its owner and reviewed by the bureau; changes to a published
 * entry are reviewed too while the approved version stays public.
 * Workflow: docs/workflows/registries.md.
 */

export const REGISTRY_KINDS = ['institution', 'broker', 'space', 'alliance', 'demo_zone', 'platform'] as const;
export const RegistryKind = z.enum(REGISTRY_KINDS);
export type RegistryKind = z.infer<typeof RegistryKind>;
/** URL segment of each kind. */
export const KIND_PATH: Record<RegistryKind, string> = {
  institution: 'institutions',
  broker: 'brokers',
  space: 'spaces',
  alliance: 'alliances',
  demo_zone: 'demo-zones',
  platform: 'platforms',
};

export const ENTRY_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const;
export const EntryStatus = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatus>;
export const REVISION_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export const RevisionStatus = z.enum(REVISION_STATUSES);

export const INSTITUTION_TYPES = ['trading', 'evaluation', 'financing', 'consulting', 'legal', 'ip_agency', 'testing'] as const;
export const InstitutionType = z.enum(INSTITUTION_TYPES);
export const RECOGNITION_LEVELS = ['none', 'municipal', 'provincial', 'national'] as const;
export const RecognitionLevel = z.enum(RECOGNITION_LEVELS);
export const BROKER_GRADES = ['junior', 'intermediate', 'senior'] as const;
export const BrokerGrade = z.enum(BROKER_GRADES);
export const TALENT_LEVELS = ['provincial', 'municipal'] as const;
export const TalentLevel = z.enum(TALENT_LEVELS);
export const SPACE_KINDS = ['maker_space', 'incubator', 'accelerator', 'star_space'] as const;
export const SpaceKind = z.enum(SPACE_KINDS);
export const SPECIALISATIONS = ['professional', 'general'] as const;
export const Specialisation = z.enum(SPECIALISATIONS);
export const TENANT_KINDS = ['enterprise', 'team'] as const;
export const TENANT_OUTCOMES = ['incubating', 'graduated', 'left'] as const;
export const MEMBER_ROLES = ['lead', 'vice', 'member'] as const;
export const PROJECT_STATUSES = ['planned', 'ongoing', 'completed', 'suspended'] as const;
export const ZONE_KINDS = ['zone', 'base', 'park'] as const;
export const ZONE_LEVELS = ['municipal', 'provincial', 'national'] as const;
export const ZONE_STAGES = ['cultivating', 'built', 'recognised'] as const;
/** Innovation platform types: 重点实验室, 工程技术研究中心, 企业技术中心, 新型研发机构, 院士专家工作站, 产业（示范）基地, 其他. */
export const PLATFORM_TYPES = ['key_lab', 'engineering_centre', 'enterprise_tech_centre', 'new_rd_institution', 'academician_workstation', 'industrial_base', 'other'] as const;
export const PLATFORM_LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
/** Criteria of the demonstration-institution scoring scheme, with the default weights. */
export const SCORE_CRITERIA = ['basics', 'deals', 'capacity', 'management', 'reputation'] as const;
export const DEFAULT_WEIGHTS: Record<(typeof SCORE_CRITERIA)[number], number> = { basics: 10, deals: 30, capacity: 30, management: 20, reputation: 10 };
export const DEFAULT_PASS_MARK = 60;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Opt = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));
const IsoDate = z.iso.date();
const OptDate = IsoDate.nullish().transform((v) => v ?? null);
const Tags = z.array(Text(40)).max(20).default([]);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'phone number')
  .nullish()
  .transform((v) => v ?? null);
const Email = z.email().max(200).nullish().transform((v) => v ?? null);
/** GB/T 2260 region code (6 digits). */
const Region = z
  .string()
  .regex(/^\d{6}$/)
  .nullish()
  .transform((v) => v ?? null);

const after = (a: string | null, b: string | null) => !a || !b || b >= a;

// ───── content of each kind (what is reviewed) ─────

export const InstitutionContent = z
  .object({
    name: Text(120),
    types: z.array(InstitutionType).min(1).max(7),
    summary: z.string().trim().max(4000).default(''),
    address: Opt(200),
    regionCode: Region,
    contactName: Opt(60),
    contactPhone: Phone,
    contactEmail: Email,
    website: z.url().max(300).nullish().transform((v) => v ?? null),
    recognitionLevel: RecognitionLevel.default('none'),
    certificateNo: Opt(80),
    certificateFileId: Id.nullish().transform((v) => v ?? null),
    recognisedOn: OptDate,
    validUntil: OptDate,
  })
  .refine((c) => c.recognitionLevel === 'none' || (c.certificateNo && c.recognisedOn), {
    message: 'a recognised institution needs its certificate number and date',
    path: ['certificateNo'],
  })
  .refine((c) => after(c.recognisedOn, c.validUntil), { message: 'valid until must not be before the recognition date', path: ['validUntil'] });
export type InstitutionContent = z.infer<typeof InstitutionContent>;

export const BrokerContent = z.object({
  name: Text(60),
  grade: BrokerGrade,
  expertise: Tags,
  bio: z.string().trim().max(4000).default(''),
  phone: Phone,
  email: Email,
});
export type BrokerContent = z.infer<typeof BrokerContent>;

export const SpaceContent = z.object({
  name: Text(120),
  kind: SpaceKind,
  level: RecognitionLevel.default('none'),
  specialisation: Specialisation.default('general'),
  field: Opt(80),
  operatorName: Opt(120),
  address: Opt(200),
  regionCode: Region,
  areaSqm: z.number().positive().max(10_000_000).nullish().transform((v) => v ?? null),
  services: Tags,
  summary: z.string().trim().max(4000).default(''),
  recognisedOn: OptDate,
  contactName: Opt(60),
  contactPhone: Phone,
}).refine((c) => c.level === 'none' || c.recognisedOn, { message: 'a recognised space needs its recognition date', path: ['recognisedOn'] });
export type SpaceContent = z.infer<typeof SpaceContent>;

export const AllianceContent = z.object({
  name: Text(120),
  field: Opt(80),
  level: RecognitionLevel.default('none'),
  foundedOn: OptDate,
  summary: z.string().trim().max(4000).default(''),
});
export type AllianceContent = z.infer<typeof AllianceContent>;

export const DemoZoneContent = z
  .object({
    name: Text(120),
    kind: z.enum(ZONE_KINDS).default('zone'),
    level: z.enum(ZONE_LEVELS),
    stage: z.enum(ZONE_STAGES).default('cultivating'),
    field: Opt(80),
    summary: z.string().trim().max(4000).default(''),
    cultivatingSince: OptDate,
    builtOn: OptDate,
    recognisedOn: OptDate,
    evidenceFileIds: z.array(Id).max(20).default([]),
  })
  .refine((c) => c.stage !== 'built' || c.builtOn, { message: 'a built zone needs the date it was built', path: ['builtOn'] })
  .refine((c) => c.stage !== 'recognised' || c.recognisedOn, { message: 'a recognised zone needs its recognition date', path: ['recognisedOn'] })
  .refine((c) => after(c.cultivatingSince, c.builtOn) && after(c.builtOn, c.recognisedOn), {
    message: 'dates must follow cultivating → built → recognised',
    path: ['recognisedOn'],
  });
export type DemoZoneContent = z.infer<typeof DemoZoneContent>;

/**
 * An innovation platform (创新平台) hosted by the entry's organisation, built
 * with partner universities or institutes (产学研), recognised at a level by a
 * body. When open to others (task 10), what is shared must be said.
 */
export const PlatformContent = z
  .object({
    name: Text(120),
    platformType: z.enum(PLATFORM_TYPES),
    level: z.enum(PLATFORM_LEVELS),
    partners: z.array(Text(120)).max(30).default([]),
    /** Technology field code (shared/taxonomies tech fields, e.g. F04 or F04.05). */
    techField: TechFieldCode.nullish().transform((v) => v ?? null),
    /** Pillar-industry code of the district. */
    pillarIndustry: PillarIndustryCode.nullish().transform((v) => v ?? null),
    recognisedOn: OptDate,
    recognisedBy: Opt(120),
    summary: z.string().trim().max(4000).default(''),
    openToOthers: z.boolean().default(false),
    sharedResources: Opt(2000),
  })
  .refine((c) => !c.openToOthers || c.sharedResources, { message: 'say what is shared with others', path: ['sharedResources'] })
  .refine((c) => !c.recognisedOn || c.recognisedBy, { message: 'a recognised platform needs the recognising body', path: ['recognisedBy'] });
export type PlatformContent = z.infer<typeof PlatformContent>;

export const CONTENT_SCHEMAS = {
  institution: InstitutionContent,
  broker: BrokerContent,
  space: SpaceContent,
  alliance: AllianceContent,
  demo_zone: DemoZoneContent,
  platform: PlatformContent,
} as const;

// ───── views ─────

export const RevisionView = z.object({
  id: Id,
  number: z.number().int(),
  status: RevisionStatus,
  content: z.record(z.string(), z.unknown()),
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  reviewNote: z.string().nullable(),
  createdAt: IsoDateTime,
});

const Ref = z.object({ id: Id, name: z.string() });

export const EntryView = z.object({
  id: Id,
  kind: RegistryKind,
  status: EntryStatus,
  organisation: Ref.nullable(),
  /** The public (approved) content; for an entry not yet published, its latest draft. */
  content: z.record(z.string(), z.unknown()),
  publishedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  /** The change being edited or reviewed, shown to the owner and the bureau only. */
  pending: RevisionView.nullable(),
  /** Every revision, newest first (owner and bureau only). */
  history: z.array(RevisionView),
  /** Kind-specific records (services, staff, tenants, members, projects, certificates, …). */
  details: z.record(z.string(), z.unknown()),
  /** edit, submit, withdraw, approve, return: what the caller may do now. */
  actions: z.array(z.string()),
});
export type EntryView = z.infer<typeof EntryView>;

export const DirectoryItem = z.object({
  id: Id,
  kind: RegistryKind,
  name: z.string(),
  nameHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  snippet: z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) }),
  organisationName: z.string().nullable(),
  /** Kind-specific facets: types, level, grade, stage, … */
  facets: z.record(z.string(), z.unknown()),
  publishedAt: IsoDateTime,
});
export type DirectoryItem = z.infer<typeof DirectoryItem>;

export const DirectoryQuery = PageQuery.extend({
  q: z.string().max(200).optional(),
  /** institution type, space kind, zone kind */
  type: z.string().max(40).optional(),
  /** recognition level, zone level, talent level */
  level: z.string().max(40).optional(),
  /** broker grade */
  grade: BrokerGrade.optional(),
  /** zone stage */
  stage: z.enum(ZONE_STAGES).optional(),
  /** platform: only those open to enterprises (true) or only closed ones (false) */
  open: z.enum(['true', 'false']).optional(),
});
export const DirectoryPage = pageOf(DirectoryItem).extend({
  mode: z.enum(['none', 'and', 'or', 'fuzzy']),
  /** True when there are more matches than `total` (the count stops at 10,000: show "10,000+"). */
  totalCapped: z.boolean(),
});

export const ConsoleItem = z.object({
  id: Id,
  kind: RegistryKind,
  name: z.string(),
  status: EntryStatus,
  organisation: Ref.nullable(),
  /** Status of the pending change (if any). */
  pendingStatus: RevisionStatus.nullable(),
  submittedAt: IsoDateTime.nullable(),
  reviewNote: z.string().nullable(),
  updatedAt: IsoDateTime,
});
export const ConsoleQuery = PageQuery.extend({
  /** mine: the caller's own entries; review: the bureau's queue of submitted entries and changes; all: every entry (bureau). */
  scope: z.enum(['mine', 'review', 'all']).default('mine'),
  status: EntryStatus.optional(),
  q: z.string().max(200).optional(),
});

export const CreateEntryBody = z.object({
  /** The owning organisation; only the bureau may name another than its own. */
  organisationId: Id.optional(),
  content: z.record(z.string(), z.unknown()),
});
export const SaveEntryBody = z.object({ content: z.record(z.string(), z.unknown()) });
export const ReturnBody = z.object({ reason: Text(2000) });
export const WithdrawBody = z.object({ reason: Opt(2000) });

// ───── kind-specific records ─────

export const ServiceBody = z.object({
  category: InstitutionType,
  name: Text(120),
  description: z.string().trim().max(2000).default(''),
  /** List price in fen; null = 面议. */
  priceFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  unit: Text(20).default('项'),
  active: z.boolean().default(true),
});
export const StaffBody = z.object({
  name: Text(60),
  position: Opt(60),
  phone: Phone,
  /** Links the person to their broker profile. */
  brokerId: Id.nullish().transform((v) => v ?? null),
  joinedOn: OptDate,
  leftOn: OptDate,
});
export const PerformanceBody = z.object({
  dealsCount: z.number().int().min(0).max(1_000_000),
  contractAmountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  servedClients: z.number().int().min(0).max(1_000_000).default(0),
  note: Opt(2000),
});
export const YearParams = z.object({ id: Id, year: z.coerce.number().int().min(2000).max(2100) });
export const ScoringYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const Weights = z.object(Object.fromEntries(SCORE_CRITERIA.map((c) => [c, z.number().min(0).max(100)])) as Record<(typeof SCORE_CRITERIA)[number], z.ZodNumber>);
export const SchemeBody = z
  .object({ weights: Weights, passMark: z.number().min(0).max(100) })
  .refine((b) => Math.abs(Object.values(b.weights).reduce((a, v) => a + v, 0) - 100) < 1e-9, { message: 'weights must sum to 100', path: ['weights'] });
export const AssessmentBody = z.object({ scores: Weights, note: Opt(2000) });
export const ScoringView = z.object({
  year: z.number().int(),
  weights: Weights,
  passMark: z.number(),
  /** True when the bureau has not set a scheme for the year (defaults apply). */
  isDefault: z.boolean(),
  rows: z.array(
    z.object({
      institution: Ref,
      recognitionLevel: RecognitionLevel,
      scores: Weights.nullable(),
      /** Weighted total 0–100, null when not assessed. */
      total: z.number().nullable(),
      belowStandard: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
});

export const CertificateBody = z.object({
  name: Text(120),
  number: Opt(80),
  issuer: Opt(120),
  issuedOn: OptDate,
  validUntil: OptDate,
  fileId: Id.nullish().transform((v) => v ?? null),
});
export const TrainingBody = z.object({
  course: Text(200),
  hours: z.number().positive().max(10_000),
  takenOn: IsoDate,
  issuer: Opt(120),
  fileId: Id.nullish().transform((v) => v ?? null),
});
export const RecognitionBody = z.object({
  level: TalentLevel,
  year: z.number().int().min(2000).max(2100),
  documentNo: Opt(120),
  fileId: Id.nullish().transform((v) => v ?? null),
});
export const TenantBody = z
  .object({
    kind: z.enum(TENANT_KINDS),
    name: Text(120),
    organisationId: Id.nullish().transform((v) => v ?? null),
    field: Opt(80),
    enteredOn: IsoDate,
    graduatedOn: OptDate,
    outcome: z.enum(TENANT_OUTCOMES).default('incubating'),
    note: Opt(2000),
  })
  .refine((t) => after(t.enteredOn, t.graduatedOn), { message: 'graduation must not be before entry', path: ['graduatedOn'] })
  .refine((t) => t.outcome !== 'graduated' || t.graduatedOn, { message: 'a graduated tenant needs its graduation date', path: ['graduatedOn'] });
export const MemberBody = z.object({
  organisationId: Id.nullish().transform((v) => v ?? null),
  name: Text(120),
  role: z.enum(MEMBER_ROLES).default('member'),
  joinedOn: OptDate,
  leftOn: OptDate,
});
export const ProjectBody = z
  .object({
    title: Text(200),
    status: z.enum(PROJECT_STATUSES).default('planned'),
    startedOn: OptDate,
    endedOn: OptDate,
    budgetFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish().transform((v) => v ?? null),
    participants: Tags,
    summary: z.string().trim().max(4000).default(''),
  })
  .refine((p) => after(p.startedOn, p.endedOn), { message: 'the end must not be before the start', path: ['endedOn'] });

export const SubParams = z.object({ id: Id, subId: Id });

/** A broker account the bureau may assign to a matchmaking case. */
export const AssignableBroker = z.object({
  userId: Id,
  displayName: z.string(),
  organisationName: z.string().nullable(),
  brokerId: Id.nullable(),
  grade: BrokerGrade.nullable(),
  expertise: z.array(z.string()),
  /** Open matchmaking cases the broker holds now. */
  openCases: z.number().int(),
});
export const AssignableQuery = z.object({ q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ImportResult = z.object({
  created: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

// ───── endpoints (one set per kind) ─────

function kindEndpoints(kind: RegistryKind) {
  const base = `/api/v1/${KIND_PATH[kind]}`;
  const tags = ['registries'];
  return {
    directory: endpoint({ method: 'GET', path: base, summary: `Public directory of ${kind} entries with Chinese search`, tags, query: DirectoryQuery, response: DirectoryPage }),
    console: endpoint({ method: 'GET', path: `${base}/console`, summary: `Console list of ${kind} entries (own, review queue, all)`, tags, query: ConsoleQuery, response: pageOf(ConsoleItem) }),
    get: endpoint({ method: 'GET', path: `${base}/:id`, summary: `One ${kind} entry (published to all; pending changes to owner and bureau)`, tags, params: IdParams, response: EntryView }),
    create: endpoint({ method: 'POST', path: base, summary: `Register a ${kind} entry (draft)`, tags, body: CreateEntryBody, response: EntryView }),
    save: endpoint({ method: 'PUT', path: `${base}/:id`, summary: `Save the ${kind} entry's draft or change`, tags, params: IdParams, body: SaveEntryBody, response: EntryView }),
    submit: endpoint({ method: 'POST', path: `${base}/:id/submit`, summary: 'Submit the draft or change for review', tags, params: IdParams, response: EntryView }),
    approve: endpoint({ method: 'POST', path: `${base}/:id/approve`, summary: 'Approve the submitted version (it becomes public)', tags, params: IdParams, response: EntryView }),
    reject: endpoint({ method: 'POST', path: `${base}/:id/return`, summary: 'Return the submitted version with reasons', tags, params: IdParams, body: ReturnBody, response: EntryView }),
    withdraw: endpoint({ method: 'POST', path: `${base}/:id/withdraw`, summary: 'Withdraw a published entry from the directory', tags, params: IdParams, body: WithdrawBody, response: EntryView }),
    exportXlsx: endpoint({ method: 'GET', path: `${base}/export`, summary: `XLSX export of ${kind} entries`, tags, query: z.object({ status: EntryStatus.optional() }), response: z.unknown(), download: true }),
    importFile: endpoint({ method: 'POST', path: `${base}/import`, summary: `Import ${kind} entries from XLSX or CSV (a file uploaded with purpose "import"); rows become drafts of the named organisations`, tags, body: z.object({ fileId: Id, submit: z.boolean().default(false) }), response: ImportResult }),
  };
}

export const institutions = kindEndpoints('institution');
export const brokers = kindEndpoints('broker');
export const spaces = kindEndpoints('space');
export const alliances = kindEndpoints('alliance');
export const demoZones = kindEndpoints('demo_zone');
export const platforms = kindEndpoints('platform');
export const KIND_ENDPOINTS = { institution: institutions, broker: brokers, space: spaces, alliance: alliances, demo_zone: demoZones, platform: platforms } as const;

const sub = <B extends z.ZodType, P extends z.ZodType>(method: 'POST' | 'PUT', path: string, summary: string, body: B, params: P) =>
  endpoint({ method, path, summary, tags: ['registries'], params, body, response: EntryView });
const del = (path: string, summary: string) => endpoint({ method: 'DELETE', path, summary, tags: ['registries'], params: SubParams, response: EntryView });

export const addService = sub('POST', '/api/v1/institutions/:id/services', 'Add a service with its list price', ServiceBody, IdParams);
export const updateService = sub('PUT', '/api/v1/institutions/:id/services/:subId', 'Change a service (price, active)', ServiceBody, SubParams);
export const addStaff = sub('POST', '/api/v1/institutions/:id/staff', 'Add a staff member (optionally linked to a broker profile)', StaffBody, IdParams);
export const removeStaff = del('/api/v1/institutions/:id/staff/:subId', 'Remove a staff member');
export const setPerformance = sub('PUT', '/api/v1/institutions/:id/performance/:year', 'Record the yearly performance', PerformanceBody, YearParams);
export const setAssessment = sub('PUT', '/api/v1/institutions/:id/assessments/:year', 'The bureau scores a demonstration institution for a year', AssessmentBody, YearParams);
export const getScoring = endpoint({ method: 'GET', path: '/api/v1/institution-scoring/:year', summary: 'Scoring scheme and results of a year, with the below-standard list', tags: ['registries'], params: ScoringYearParams, response: ScoringView });
export const exportScoring = endpoint({
  method: 'GET',
  path: '/api/v1/institution-scoring/:year/export.xlsx',
  summary: 'The year\'s scores, weighted totals and ranking as XLSX (Chinese headers)',
  tags: ['registries'],
  params: ScoringYearParams,
  response: z.unknown(),
  download: true,
});
export const setScoring = endpoint({ method: 'PUT', path: '/api/v1/institution-scoring/:year', summary: 'Set the weights and pass mark of a year', tags: ['registries'], params: ScoringYearParams, body: SchemeBody, response: ScoringView });

export const addCertificate = sub('POST', '/api/v1/brokers/:id/certificates', 'Add a certificate', CertificateBody, IdParams);
export const removeCertificate = del('/api/v1/brokers/:id/certificates/:subId', 'Remove a certificate');
export const addTraining = sub('POST', '/api/v1/brokers/:id/trainings', 'Add a training record', TrainingBody, IdParams);
export const removeTraining = del('/api/v1/brokers/:id/trainings/:subId', 'Remove a training record');
export const addRecognition = sub('POST', '/api/v1/brokers/:id/recognitions', 'The bureau records recognition as provincial or municipal transfer talent', RecognitionBody, IdParams);
export const removeRecognition = del('/api/v1/brokers/:id/recognitions/:subId', 'Remove a recognition recorded in error');
export const assignableBrokers = endpoint({
  method: 'GET',
  path: '/api/v1/broker-accounts',
  summary: 'Active broker accounts the bureau may assign to a case, with search and current workload',
  tags: ['registries'],
  query: AssignableQuery,
  response: z.object({ items: z.array(AssignableBroker) }),
});

export const addTenant = sub('POST', '/api/v1/spaces/:id/tenants', 'Add an incubated enterprise or team', TenantBody, IdParams);
export const updateTenant = sub('PUT', '/api/v1/spaces/:id/tenants/:subId', 'Change a tenant (graduation, leaving)', TenantBody, SubParams);
export const removeTenant = del('/api/v1/spaces/:id/tenants/:subId', 'Remove a tenant entered in error (one that left is updated with outcome "left")');
export const addMember = sub('POST', '/api/v1/alliances/:id/members', 'Add a member unit', MemberBody, IdParams);
export const removeMember = del('/api/v1/alliances/:id/members/:subId', 'Remove a member unit');
export const addProject = sub('POST', '/api/v1/alliances/:id/projects', 'Add a joint project', ProjectBody, IdParams);
export const updateProject = sub('PUT', '/api/v1/alliances/:id/projects/:subId', 'Change a joint project (status, dates)', ProjectBody, SubParams);
export const removeProject = del('/api/v1/alliances/:id/projects/:subId', 'Remove a joint project entered in error');
