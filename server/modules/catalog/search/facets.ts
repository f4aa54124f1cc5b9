import { sql, type SQL } from 'drizzle-orm';
import type { FacetBucket } from '../../../../shared/contracts/catalog-public.js';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import type { Locale } from '../../../../shared/roles.js';
import { enumLabel, industryDivision, industrySection, pillarIndustry, region, techField, type EnumKind } from '../../../../shared/taxonomies/index.js';
import type { FilterKey } from './filters.js';

/**
 * The facets of each list: what a bucket's value is (a column, an array
 * unnested, or the top-level tech field) and how it is labelled. Each facet is
 * counted under every filter but its own, so choosing 风光电装备制造 still shows
 * how many listings the other pillar tags have.
 */
export type FacetDef = {
  name: string;
  /** The filter this facet leaves out when counting. */
  omit: FilterKey;
  /** Bucket value over `l`; arrays are unnested. */
  value: SQL;
  label: (code: string, locale: Locale) => string;
  /** Buckets are merged in TypeScript (regions roll counties up to their prefecture). */
  rollUp?: (code: string) => string;
  order?: 'count' | 'code';
};

const pick = (locale: Locale, x: { name: string; nameEn: string } | undefined, code: string) => (x ? (locale === 'en' ? x.nameEn : x.name) : code);
const enumOf = (kind: EnumKind) => (code: string, locale: Locale) => enumLabel(kind, code, locale);

/** A county counts under its prefecture; prefectures and provinces under themselves. */
function regionBucket(code: string): string {
  const r = region(code);
  return r?.level === 'county' && r.parent ? r.parent : code;
}

const common: FacetDef[] = [
  { name: 'industrySection', omit: 'industrySection', value: sql`l.industry_section`, label: (c, l) => pick(l, industrySection(c), c), order: 'code' },
  { name: 'pillarTag', omit: 'pillarTag', value: sql`unnest(l.pillar_tags)`, label: (c, l) => pick(l, pillarIndustry(c), c) },
  { name: 'region', omit: 'region', value: sql`l.region_code`, label: (c, l) => pick(l, region(c), c), rollUp: regionBucket },
];

export const ACHIEVEMENT_FACETS: FacetDef[] = [
  ...common,
  { name: 'industryDivision', omit: 'industryDivision', value: sql`l.industry_division`, label: (c, l) => pick(l, industryDivision(c), c) },
  { name: 'techField', omit: 'techField', value: sql`split_part(l.tech_field, '.', 1)`, label: (c, l) => pick(l, techField(c), c), order: 'code' },
  { name: 'trl', omit: 'trl', value: sql`l.trl::text`, label: enumOf('technologyReadinessLevel'), order: 'code' },
  { name: 'stage', omit: 'stage', value: sql`l.stage`, label: enumOf('achievementStage') },
  { name: 'transferMode', omit: 'transferMode', value: sql`unnest(l.transfer_modes)`, label: enumOf('transferMode') },
  { name: 'ipType', omit: 'ipType', value: sql`unnest(l.ip_types)`, label: enumOf('ipType') },
  {
    name: 'negotiable',
    omit: 'negotiable',
    value: sql`l.price_negotiable::text`,
    label: (c, l) => (c === 'true' ? (l === 'en' ? 'Negotiable' : '面议') : l === 'en' ? 'Fixed price' : '定价'),
  },
];

export const DEMAND_FACETS: FacetDef[] = [
  ...common,
  { name: 'cooperationMode', omit: 'cooperationMode', value: sql`unnest(l.cooperation_modes)`, label: enumOf('cooperationMode') },
];

export function facetsOf(kind: ListingKind): FacetDef[] {
  return kind === 'achievement' ? ACHIEVEMENT_FACETS : DEMAND_FACETS;
}

/** Buckets from `(value, count)` rows: rolled up, labelled, most frequent first (or by code). */
export function buckets(def: FacetDef, rows: readonly { v: string | null; n: string | number }[], locale: Locale): FacetBucket[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.v === null || r.v === '') continue;
    const key = def.rollUp ? def.rollUp(r.v) : r.v;
    counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
  }
  const out = [...counts].map(([value, count]) => ({ value, label: def.label(value, locale), count }));
  return def.order === 'code'
    ? out.sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }))
    : out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
