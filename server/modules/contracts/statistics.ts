import { sql } from 'drizzle-orm';
import { CONTRACT_TYPE_LABELS, type Statistics, type StatGroup, SUB_TYPE_LABELS } from '../../../shared/contracts/contracts.js';
import type { Locale } from '../../../shared/roles.js';
import { industrySection, region, techField } from '../../../shared/taxonomies/index.js';
import type { DbOrTx } from '../../db/client.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtToday } from '../projects/due-dates.js';

/**
 * Statistics of registered technology contracts. Every approved registration
 * contributes its counted deltas (schema.ts) on its registration date in the
 * district's time zone: an original counts once with its amounts, an
 * amendment adds the change, a termination takes off the unperformed part.
 * One query with GROUPING SETS computes every breakdown in one scan of the
 * partial index `tech_contracts_stats`.
 */

export const FLOW_LABELS: Record<string, { zh: string; en: string }> = {
  within: { zh: '区内交易', en: 'Within the district' },
  outflow: { zh: '技术输出（卖方在区内）', en: 'Outflow (seller in the district)' },
  inflow: { zh: '技术吸纳（买方在区内）', en: 'Inflow (buyer in the district)' },
  elsewhere: { zh: '双方均在区外', en: 'Both parties outside' },
};

type Dim = 'year' | 'quarter' | 'month' | 'type' | 'sub' | 'field' | 'industry' | 'flow' | 'seller' | 'buyer';
const DIMS: Dim[] = ['year', 'quarter', 'month', 'type', 'sub', 'field', 'industry', 'flow', 'seller', 'buyer'];

type Row = { g: string; dim: Dim | null; key: string | null; contracts: string; contract_fen: string; tech_fen: string };

/** [from, to) as district dates → the instants bounding them. */
function bounds(from: string, to: string): [string, string] {
  return [`${from}T00:00:00+08:00`, `${to}T00:00:00+08:00`];
}

export function defaultRange(now: Date, year?: number): { from: string; to: string } {
  const y = year ?? Number(districtToday(now).slice(0, 4));
  return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
}

function label(dim: Dim, key: string, locale: Locale): string {
  const en = locale === 'en';
  const pick = (l: { zh: string; en: string } | undefined) => (l ? (en ? l.en : l.zh) : key);
  switch (dim) {
    case 'type':
      return pick(CONTRACT_TYPE_LABELS[key as keyof typeof CONTRACT_TYPE_LABELS]);
    case 'sub':
      return pick(SUB_TYPE_LABELS[key]);
    case 'flow':
      return pick(FLOW_LABELS[key]);
    case 'field': {
      const f = techField(key);
      return f ? (en ? f.nameEn : f.name) : key;
    }
    case 'industry': {
      if (key === '') return en ? 'Not given' : '未填写';
      const s = industrySection(key);
      return s ? `${key} ${en ? s.nameEn : s.name}` : key;
    }
    case 'seller':
    case 'buyer': {
      if (key === '') return en ? 'Abroad' : '境外';
      const r = region(key);
      return r ? `${r.name}（${key}）` : key;
    }
    default:
      return key;
  }
}

/**
 * The statistics summed directly over the approved rows (one GROUPING SETS
 * statement). `computeStatistics` reads the monthly summary instead; this is
 * the reference the tests compare it with, and what `verifyStatsSummary` uses.
 */
