import { sql, type SQL } from 'drizzle-orm';
import type {
  AchievementFilter,
  AchievementList,
  AchievementListItem,
  DemandFilter,
  DemandList,
  DemandListItem,
  FacetBucket,
} from '../../../../shared/contracts/catalog-public.js';
import type { ListingKind } from '../../../../shared/contracts/catalog-content.js';
import type { Locale } from '../../../../shared/roles.js';
import { AppError } from '../../../core/errors.js';
import type { Db } from '../../../db/client.js';
import { snippet } from '../../search/index.js';
import { buckets, facetsOf } from './facets.js';
import { and, filterConditions, rangeProblems } from './filters.js';
import { planQuery, runQuery, type QueryPlan } from './query-plan.js';
import { tableOf } from './published.js';

type Filter = Partial<AchievementFilter & DemandFilter>;
type Page = { page: number; pageSize: number };

/** Columns of a list row (both kinds; the other kind's columns come back null). */
export type ListRow = {
  id: string;
  title: string;
  body: string;
  organisation_name: string;
  keywords: string[];
  industry_section: string | null;
  industry_division: string | null;
  tech_field: string | null;
  pillar_tags: string[];
  region_code: string | null;
  published_at: Date;
  updated_at: Date;
  trl?: number | null;
  stage?: string | null;
  transfer_modes?: string[];
  ip_types?: string[];
  price_fen?: string | number | null;
  price_negotiable?: boolean;
  cooperation_modes?: string[];
  budget_min_fen?: string | number | null;
  budget_max_fen?: string | number | null;
  budget_negotiable?: boolean;
  deadline?: string | null;
};

function columns(kind: ListingKind): SQL {
  const shared = sql`l.id, l.title, l.keywords, l.industry_section, l.industry_division, l.tech_field, l.pillar_tags, l.region_code,
    coalesce(l.published_at, l.updated_at) AS published_at, l.updated_at, o.name AS organisation_name`;
  return kind === 'achievement'
    ? sql`${shared}, l.summary AS body, l.trl, l.stage, l.transfer_modes, l.ip_types, l.price_fen, l.price_negotiable`
    : sql`${shared}, l.problem AS body, l.cooperation_modes, l.budget_min_fen, l.budget_max_fen, l.budget_negotiable, l.deadline::text AS deadline`;
}

function orderBy(kind: ListingKind, sort: Filter['sort'], plan: QueryPlan): SQL {
  const price = sql.raw(kind === 'achievement' ? 'l.price_fen' : 'coalesce(l.budget_max_fen, l.budget_min_fen)');
  // Plain DESC (nulls first; published rows always have a date) so the (status, published_at) index serves it backwards.
  const newest = sql`l.published_at DESC, l.id DESC`;
  const s = sort ?? (plan.score ? 'relevance' : 'newest');
  if (s === 'price_asc') return sql`${price} ASC NULLS LAST, ${newest}`;
  if (s === 'price_desc') return sql`${price} DESC NULLS LAST, ${newest}`;
  if (s === 'relevance' && plan.score) return sql`${plan.score} DESC, ${newest}`;
  return newest;
}

/** WHERE clause of the filters (minus one facet's) and the query plan. */
export function whereOf(kind: ListingKind, filter: Filter, plan: QueryPlan | null, omit?: Parameters<typeof filterConditions>[2]): SQL {
  const conditions = filterConditions(kind, filter, omit);
  if (plan?.where) conditions.push(plan.where);
  return and(conditions);
}

async function countWhere(db: Db, kind: ListingKind, where: SQL, plan: QueryPlan | null): Promise<number> {
  const q = sql`SELECT count(*) AS n FROM ${tableOf(kind)} l WHERE ${where}`;
  const rows = plan ? await runQuery<{ n: string }>(db, plan, q) : (await db.execute<{ n: string }>(q)).rows;
  return Number(rows[0]?.n ?? 0);
}

/** Checks the filter, then chooses the query plan under it (AND → OR → fuzzy). */
export async function prepareSearch(db: Db, kind: ListingKind, filter: Filter): Promise<QueryPlan> {
  const problems = rangeProblems(filter);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return planQuery(db, filter.q, (plan) => countWhere(db, kind, whereOf(kind, filter, plan), plan));
}

/** Rows of one page (or of an export batch), in the requested order. */
export async function selectRows(db: Db, kind: ListingKind, filter: Filter, plan: QueryPlan, limit: number, offset: number): Promise<ListRow[]> {
  return runQuery<ListRow>(
    db,
    plan,
    sql`SELECT ${columns(kind)} FROM ${tableOf(kind)} l JOIN organisations o ON o.id = l.organisation_id
        WHERE ${whereOf(kind, filter, plan)} ORDER BY ${orderBy(kind, filter.sort, plan)} LIMIT ${limit} OFFSET ${offset}`,
  );
}

/** Total rows matching the filter and the plan. */
export function countRows(db: Db, kind: ListingKind, filter: Filter, plan: QueryPlan): Promise<number> {
  return countWhere(db, kind, whereOf(kind, filter, plan), plan);
}

