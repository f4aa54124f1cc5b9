import { sql, type SQL } from 'drizzle-orm';
import type { MatchFilters, MatchKind } from '../../../shared/contracts/matching.js';
import { regionPrefix } from '../catalog/search/filters.js';
import type { DocFields, Facets, Filters, MatchDoc, TableSpec } from './engine/index.js';

/**
 * The catalog seen by the matching engine: a TableSpec per listing kind over
 * the catalog's own tables (the search library's weighted vectors, the
 * pg_trgm title index), the facets from their columns, and the hard filters
 * as SQL so that a filtered query gets a full candidate pool. Only published
 * records with a search vector are ever candidates: the vector is written by
 * the catalog's re-indexing job after the publication commits and cleared
 * when a record is withdrawn, closed or expires.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
// bigint columns come back from raw SQL as strings; amounts here are far below 2^53 fen.
const num = (v: unknown): number | undefined => (v === null || v === undefined || v === '' ? undefined : Number(v));
const iso = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : v ? new Date(String(v)).toISOString() : undefined);

/** What a published record must be to be matched at all. */
export const PUBLIC_CONDITION = sql`status = 'published' AND search_vector IS NOT NULL`;

const COMMON = ['external_id', 'title', 'organisation_id', 'industry_section', 'industry_division', 'tech_field', 'region_code', 'pillar_tags', 'published_at'] as const;
const ACHIEVEMENT_COLUMNS = [...COMMON, 'trl', 'stage', 'transfer_modes', 'price_fen', 'price_negotiable'] as const;
const DEMAND_COLUMNS = [...COMMON, 'cooperation_modes', 'budget_min_fen', 'budget_max_fen'] as const;

function commonFacets(row: Record<string, unknown>): Facets {
  const section = str(row.industry_section);
  return {
    industrySections: section ? [section] : undefined,
    industryDivision: str(row.industry_division),
    techField: str(row.tech_field),
    regionCode: str(row.region_code),
    publishedAt: iso(row.published_at),
  };
}

/** Facets of a candidate row (the table's columns mirror the published revision). */
export function rowFacets(kind: MatchKind, row: Record<string, unknown>): Facets {
  if (kind === 'achievement') {
    return {
      ...commonFacets(row),
      trl: num(row.trl),
      stage: str(row.stage),
      transferModes: strs(row.transfer_modes),
      priceFen: row.price_negotiable ? undefined : num(row.price_fen),
    };
  }
  const min = num(row.budget_min_fen);
  const max = num(row.budget_max_fen);
  return {
    ...commonFacets(row),
    cooperationModes: strs(row.cooperation_modes),
    budget: min === undefined && max === undefined ? undefined : { minFen: min, maxFen: max },
  };
}

/** Facets of a listing's content (a revision's JSON: the query side, published or still a draft). */
export function contentFacets(kind: MatchKind, c: Record<string, unknown>, publishedAt?: Date | null): Facets {
  const section = str(c.industrySection);
  const base: Facets = {
    industrySections: section ? [section] : undefined,
    industryDivision: str(c.industryDivision),
    techField: str(c.techField),
    regionCode: str(c.regionCode),
    publishedAt: publishedAt ? publishedAt.toISOString() : undefined,
  };
  if (kind === 'achievement') {
    const price = c.price as { kind?: string; amountFen?: number } | undefined;
    return {
      ...base,
      trl: typeof c.trl === 'number' ? c.trl : undefined,
      stage: str(c.stage),
      transferModes: strs(c.transferModes),
      priceFen: price?.kind === 'fixed' ? price.amountFen : undefined,
    };
  }
  const budget = c.budget as { minFen?: number; maxFen?: number } | undefined;
  return {
    ...base,
    cooperationModes: strs(c.cooperationModes),
    budget: budget && (budget.minFen !== undefined || budget.maxFen !== undefined) ? { minFen: budget.minFen, maxFen: budget.maxFen } : undefined,
  };
}

