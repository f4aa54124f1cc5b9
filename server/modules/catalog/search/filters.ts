import { sql, type SQL } from 'drizzle-orm';
import type { AchievementFilter, DemandFilter } from '../../../../shared/contracts/catalog-public.js';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';

/**
 * Facet filters as SQL conditions over a listing table aliased `l`. Every
 * value is a bound parameter; the codes were already checked against the
 * taxonomies by the contract.
 */

export type FilterKey =
  | 'industrySection'
  | 'industryDivision'
  | 'pillarTag'
  | 'techField'
  | 'trl'
  | 'stage'
  | 'transferMode'
  | 'ipType'
  | 'price'
  | 'negotiable'
  | 'region'
  | 'cooperationMode'
  | 'budget'
  | 'deadline';

type AnyFilter = Partial<AchievementFilter & DemandFilter>;

/**
 * Code prefix of everything inside a GB/T 2260 region: a province (620000)
 * covers 62xxxx, a prefecture (620600) 6206xx, a county only itself.
 */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

const has = (array: string, value: string) => sql`l.${sql.raw(array)} @> ARRAY[${value}]::text[]`;

/** Conditions of `filter` for `kind`, leaving out `omit` (a facet counts under the other filters only). */
export function filterConditions(kind: ListingKind, f: AnyFilter, omit?: FilterKey): SQL[] {
  const out: SQL[] = [sql`l.status = 'published'`];
  const use = (key: FilterKey) => key !== omit;
  if (f.industrySection && use('industrySection')) out.push(sql`l.industry_section = ${f.industrySection}`);
  if (f.industryDivision && use('industryDivision')) out.push(sql`l.industry_division = ${f.industryDivision}`);
  if (f.pillarTag && use('pillarTag')) out.push(has('pillar_tags', f.pillarTag));
  if (f.region && use('region')) out.push(sql`l.region_code LIKE ${`${regionPrefix(f.region)}%`}`);
  if (f.techField && use('techField')) {
    out.push(f.techField.includes('.') ? sql`l.tech_field = ${f.techField}` : sql`(l.tech_field = ${f.techField} OR l.tech_field LIKE ${`${f.techField}.%`})`);
  }
  if (kind === 'achievement') {
    if (use('trl')) {
      if (f.trlMin !== undefined) out.push(sql`l.trl >= ${f.trlMin}`);
      if (f.trlMax !== undefined) out.push(sql`l.trl <= ${f.trlMax}`);
    }
    if (f.stage && use('stage')) out.push(sql`l.stage = ${f.stage}`);
    if (f.transferMode && use('transferMode')) out.push(has('transfer_modes', f.transferMode));
    if (f.ipType && use('ipType')) out.push(has('ip_types', f.ipType));
    if (use('price')) {
      if (f.priceMinFen !== undefined) out.push(sql`l.price_fen >= ${f.priceMinFen}`);
      if (f.priceMaxFen !== undefined) out.push(sql`l.price_fen <= ${f.priceMaxFen}`);
    }
    if (f.negotiable !== undefined && use('negotiable')) out.push(sql`l.price_negotiable = ${f.negotiable}`);
  } else {
    if (f.cooperationMode && use('cooperationMode')) out.push(has('cooperation_modes', f.cooperationMode));
    if (use('budget') && (f.budgetMinFen !== undefined || f.budgetMaxFen !== undefined)) {
      // Ranges overlap; a demand with no amount at all (面议 only) is in no range.
      out.push(sql`(l.budget_min_fen IS NOT NULL OR l.budget_max_fen IS NOT NULL)`);
      if (f.budgetMinFen !== undefined) out.push(sql`coalesce(l.budget_max_fen, l.budget_min_fen) >= ${f.budgetMinFen}`);
      if (f.budgetMaxFen !== undefined) out.push(sql`coalesce(l.budget_min_fen, l.budget_max_fen) <= ${f.budgetMaxFen}`);
    }
    if (f.deadlineAfter && use('deadline')) out.push(sql`l.deadline >= ${f.deadlineAfter}::date`);
  }
  return out;
}

/** Joins conditions with AND. */
export function and(conditions: SQL[]): SQL {
  return sql.join(conditions, sql` AND `);
}

/** Field problems the schema cannot see (a range whose ends are swapped). */
export function rangeProblems(f: AnyFilter): { path: string; zh: string; en: string }[] {
  const out: { path: string; zh: string; en: string }[] = [];
  const swapped = (a?: number, b?: number) => a !== undefined && b !== undefined && a > b;
  if (swapped(f.trlMin, f.trlMax)) out.push({ path: 'trlMax', zh: '最高成熟度不能低于最低成熟度。', en: 'trlMax is below trlMin.' });
  if (swapped(f.priceMinFen, f.priceMaxFen)) out.push({ path: 'priceMaxFen', zh: '最高价格不能低于最低价格。', en: 'priceMaxFen is below priceMinFen.' });
  if (swapped(f.budgetMinFen, f.budgetMaxFen)) out.push({ path: 'budgetMaxFen', zh: '最高预算不能低于最低预算。', en: 'budgetMaxFen is below budgetMinFen.' });
  return out;
}
