import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/**
 * The innovation-ecosystem registries (issue 7, tasks 4, 5, 6, 9, 11):
 * service institutions, brokers and transfer talent, maker spaces and
 * incubators, alliances, demonstration zones and bases.
 *
 * Every entry follows the catalog's review pattern: `status` is the entry's
 * review state (draft | submitted | returned | published | withdrawn); the
 * entry's own columns mirror its approved version once it has one, so the
 * public never sees an unreviewed change. Edits of a published entry live in
 * `registry_revisions` (pendingRevisionId) until the bureau approves them.
 */
const entryColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  /** The source's identifier for rows imported in bulk. */
  externalId: text().unique(),
  /** draft | submitted | returned | published | withdrawn */
  status: text().notNull().default('draft'),
  /** The revision being edited or under review, beyond the approved version. */
  pendingRevisionId: uuid(),
  publishedRevisionId: uuid(),
  /** Tokens from the jieba segmenter, weighted A name, B tags, C body, D other. */
  searchVector: tsvector(),
  searchDictionaryVersion: text(),
  publishedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// ───────────────────────────── Service institutions (task 6) ─────────────────────────────

/** Technology-transfer service institutions (技术转移服务机构); one per organisation. */
export const institutions = pgTable(
  'institutions',
  {
    ...entryColumns(),
    organisationId: uuid()
      .notNull()
      .unique()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** Directory name (defaults to the organisation's name). */
    name: text().notNull(),
    /** trading | evaluation | financing | consulting | legal | ip_agency | testing */
    types: text().array().notNull().default(sql`'{}'`),
    summary: text().notNull().default(''),
    address: text(),
    regionCode: text(),
    contactName: text(),
    contactPhone: text(),
    contactEmail: text(),
    website: text(),
    /** none | municipal | provincial | national (demonstration institution, 示范机构) */
    recognitionLevel: text().notNull().default('none'),
    certificateNo: text(),
    certificateFileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    recognisedOn: date(),
    validUntil: date(),
    /** When the last expiry warning was sent (so it is sent once per threshold). */
    expiryWarnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('institutions_public').on(t.status, t.publishedAt),
    index('institutions_search').using('gin', t.searchVector),
    index('institutions_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('institutions_types').using('gin', t.types),
    index().on(t.recognitionLevel, t.recognisedOn),
    index().on(t.validUntil),
  ],
);

/** The services an institution offers, with list prices (innovation vouchers reference these). */
export const institutionServices = pgTable(
  'institution_services',
  {
    id: uuid().primaryKey().defaultRandom(),
    institutionId: uuid()
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    /** Same list as institutions.types. */
    category: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    /** List price in fen; null = 面议 (negotiable). */
    priceFen: bigint({ mode: 'number' }),
    /** 次 / 件 / 项 / 小时 … */
    unit: text().notNull().default('项'),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.institutionId, t.active),
    index().on(t.category),
    check('institution_services_price', sql`${t.priceFen} IS NULL OR ${t.priceFen} >= 0`),
  ],
);

/** Staff of an institution; brokers are linked to their broker profile. */
export const institutionStaff = pgTable(
  'institution_staff',
  {
    id: uuid().primaryKey().defaultRandom(),
    institutionId: uuid()
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    brokerId: uuid().references(() => brokers.id, { onDelete: 'set null' }),
    name: text().notNull(),
    position: text(),
    phone: text(),
    joinedOn: date(),
    leftOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.institutionId), index().on(t.brokerId)],
);

/** Yearly performance; manual for now, from trading/contracts later (source). */
export const institutionPerformance = pgTable(
  'institution_performance',
  {
    id: uuid().primaryKey().defaultRandom(),
    institutionId: uuid()
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    dealsCount: integer().notNull().default(0),
    contractAmountFen: bigint({ mode: 'number' }).notNull().default(0),
    servedClients: integer().notNull().default(0),
    /** manual | trading */
    source: text().notNull().default('manual'),
    note: text(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.institutionId, t.year)],
);

/**
 * The bureau's weighted scoring scheme for demonstration institutions, one per
 * year (defaults: basics 10, deals 30, capacity 30, management and IT 20,
 * reputation 10; pass mark 60).
 */
