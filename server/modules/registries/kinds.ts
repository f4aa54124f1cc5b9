import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { CONTENT_SCHEMAS, KIND_PATH, type RegistryKind } from '../../../shared/contracts/registries.js';
import type { Ownership } from '../../core/access.js';
import type { WeightedText } from '../search/index.js';
import { pillarIndustry, techField } from '../../../shared/taxonomies/index.js';
import { alliances, brokers, demoZones, institutions, platforms, spaces } from './schema.js';

/**
 * What differs between the registries: the table, the reviewed content (its
 * keys are the table's columns the approved version is mirrored into), who
 * owns an entry, and the weighted texts of its search vector.
 */
export type EntryRow = {
  id: string;
  status: string;
  pendingRevisionId: string | null;
  publishedRevisionId: string | null;
  publishedAt: Date | null;
  organisationId: string | null;
  userId?: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  [column: string]: unknown;
};

export type KindDef = {
  kind: RegistryKind;
  /** Policy entity. */
  entity: string;
  table: PgTable & { id: PgColumn; status: PgColumn; name: PgColumn; organisationId: PgColumn };
  /** SQL table name (for raw queries). */
  sqlName: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** Content keys = mirrored columns. */
  keys: readonly string[];
  ownership: (row: EntryRow) => Ownership;
  /** Weighted search texts: A name, B tags, C summary, D the rest. */
  texts: (row: EntryRow, organisationName: string | null) => WeightedText;
  /** Facets for directory items. */
  facets: (row: Record<string, unknown>) => Record<string, unknown>;
  /** Columns (as SQL on alias `l`) returned for directory items. */
  facetColumns: SQL;
  /** The body text for snippets, as SQL on `l`. */
  bodyColumn: SQL;
  /** Directory filters of this kind. */
  filters: (f: { type?: string; level?: string; grade?: string; stage?: string; open?: 'true' | 'false' }) => SQL[];
  path: string;
};

const s = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const TYPE_ZH: Record<string, string> = {
  trading: '技术交易',
  evaluation: '评估评价',
  financing: '投融资',
  consulting: '咨询',
  legal: '法律服务',
  ip_agency: '知识产权代理',
  testing: '检验检测',
};
const SPACE_ZH: Record<string, string> = { maker_space: '众创空间', incubator: '孵化器', accelerator: '加速器', star_space: '星创天地' };
const GRADE_ZH: Record<string, string> = { junior: '初级技术经纪人', intermediate: '中级技术经纪人', senior: '高级技术经理人' };
const LEVEL_ZH: Record<string, string> = { national: '国家级', provincial: '省级', municipal: '市级', none: '' };
const PLATFORM_ZH: Record<string, string> = {
  key_lab: '重点实验室',
  engineering_centre: '工程技术研究中心',
  enterprise_tech_centre: '企业技术中心',
  new_rd_institution: '新型研发机构',
  academician_workstation: '院士专家工作站',
  industrial_base: '产业示范基地',
  other: '',
};
const PLATFORM_LEVEL_ZH: Record<string, string> = { ...LEVEL_ZH, district: '区级' };

function keysOf(schema: z.ZodType): string[] {
  // Object schemas wrapped in refinements keep their shape on the inner type.
  let t: unknown = schema;
  for (let i = 0; i < 5; i++) {
    const shape = (t as { shape?: Record<string, unknown> }).shape;
    if (shape) return Object.keys(shape);
    t = (t as { def?: { in?: unknown; innerType?: unknown; schema?: unknown } }).def?.in ?? (t as { def?: { innerType?: unknown } }).def?.innerType;
  }
  throw new Error('content schema without a shape');
}

const orgOwned = (row: EntryRow): Ownership => ({ organisationId: row.organisationId });