export async function facetCounts(db: Db, kind: ListingKind, filter: Filter, plan: QueryPlan, locale: Locale): Promise<Record<string, FacetBucket[]>> {
  const defs = facetsOf(kind);
  const results = await Promise.all(
    defs.map((def) =>
      runQuery<{ v: string | null; n: string }>(
        db,
        plan,
        sql`SELECT ${def.value} AS v, count(*) AS n FROM ${tableOf(kind)} l WHERE ${whereOf(kind, filter, plan, def.omit)} GROUP BY 1`,
      ),
    ),
  );
  return Object.fromEntries(defs.map((def, i) => [def.name, buckets(def, results[i]!, locale)]));
}

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

function presentCommon(r: ListRow, plan: QueryPlan) {
  return {
    id: r.id,
    title: r.title,
    titleHighlights: plan.tokens.length ? snippet(r.title, plan.tokens, { length: r.title.length + 10 }).highlights : [],
    snippet: snippet(r.body ?? '', plan.tokens, { length: 120 }),
    organisationName: r.organisation_name,
    keywords: r.keywords ?? [],
    industrySection: r.industry_section,
    industryDivision: r.industry_division,
    techField: r.tech_field,
    pillarTags: r.pillar_tags ?? [],
    regionCode: r.region_code,
    publishedAt: new Date(r.published_at).toISOString(),
  };
}

export function presentAchievementItem(r: ListRow, plan: QueryPlan): AchievementListItem {
  return {
    ...presentCommon(r, plan),
    trl: r.trl ?? null,
    stage: r.stage ?? null,
    transferModes: r.transfer_modes ?? [],
    ipTypes: r.ip_types ?? [],
    priceFen: num(r.price_fen),
    priceNegotiable: r.price_negotiable ?? false,
  };
}

export function presentDemandItem(r: ListRow, plan: QueryPlan): DemandListItem {
  return {
    ...presentCommon(r, plan),
    cooperationModes: r.cooperation_modes ?? [],
    budgetMinFen: num(r.budget_min_fen),
    budgetMaxFen: num(r.budget_max_fen),
    budgetNegotiable: r.budget_negotiable ?? false,
    deadline: r.deadline ?? null,
  };
}

/**
 * Counts of browsing without a query (the portal's landing lists, the same for
 * every visitor) are kept for a minute: without a query each facet scans every
 * published listing (≈1 s for all facets at 100 000 listings). A listing
 * published meanwhile shows in the rows at once and in the counts within
 * BROWSE_TTL_MS. Searches with a query are never cached.
 */
const BROWSE_TTL_MS = 60_000;
const BROWSE_MAX_ENTRIES = 500;
const browseCache = new Map<string, { at: number; value: Promise<{ total: number; facets: Record<string, FacetBucket[]> }> }>();

function browseCounts(db: Db, kind: ListingKind, filter: Filter, plan: QueryPlan, locale: Locale) {
  const compute = async () => {
    const [total, facets] = await Promise.all([countRows(db, kind, filter, plan), facetCounts(db, kind, filter, plan, locale)]);
    return { total, facets };
  };
  if (plan.mode !== 'none') return compute();
  const { sort: _sort, ...counted } = filter;
  const key = JSON.stringify([kind, locale, Object.entries(counted).sort()]);
  const hit = browseCache.get(key);
  if (hit && Date.now() - hit.at < BROWSE_TTL_MS) return hit.value;
  if (browseCache.size >= BROWSE_MAX_ENTRIES) browseCache.delete(browseCache.keys().next().value!);
  const value = compute();
  browseCache.set(key, { at: Date.now(), value });
  value.catch(() => browseCache.delete(key));
  return value;
}

/** Forgets cached browse counts (tests, and after bulk changes such as an import). */
export function clearBrowseCache(): void {
  browseCache.clear();
}

async function search(db: Db, kind: ListingKind, input: Filter & Page, locale: Locale) {
  const { page, pageSize, ...filter } = input;
  const plan = await prepareSearch(db, kind, filter);
  const [rows, counts] = await Promise.all([
    selectRows(db, kind, filter, plan, pageSize, (page - 1) * pageSize),
    browseCounts(db, kind, filter, plan, locale),
  ]);
  return { rows, total: counts.total, facets: counts.facets, plan, page, pageSize };
}

/** The public list of published achievements (see AchievementFilter). */
export async function searchAchievements(db: Db, input: AchievementFilter & Page, locale: Locale): Promise<AchievementList> {
  const r = await search(db, 'achievement', input, locale);
  return { items: r.rows.map((row) => presentAchievementItem(row, r.plan)), total: r.total, page: r.page, pageSize: r.pageSize, mode: r.plan.mode, facets: r.facets };
}

/** The public list of published demands (see DemandFilter). */
export async function searchDemands(db: Db, input: DemandFilter & Page, locale: Locale): Promise<DemandList> {
  const r = await search(db, 'demand', input, locale);
  return { items: r.rows.map((row) => presentDemandItem(row, r.plan)), total: r.total, page: r.page, pageSize: r.pageSize, mode: r.plan.mode, facets: r.facets };
}