export async function statisticsFromRows(db: DbOrTx, q: { from?: string; to?: string; year?: number }, now: Date, locale: Locale): Promise<Statistics> {
  const range = q.from && q.to ? { from: q.from, to: q.to } : defaultRange(now, q.year);
  const [fromTs, toTs] = bounds(range.from, range.to);
  const district = loadDistrict().district.regionCode;
  const r = await db.execute<Row>(sql`
    WITH c AS (
      SELECT (registered_at AT TIME ZONE 'Asia/Shanghai') AS local_at, type, type || '.' || sub_type AS sub,
        split_part(tech_field, '.', 1) AS field, coalesce(industry_section, '') AS industry, seller_region, buyer_region,
        CASE WHEN seller_region = ${district} AND buyer_region = ${district} THEN 'within'
             WHEN seller_region = ${district} THEN 'outflow'
             WHEN buyer_region = ${district} THEN 'inflow' ELSE 'elsewhere' END AS flow,
        counted_contracts, counted_contract_fen, counted_tech_fen
      FROM tech_contracts
      WHERE status = 'approved' AND registered_at >= ${fromTs}::timestamptz AND registered_at < ${toTs}::timestamptz
    ), k AS (
      SELECT to_char(local_at, 'YYYY') AS year, to_char(local_at, 'YYYY-"Q"Q') AS quarter, to_char(local_at, 'YYYY-MM') AS month, * FROM c
    )
    SELECT
      CASE WHEN GROUPING(year) = 0 THEN 'year' WHEN GROUPING(quarter) = 0 THEN 'quarter' WHEN GROUPING(month) = 0 THEN 'month'
           WHEN GROUPING(type) = 0 THEN 'type' WHEN GROUPING(sub) = 0 THEN 'sub' WHEN GROUPING(field) = 0 THEN 'field'
           WHEN GROUPING(industry) = 0 THEN 'industry' WHEN GROUPING(flow) = 0 THEN 'flow'
           WHEN GROUPING(seller_region) = 0 THEN 'seller' WHEN GROUPING(buyer_region) = 0 THEN 'buyer' END AS dim,
      coalesce(year, quarter, month, type, sub, field, industry, flow, seller_region, buyer_region) AS key,
      sum(counted_contracts)::text AS contracts, sum(counted_contract_fen)::text AS contract_fen, sum(counted_tech_fen)::text AS tech_fen
    FROM k
    GROUP BY GROUPING SETS ((), (year), (quarter), (month), (type), (sub), (field), (industry), (flow), (seller_region), (buyer_region))
  `);
  const groups = new Map<Dim, StatGroup[]>(DIMS.map((d) => [d, []]));
  let totals = { contracts: 0, contractFen: 0, techFen: 0 };
  for (const row of r.rows) {
    const figures = { contracts: Number(row.contracts ?? 0), contractFen: Number(row.contract_fen ?? 0), techFen: Number(row.tech_fen ?? 0) };
    if (row.dim === null) totals = figures;
    else groups.get(row.dim)!.push({ key: row.key ?? '', label: label(row.dim, row.key ?? '', locale), ...figures });
  }
  return present(range, district, totals, groups);
}

function present(range: { from: string; to: string }, district: string, totals: Statistics['totals'], groups: Map<Dim, StatGroup[]>): Statistics {
  const byKey = (a: StatGroup, b: StatGroup) => a.key.localeCompare(b.key);
  const byTech = (a: StatGroup, b: StatGroup) => b.techFen - a.techFen || byKey(a, b);
  const flowOrder = ['within', 'outflow', 'inflow', 'elsewhere'];
  const districtRegion = region(district);
  return {
    ...range,
    districtRegion: { code: district, name: districtRegion?.name ?? district },
    totals,
    byYear: groups.get('year')!.sort(byKey),
    byQuarter: groups.get('quarter')!.sort(byKey),
    byMonth: groups.get('month')!.sort(byKey),
    byType: groups.get('type')!.sort((a, b) => Object.keys(CONTRACT_TYPE_LABELS).indexOf(a.key) - Object.keys(CONTRACT_TYPE_LABELS).indexOf(b.key)),
    bySubType: groups.get('sub')!.sort(byKey),
    byTechField: groups.get('field')!.sort(byTech),
    byIndustry: groups.get('industry')!.sort(byTech),
    byFlow: groups.get('flow')!.sort((a, b) => flowOrder.indexOf(a.key) - flowOrder.indexOf(b.key)),
    bySellerRegion: groups.get('seller')!.sort(byTech),
    byBuyerRegion: groups.get('buyer')!.sort(byTech),
  };
}