export const institutionScoringSchemes = pgTable('institution_scoring_schemes', {
  year: smallint().primaryKey(),
  /** { basics, deals, capacity, management, reputation } → weight; weights sum to 100. */
  weights: jsonb().notNull(),
  passMark: real().notNull().default(60),
  updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The bureau's assessment of one institution for one year: each criterion 0–100. */
export const institutionAssessments = pgTable(
  'institution_assessments',
  {
    id: uuid().primaryKey().defaultRandom(),
    institutionId: uuid()
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    year: smallint().notNull(),
    /** { basics, deals, capacity, management, reputation } → 0–100 */
    scores: jsonb().notNull(),
    note: text(),
    assessedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    assessedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.institutionId, t.year)],
);

// ───────────────────────────── Brokers and transfer talent (task 11) ─────────────────────────────

/** Technology brokers (技术经纪人) and managers; one profile per user account. */
export const brokers = pgTable(
  'brokers',
  {
    ...entryColumns(),
    userId: uuid()
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Home unit, when the broker works for one. */
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    name: text().notNull(),
    /** junior (初级技术经纪人) | intermediate (中级技术经纪人) | senior (高级技术经理人) */
    grade: text().notNull().default('junior'),
    expertise: text().array().notNull().default(sql`'{}'`),
    bio: text().notNull().default(''),
    phone: text(),
    email: text(),
  },
  (t) => [
    index('brokers_public').on(t.status, t.publishedAt),
    index('brokers_search').using('gin', t.searchVector),
    index('brokers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index().on(t.organisationId),
  ],
);

export const brokerCertificates = pgTable(
  'broker_certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    brokerId: uuid()
      .notNull()
      .references(() => brokers.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    number: text(),
    issuer: text(),
    issuedOn: date(),
    validUntil: date(),
    fileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.brokerId)],
);

export const brokerTrainings = pgTable(
  'broker_trainings',
  {
    id: uuid().primaryKey().defaultRandom(),
    brokerId: uuid()
      .notNull()
      .references(() => brokers.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    /** Class hours (学时), may be fractional (e.g. 1.5). */
    hours: real().notNull(),
    takenOn: date().notNull(),
    issuer: text(),
    fileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.brokerId, t.takenOn), check('broker_trainings_hours', sql`${t.hours} > 0`)],
);

/** Recognition as provincial or municipal professional transfer talent (技术转移人才), recorded by the bureau. */
export const talentRecognitions = pgTable(
  'talent_recognitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    brokerId: uuid()
      .notNull()
      .references(() => brokers.id, { onDelete: 'cascade' }),
    /** provincial | municipal */
    level: text().notNull(),
    year: smallint().notNull(),
    documentNo: text(),
    fileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.brokerId, t.level), index().on(t.level, t.year)],
);

// ───────────────────────────── Maker spaces, incubators (task 9) ─────────────────────────────

/** 众创空间 / 孵化器 / 加速器 / 星创天地 */
export const spaces = pgTable(
  'spaces',
  {
    ...entryColumns(),
    /** The operating organisation (owner of the entry). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** maker_space | incubator | accelerator | star_space */
    kind: text().notNull(),
    /** none | municipal | provincial | national */
    level: text().notNull().default('none'),
    /** professional | general */
    specialisation: text().notNull().default('general'),
    field: text(),
    operatorName: text(),
    address: text(),
    regionCode: text(),
    /** Floor area in m². */
    areaSqm: real(),
    services: text().array().notNull().default(sql`'{}'`),
    summary: text().notNull().default(''),
    recognisedOn: date(),
    contactName: text(),
    contactPhone: text(),
  },
  (t) => [
    index('spaces_public').on(t.status, t.publishedAt),
    index('spaces_search').using('gin', t.searchVector),
    index('spaces_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index().on(t.organisationId),
    index().on(t.kind, t.level, t.recognisedOn),
  ],
);

/** Enterprises and teams incubated, with entry and graduation dates. */
export const spaceTenants = pgTable(
  'space_tenants',
  {
    id: uuid().primaryKey().defaultRandom(),
    spaceId: uuid()
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    /** enterprise | team */
    kind: text().notNull(),
    name: text().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    field: text(),
    enteredOn: date().notNull(),
    graduatedOn: date(),
    /** incubating | graduated | left */
    outcome: text().notNull().default('incubating'),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.spaceId, t.enteredOn),
    check('space_tenants_dates', sql`${t.graduatedOn} IS NULL OR ${t.graduatedOn} >= ${t.enteredOn}`),
  ],
);

// ───────────────────────────── Alliances (task 4) ─────────────────────────────