export const KINDS: Record<RegistryKind, KindDef> = {
  institution: {
    kind: 'institution',
    entity: 'institution',
    table: institutions as unknown as KindDef['table'],
    sqlName: 'institutions',
    schema: CONTENT_SCHEMAS.institution as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.institution),
    ownership: orgOwned,
    texts: (r, org) => ({
      A: r.name,
      B: [...arr(r.types).map((t) => TYPE_ZH[t] ?? t), LEVEL_ZH[String(r.recognitionLevel)] ? `${LEVEL_ZH[String(r.recognitionLevel)]}技术转移示范机构` : null],
      C: [s(r.summary)],
      D: [s(r.address), org],
    }),
    facets: (r) => ({ types: r.types ?? [], recognitionLevel: r.recognition_level, validUntil: r.valid_until ?? null, regionCode: r.region_code ?? null }),
    facetColumns: sql`l.types, l.recognition_level, l.valid_until::text AS valid_until, l.region_code`,
    bodyColumn: sql`l.summary`,
    filters: (f) => [...(f.type ? [sql`${f.type} = ANY(l.types)`] : []), ...(f.level ? [sql`l.recognition_level = ${f.level}`] : [])],
    path: KIND_PATH.institution,
  },
  broker: {
    kind: 'broker',
    entity: 'broker',
    table: brokers as unknown as KindDef['table'],
    sqlName: 'brokers',
    schema: CONTENT_SCHEMAS.broker as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.broker),
    ownership: (row) => ({ ownerId: row.userId ?? null, organisationId: null }),
    texts: (r, org) => ({ A: r.name, B: [...arr(r.expertise), GRADE_ZH[String(r.grade)] ?? null], C: [s(r.bio)], D: [org] }),
    facets: (r) => ({ grade: r.grade, expertise: r.expertise ?? [], talentLevels: r.talent_levels ?? [] }),
    facetColumns: sql`l.grade, l.expertise, (SELECT coalesce(array_agg(t.level ORDER BY t.level), '{}') FROM talent_recognitions t WHERE t.broker_id = l.id) AS talent_levels`,
    bodyColumn: sql`l.bio`,
    filters: (f) => [
      ...(f.grade ? [sql`l.grade = ${f.grade}`] : []),
      ...(f.level ? [sql`EXISTS (SELECT 1 FROM talent_recognitions t WHERE t.broker_id = l.id AND t.level = ${f.level})`] : []),
    ],
    path: KIND_PATH.broker,
  },
  space: {
    kind: 'space',
    entity: 'space',
    table: spaces as unknown as KindDef['table'],
    sqlName: 'spaces',
    schema: CONTENT_SCHEMAS.space as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.space),
    ownership: orgOwned,
    texts: (r, org) => ({
      A: r.name,
      B: [SPACE_ZH[String(r.kind)] ?? null, s(r.field), ...arr(r.services), LEVEL_ZH[String(r.level)] || null],
      C: [s(r.summary)],
      D: [s(r.operatorName), s(r.address), org],
    }),
    facets: (r) => ({ kind: r.kind, level: r.level, specialisation: r.specialisation, field: r.field ?? null, areaSqm: r.area_sqm ?? null }),
    facetColumns: sql`l.kind, l.level, l.specialisation, l.field, l.area_sqm`,
    bodyColumn: sql`l.summary`,
    filters: (f) => [...(f.type ? [sql`l.kind = ${f.type}`] : []), ...(f.level ? [sql`l.level = ${f.level}`] : [])],
    path: KIND_PATH.space,
  },
  alliance: {
    kind: 'alliance',
    entity: 'alliance',
    table: alliances as unknown as KindDef['table'],
    sqlName: 'alliances',
    schema: CONTENT_SCHEMAS.alliance as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.alliance),
    ownership: orgOwned,
    texts: (r, org) => ({ A: r.name, B: [s(r.field), LEVEL_ZH[String(r.level)] || null], C: [s(r.summary)], D: [org] }),
    facets: (r) => ({ field: r.field ?? null, level: r.level, members: Number(r.members ?? 0) }),
    facetColumns: sql`l.field, l.level, (SELECT count(*) FROM alliance_members m WHERE m.alliance_id = l.id AND m.left_on IS NULL) AS members`,
    bodyColumn: sql`l.summary`,
    filters: (f) => [...(f.level ? [sql`l.level = ${f.level}`] : [])],
    path: KIND_PATH.alliance,
  },
  demo_zone: {
    kind: 'demo_zone',
    entity: 'demo_zone',
    table: demoZones as unknown as KindDef['table'],
    sqlName: 'demo_zones',
    schema: CONTENT_SCHEMAS.demo_zone as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.demo_zone),
    ownership: orgOwned,
    texts: (r, org) => ({ A: r.name, B: [s(r.field), LEVEL_ZH[String(r.level)] || null], C: [s(r.summary)], D: [org] }),
    facets: (r) => ({ kind: r.kind, level: r.level, stage: r.stage, field: r.field ?? null }),
    facetColumns: sql`l.kind, l.level, l.stage, l.field`,
    bodyColumn: sql`l.summary`,
    filters: (f) => [
      ...(f.type ? [sql`l.kind = ${f.type}`] : []),
      ...(f.level ? [sql`l.level = ${f.level}`] : []),
      ...(f.stage ? [sql`l.stage = ${f.stage}`] : []),
    ],
    path: KIND_PATH.demo_zone,
  },
  platform: {
    kind: 'platform',
    entity: 'platform',
    table: platforms as unknown as KindDef['table'],
    sqlName: 'platforms',
    schema: CONTENT_SCHEMAS.platform as unknown as KindDef['schema'],
    keys: keysOf(CONTENT_SCHEMAS.platform),
    ownership: orgOwned,
    texts: (r, org) => ({
      A: r.name,
      B: [
        PLATFORM_ZH[String(r.platformType)] || null,
        PLATFORM_LEVEL_ZH[String(r.level)] || null,
        r.techField ? (techField(String(r.techField))?.name ?? null) : null,
        r.pillarIndustry ? (pillarIndustry(String(r.pillarIndustry))?.name ?? null) : null,
        r.openToOthers ? '开放共享' : null,
      ],
      C: [s(r.summary), ...arr(r.partners), s(r.sharedResources)],
      D: [s(r.recognisedBy), org],
    }),
    facets: (r) => ({
      platformType: r.platform_type,
      level: r.level,
      techField: r.tech_field ?? null,
      pillarIndustry: r.pillar_industry ?? null,
      openToOthers: r.open_to_others === true,
    }),
    facetColumns: sql`l.platform_type, l.level, l.tech_field, l.pillar_industry, l.open_to_others`,
    bodyColumn: sql`l.summary`,
    filters: (f) => [
      ...(f.type ? [sql`l.platform_type = ${f.type}`] : []),
      ...(f.level ? [sql`l.level = ${f.level}`] : []),
      ...(f.open ? [sql`l.open_to_others = ${f.open === 'true'}`] : []),
    ],
    path: KIND_PATH.platform,
  },
};

/** The approved (or draft) content of a row: its mirrored columns. Dates stay ISO strings. */
export function contentOf(def: KindDef, row: EntryRow): Record<string, unknown> {
  return Object.fromEntries(def.keys.map((k) => [k, row[k] ?? null]));
}

/** Columns to write when content becomes the row's visible version. */
export function columnsOf(def: KindDef, content: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(def.keys.map((k) => [k, content[k] ?? (Array.isArray(content[k]) ? [] : null)]));
}

export const idEq = (def: KindDef, id: string) => eq(def.table.id, id);