/** The text fields of a listing's content, weighted like the index (title, keywords, body, indicators). */
export function contentFields(kind: MatchKind, title: string, c: Record<string, unknown>): DocFields {
  if (kind === 'achievement') {
    return { title, keywords: strs(c.keywords), body: [str(c.summary), str(c.advantage)].filter(Boolean).join('\n'), indicators: str(c.applicationScenarios) ?? null };
  }
  return { title, keywords: strs(c.keywords), body: str(c.problem) ?? '', indicators: str(c.indicators) ?? null };
}

/** A listing (its content) as the query side of a match. */
export function listingDoc(kind: MatchKind, listing: { id: string; externalId: string | null; title: string; content: Record<string, unknown>; publishedAt?: Date | null }): MatchDoc {
  return {
    id: listing.id,
    externalId: listing.externalId,
    fields: contentFields(kind, listing.title, listing.content),
    facets: contentFacets(kind, listing.content, listing.publishedAt),
  };
}

/** The API's filters as the engine's (checked again in TypeScript after retrieval). */
export function engineFilters(f: MatchFilters | undefined, excludeIds?: readonly string[]): Filters {
  return {
    industrySections: f?.industrySections,
    techFields: f?.techFields,
    regionCodes: f?.regionCodes,
    transferModes: f?.transferModes,
    cooperationModes: f?.cooperationModes,
    minTrl: f?.minTrl,
    maxPriceFen: f?.maxPriceFen,
    excludeIds,
  };
}

const anyOf = (column: string, values: readonly string[]) => sql`${sql.identifier(column)} && ${sql.param([...values])}::text[]`;

/**
 * The filters as SQL over one listing table (unqualified columns, every value
 * bound). A filter that does not apply to the kind (transfer modes on
 * demands) matches nothing rather than being ignored: a filter never widens.
 */
export function filterSql(kind: MatchKind, f: MatchFilters | undefined): SQL[] {
  if (!f) return [];
  const out: SQL[] = [];
  if (f.industrySections) out.push(sql`industry_section = ANY(${sql.param(f.industrySections)}::text[])`);
  if (f.techFields) {
    const exact = f.techFields;
    const prefixes = f.techFields.map((t) => `${t}.%`);
    out.push(sql`(tech_field = ANY(${sql.param(exact)}::text[]) OR tech_field LIKE ANY(${sql.param(prefixes)}::text[]))`);
  }
  if (f.regionCodes) out.push(sql`region_code LIKE ANY(${sql.param(f.regionCodes.map((r) => `${regionPrefix(r)}%`))}::text[])`);
  if (f.pillarTags) out.push(anyOf('pillar_tags', f.pillarTags));
  if (kind === 'achievement') {
    if (f.transferModes) out.push(anyOf('transfer_modes', f.transferModes));
    if (f.minTrl !== undefined) out.push(sql`trl >= ${f.minTrl}`);
    if (f.maxPriceFen !== undefined) out.push(sql`(price_negotiable OR price_fen IS NULL OR price_fen <= ${f.maxPriceFen})`);
    if (f.cooperationModes) out.push(sql`FALSE`);
  } else {
    if (f.cooperationModes) out.push(anyOf('cooperation_modes', f.cooperationModes));
    if (f.transferModes || f.minTrl !== undefined || f.maxPriceFen !== undefined) out.push(sql`FALSE`);
  }
  return out;
}

/** The engine's table over a listing kind, with the request's filters pushed into SQL. */
export function tableSpec(kind: MatchKind, filters?: MatchFilters, extra: SQL[] = []): TableSpec {
  const where = sql.join([PUBLIC_CONDITION, ...filterSql(kind, filters), ...extra], sql` AND `);
  return {
    table: kind === 'achievement' ? 'achievements' : 'demands',
    titleColumn: 'title',
    columns: kind === 'achievement' ? ACHIEVEMENT_COLUMNS : DEMAND_COLUMNS,
    where,
    toDoc: (row) => ({ id: String(row.id), externalId: str(row.external_id) ?? null, fields: {}, facets: rowFacets(kind, row) }),
  };
}
