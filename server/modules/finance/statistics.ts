import { sql } from 'drizzle-orm';
import { FINANCE_KINDS, type FinanceKind, type FinanceStatistics } from '../../../shared/contracts/finance.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { districtToday } from '../projects/due-dates.js';

export type StatsQuery = { fromYear?: number; toYear?: number; kind?: FinanceKind };

/** The year range asked, by default the five years to the district's current one. */
export function yearRange(q: StatsQuery, now: Date): { fromYear: number; toYear: number } {
  const toYear = q.toYear ?? Number(districtToday(now).slice(0, 4));
  const fromYear = q.fromYear ?? toYear - 4;
  if (fromYear > toYear) throw AppError.field('fromYear', '起始年份不能晚于截止年份', 'The first year cannot be after the last');
  if (toYear - fromYear > 49) throw AppError.field('fromYear', '一次最多统计 50 年', 'At most 50 years at a time');
  return { fromYear, toYear };
}

/**
 * Verified records by the year signed (a calendar date, so no time zone
 * question) and kind: count, amount (sum insured for insurance) and premium;
 * enterprises counted once per year and once over the range.
 */
export async function computeStatistics(db: DbOrTx, q: StatsQuery, now: Date): Promise<FinanceStatistics> {
  const { fromYear, toYear } = yearRange(q, now);
  const where = sql`f.status = 'verified' AND f.signed_on >= ${`${fromYear}-01-01`}::date AND f.signed_on < ${`${toYear + 1}-01-01`}::date ${q.kind ? sql`AND f.kind = ${q.kind}` : sql``}`;
  const rows = await db.execute<{ year: number; kind: FinanceKind; count: number; amount: string; premium: string }>(sql`
    SELECT extract(year FROM f.signed_on)::int AS year, f.kind, count(*)::int AS count,
      sum(f.amount_fen)::text AS amount, coalesce(sum(f.premium_fen), 0)::text AS premium
    FROM finance_records f WHERE ${where} GROUP BY 1, 2`);
  const years = await db.execute<{ year: number; enterprises: number }>(sql`
    SELECT extract(year FROM f.signed_on)::int AS year, count(DISTINCT f.organisation_id)::int AS enterprises
    FROM finance_records f WHERE ${where} GROUP BY 1`);
  const [tot] = (
    await db.execute<{ count: number; amount: string; premium: string; enterprises: number; subsidy: string }>(sql`
    SELECT count(*)::int AS count, coalesce(sum(f.amount_fen), 0)::text AS amount, coalesce(sum(f.premium_fen), 0)::text AS premium,
      count(DISTINCT f.organisation_id)::int AS enterprises, coalesce(sum(f.subsidy_amount_fen) FILTER (WHERE f.subsidy_requested), 0)::text AS subsidy
    FROM finance_records f WHERE ${where}`)
  ).rows;
  const order = (k: string) => FINANCE_KINDS.indexOf(k as FinanceKind);
  const out = rows.rows
    .map((r) => ({ year: r.year, kind: r.kind, count: r.count, amountFen: Number(r.amount), premiumFen: Number(r.premium) }))
    .sort((a, b) => a.year - b.year || order(a.kind) - order(b.kind));
  const byKind = FINANCE_KINDS.flatMap((kind) => {
    const of = out.filter((r) => r.kind === kind);
    return of.length ? [{ kind, count: sum(of, 'count'), amountFen: sum(of, 'amountFen'), premiumFen: sum(of, 'premiumFen') }] : [];
  });
  const ent = new Map(years.rows.map((y) => [y.year, y.enterprises]));
  const byYear = [];
  for (let year = fromYear; year <= toYear; year++) {
    const of = out.filter((r) => r.year === year);
    byYear.push({ year, count: sum(of, 'count'), amountFen: sum(of, 'amountFen'), premiumFen: sum(of, 'premiumFen'), enterprises: ent.get(year) ?? 0 });
  }
  return {
    fromYear,
    toYear,
    rows: out,
    byKind,
    byYear,
    totals: { count: tot!.count, amountFen: Number(tot!.amount), premiumFen: Number(tot!.premium), enterprises: tot!.enterprises, subsidyRequestedFen: Number(tot!.subsidy) },
  };
}

function sum<T extends Record<K, number>, K extends string>(xs: T[], k: K): number {
  return xs.reduce((s, x) => s + x[k], 0);
}