/** Industry technology innovation alliances (产业技术创新联盟); owned by the lead unit. */
export const alliances = pgTable(
  'alliances',
  {
    ...entryColumns(),
    /** The lead unit (牵头单位). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    field: text(),
    /** none | municipal | provincial | national */
    level: text().notNull().default('none'),
    foundedOn: date(),
    summary: text().notNull().default(''),
  },
  (t) => [
    index('alliances_public').on(t.status, t.publishedAt),
    index('alliances_search').using('gin', t.searchVector),
    index('alliances_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index().on(t.organisationId),
  ],
);

export const allianceMembers = pgTable(
  'alliance_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    allianceId: uuid()
      .notNull()
      .references(() => alliances.id, { onDelete: 'cascade' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    name: text().notNull(),
    /** lead | vice | member */
    role: text().notNull().default('member'),
    joinedOn: date(),
    leftOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.allianceId), index().on(t.organisationId)],
);

export const allianceProjects = pgTable(
  'alliance_projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    allianceId: uuid()
      .notNull()
      .references(() => alliances.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** planned | ongoing | completed | suspended */
    status: text().notNull().default('planned'),
    startedOn: date(),
    endedOn: date(),
    budgetFen: bigint({ mode: 'number' }),
    participants: text().array().notNull().default(sql`'{}'`),
    summary: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.allianceId, t.status)],
);

// ───────────────────────────── Demonstration zones and bases (task 5) ─────────────────────────────

export const demoZones = pgTable(
  'demo_zones',
  {
    ...entryColumns(),
    /** The unit responsible (a township, park committee or the bureau). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** zone (示范区) | base (基地) | park (园区) */
    kind: text().notNull().default('zone'),
    /** municipal | provincial | national */
    level: text().notNull(),
    /** cultivating | built | recognised */
    stage: text().notNull().default('cultivating'),
    field: text(),
    summary: text().notNull().default(''),
    cultivatingSince: date(),
    builtOn: date(),
    recognisedOn: date(),
    evidenceFileIds: uuid().array().notNull().default(sql`'{}'`),
  },
  (t) => [
    index('demo_zones_public').on(t.status, t.publishedAt),
    index('demo_zones_search').using('gin', t.searchVector),
    index('demo_zones_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index().on(t.organisationId),
    index().on(t.level, t.stage),
  ],
);

// ───────────────────────────── Innovation platforms (tasks 3, 10) ─────────────────────────────

/**
 * 创新平台: key labs, engineering and enterprise technology centres, new R&D
 * institutions, academician workstations, industrial (demonstration) bases;
 * owned by the host organisation (依托单位).
 */
export const platforms = pgTable(
  'platforms',
  {
    ...entryColumns(),
    /** The host organisation. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text().notNull(),
    /** key_lab | engineering_centre | enterprise_tech_centre | new_rd_institution | academician_workstation | industrial_base | other */
    platformType: text().notNull(),
    /** national | provincial | municipal | district */
    level: text().notNull(),
    /** Partner universities or institutes (产学研), free text. */
    partners: text().array().notNull().default(sql`'{}'`),
    /** Tech-field code (shared/taxonomies). */
    techField: text(),
    /** Pillar-industry code (shared/taxonomies). */
    pillarIndustry: text(),
    recognisedOn: date(),
    recognisedBy: text(),
    summary: text().notNull().default(''),
    /** Open to other enterprises and researchers (task 10). */
    openToOthers: boolean().notNull().default(false),
    sharedResources: text(),
  },
  (t) => [
    index('platforms_public').on(t.status, t.publishedAt),
    index('platforms_search').using('gin', t.searchVector),
    index('platforms_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index().on(t.organisationId),
    index().on(t.level, t.recognisedOn),
  ],
);

// ───────────────────────────── Review of every registry ─────────────────────────────

/**
 * Every version of a registry entry's reviewed content (kind + entryId; the
 * entry tables differ, so no foreign key). The history is never deleted.
 */
export const registryRevisions = pgTable(
  'registry_revisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** institution | broker | space | alliance | demo_zone | platform */
    kind: text().notNull(),
    entryId: uuid().notNull(),
    number: integer().notNull(),
    /** draft | submitted | returned | approved | superseded */
    status: text().notNull().default('draft'),
    content: jsonb().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Reasons given when returned. */
    reviewNote: text(),
  },
  (t) => [
    uniqueIndex('registry_revisions_entry_number').on(t.kind, t.entryId, t.number),
    index('registry_revisions_queue').on(t.status, t.submittedAt),
  ],
);