/** The first day of the month of a district date, and of the month after. */
const monthOf = (d: string) => `${d.slice(0, 7)}-01`;
function nextMonth(d: string): string {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

type Acc = { rows: number; contracts: number; contractFen: number; techFen: number };
type SummaryRow = { dim: string; key: string; month: string | null; rows: string; contracts: string; contract_fen: string; tech_fen: string };

/** The dimension keys of one approved row, as the summary triggers compute them (migration 0018). */
const ROW_KEYS = sql`(VALUES
  ('total', ''), ('type', t.type), ('sub', t.type || '.' || t.sub_type), ('field', split_part(t.tech_field, '.', 1)),
  ('industry', coalesce(t.industry_section, '')), ('seller', t.seller_region), ('buyer', t.buyer_region),
  ('same', CASE WHEN t.seller_region = t.buyer_region THEN t.seller_region END)
) AS d(dim, key)`;

/**
 * Statistics of registered technology contracts over [from, to) (district
 * dates): whole months from `contract_stats_monthly`, the days of a partial
 * first or last month from the rows themselves, so any range is exact. The
 * flow breakdown is derived from the district's seller, buyer and
 * same-region sums: within = same[D], outflow = seller[D] − within,
 * inflow = buyer[D] − within, elsewhere = the rest. Decision record 0023.
 */
export async function computeStatistics(db: DbOrTx, q: { from?: string; to?: string; year?: number }, now: Date, locale: Locale): Promise<Statistics> {
  const range = q.from && q.to ? { from: q.from, to: q.to } : defaultRange(now, q.year);
  const district = loadDistrict().district.regionCode;
  const fullFrom = range.from === monthOf(range.from) ? range.from : nextMonth(range.from);
  const fullTo = monthOf(range.to);
  const whole = fullFrom < fullTo;
  // The row-summed parts: [from, fullFrom) and [fullTo, to), or all of [from, to) without a whole month.
  const [edge1, edge2] = whole ? [fullFrom, fullTo] : [range.to, range.to];
  const [fromTs, edge1Ts] = bounds(range.from, edge1);
  const [edge2Ts, toTs] = bounds(edge2, range.to);
  const r = await db.execute<SummaryRow>(sql`
    WITH s AS (
      SELECT month, dim, key, rows, contracts, contract_fen, tech_fen FROM contract_stats_monthly
      WHERE ${whole} AND month >= ${fullFrom}::date AND month < ${fullTo}::date
      UNION ALL
      SELECT date_trunc('month', t.registered_at AT TIME ZONE 'Asia/Shanghai')::date, d.dim, d.key, 1, t.counted_contracts, t.counted_contract_fen, t.counted_tech_fen
      FROM tech_contracts t CROSS JOIN LATERAL ${ROW_KEYS}
      WHERE t.status = 'approved' AND d.key IS NOT NULL
        AND ((t.registered_at >= ${fromTs}::timestamptz AND t.registered_at < ${edge1Ts}::timestamptz)
          OR (t.registered_at >= ${edge2Ts}::timestamptz AND t.registered_at < ${toTs}::timestamptz))
    )
    SELECT dim, key, CASE WHEN dim = 'total' THEN to_char(month, 'YYYY-MM') END AS month,
      sum(rows)::text AS rows, sum(contracts)::text AS contracts, sum(contract_fen)::text AS contract_fen, sum(tech_fen)::text AS tech_fen
    FROM s GROUP BY 1, 2, 3`);
  const zero = (): Acc => ({ rows: 0, contracts: 0, contractFen: 0, techFen: 0 });
  const plus = (a: Acc, f: Acc, sign = 1) => {
    a.rows += sign * f.rows;
    a.contracts += sign * f.contracts;
    a.contractFen += sign * f.contractFen;
    a.techFen += sign * f.techFen;
  };
  const add = (m: Map<string, Acc>, key: string, f: Acc, sign = 1) => {
    if (!m.has(key)) m.set(key, zero());
    plus(m.get(key)!, f, sign);
  };
  const sums = new Map<string, Map<string, Acc>>();
  const bucket = (dim: string) => {
    if (!sums.has(dim)) sums.set(dim, new Map());
    return sums.get(dim)!;
  };
  const total = zero();
  for (const row of r.rows) {
    const f: Acc = { rows: Number(row.rows), contracts: Number(row.contracts), contractFen: Number(row.contract_fen), techFen: Number(row.tech_fen) };
    if (row.dim === 'total') {
      const month = row.month!;
      add(bucket('month'), month, f);
      add(bucket('quarter'), `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`, f);
      add(bucket('year'), month.slice(0, 4), f);
      plus(total, f);
    } else {
      add(bucket(row.dim), row.key, f);
    }
  }
  const at = (dim: string) => sums.get(dim)?.get(district) ?? zero();
  const flows = new Map<string, Acc>();
  add(flows, 'within', at('same'));
  add(flows, 'outflow', at('seller'));
  add(flows, 'outflow', at('same'), -1);
  add(flows, 'inflow', at('buyer'));
  add(flows, 'inflow', at('same'), -1);
  add(flows, 'elsewhere', total);
  add(flows, 'elsewhere', at('seller'), -1);
  add(flows, 'elsewhere', at('buyer'), -1);
  add(flows, 'elsewhere', at('same'));
  sums.set('flow', flows);
  const groups = new Map<Dim, StatGroup[]>(
    DIMS.map((dim) => [
      dim,
      [...(sums.get(dim) ?? new Map<string, Acc>()).entries()]
        .filter(([, a]) => a.rows !== 0)
        .map(([key, a]) => ({ key, label: label(dim, key, locale), contracts: a.contracts, contractFen: a.contractFen, techFen: a.techFen })),
    ]),
  );
  return present(range, district, { contracts: total.contracts, contractFen: total.contractFen, techFen: total.techFen }, groups);
}

/**
 * Differences between the monthly summary and the sums over the rows (empty
 * when they agree): for the tests and for an operator who suspects drift.
 */
export async function verifyStatsSummary(db: DbOrTx): Promise<{ month: string; dim: string; key: string }[]> {
  const r = await db.execute<{ month: string; dim: string; key: string }>(sql`
    WITH fromrows AS (
      SELECT date_trunc('month', t.registered_at AT TIME ZONE 'Asia/Shanghai')::date AS month, d.dim, d.key,
        count(*) AS rows, sum(t.counted_contracts) AS contracts, sum(t.counted_contract_fen) AS contract_fen, sum(t.counted_tech_fen) AS tech_fen
      FROM tech_contracts t CROSS JOIN LATERAL ${ROW_KEYS}
      WHERE t.status = 'approved' AND t.registered_at IS NOT NULL AND d.key IS NOT NULL GROUP BY 1, 2, 3
    ), summary AS (SELECT * FROM contract_stats_monthly WHERE rows <> 0 OR contracts <> 0 OR contract_fen <> 0 OR tech_fen <> 0)
    SELECT to_char(coalesce(a.month, b.month), 'YYYY-MM-DD') AS month, coalesce(a.dim, b.dim) AS dim, coalesce(a.key, b.key) AS key
    FROM fromrows a FULL JOIN summary b ON a.month = b.month AND a.dim = b.dim AND a.key = b.key
    WHERE (a.rows, a.contracts, a.contract_fen, a.tech_fen) IS DISTINCT FROM (b.rows, b.contracts, b.contract_fen, b.tech_fen)
    ORDER BY 1, 2, 3`);
  return r.rows;
}

/** The public summary: turnover by year (last five years) and by type this year. */
export async function publicSummary(db: DbOrTx, now: Date) {
  const y = Number(districtToday(now).slice(0, 4));
  // Whole years: the monthly summary's totals (decision record 0023).
  const r = await db.execute<{ year: number; contracts: string; contract_fen: string; tech_fen: string }>(sql`
    SELECT extract(year FROM month)::int AS year, sum(contracts)::text AS contracts, sum(contract_fen)::text AS contract_fen, sum(tech_fen)::text AS tech_fen
    FROM contract_stats_monthly WHERE dim = 'total' AND month >= ${`${y - 4}-01-01`}::date AND month < ${`${y + 1}-01-01`}::date
    GROUP BY 1`);
  const thisYear = await computeStatistics(db, { year: y }, now, 'zh-CN');
  return {
    years: Array.from({ length: 5 }, (_, i) => y - 4 + i).map((year) => {
      const g = r.rows.find((x) => x.year === year);
      return { year, contracts: Number(g?.contracts ?? 0), contractFen: Number(g?.contract_fen ?? 0), techFen: Number(g?.tech_fen ?? 0) };
    }),
    byType: thisYear.byType,
    asOf: now.toISOString(),
  };
}
