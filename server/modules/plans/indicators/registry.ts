import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';

/**
 * Computed indicators: one file per data source in this folder, each calling
 * `defineIndicatorSource` with the SQL of the records behind the figure. The
 * figure is always the sum of `amount` over those records in a time range, so
 * the drill-down lists exactly what sums to the number. A plan may name a
 * query that is not registered, or whose tables do not exist yet (the trading
 * and registry issues): the indicator then shows as reported, marked so.
 */
export type IndicatorSource = {
  /** The name plan files use in `source.query`. */
  name: string;
  /** Tables the query reads; if one is missing the source counts as absent. */
  tables: readonly string[];
  /**
   * SELECT yielding one row per record: id (uuid), title (text),
   * organisation_id (uuid or null), at (timestamptz), amount (bigint),
   * link (text or null).
   */
  records: () => SQL;
};

const sources = new Map<string, IndicatorSource>();

/** Register a source (once, at module load; see ./index.ts). */
export function defineIndicatorSource(source: IndicatorSource): IndicatorSource {
  if (sources.has(source.name)) throw new Error(`indicator source ${source.name} defined twice`);
  sources.set(source.name, source);
  return source;
}

/** Names of every registered source. */
export function registeredSources(): string[] {
  return [...sources.keys()].sort();
}

/** Whether a query name is registered (it may still lack its tables). */
export function isRegistered(name: string): boolean {
  return sources.has(name);
}

/** The source of `name` when it is registered and all its tables exist; else null. */
export async function availableSource(db: DbOrTx, name: string | null): Promise<IndicatorSource | null> {
  const s = name ? sources.get(name) : undefined;
  if (!s) return null;
  const r = await db.execute<{ missing: number }>(sql`
    SELECT count(*)::int AS missing FROM unnest(${sql.param([...s.tables])}::text[]) AS t(name) WHERE to_regclass(t.name) IS NULL`);
  return r.rows[0]!.missing === 0 ? s : null;
}

/** Sum of the records' amounts with `from <= at < to`. */
export async function sumRecords(db: DbOrTx, s: IndicatorSource, from: Date, to: Date): Promise<number> {
  const r = await db.execute<{ total: string }>(sql`
    SELECT coalesce(sum(r.amount), 0)::text AS total FROM (${s.records()}) r
    WHERE r.at >= ${from.toISOString()}::timestamptz AND r.at < ${to.toISOString()}::timestamptz`);
  return Number(r.rows[0]!.total);
}

/** Amounts by district month (index 0 = January) with `from <= at < to`. */
export async function monthlyRecords(db: DbOrTx, s: IndicatorSource, from: Date, to: Date): Promise<number[]> {
  const r = await db.execute<{ month: number; total: string }>(sql`
    SELECT extract(month FROM (r.at AT TIME ZONE 'UTC') + interval '8 hours')::int AS month, sum(r.amount)::text AS total
    FROM (${s.records()}) r
    WHERE r.at >= ${from.toISOString()}::timestamptz AND r.at < ${to.toISOString()}::timestamptz
    GROUP BY 1`);
  const out = Array.from({ length: 12 }, () => 0);
  for (const row of r.rows) out[row.month - 1] = Number(row.total);
  return out;
}

export type SourceRecord = { id: string; title: string; organisationId: string | null; organisationName: string | null; at: Date; amount: number; link: string | null };

/** The records with `from <= at < to`, newest first, a page at a time. */
export async function listRecords(
  db: DbOrTx,
  s: IndicatorSource,
  from: Date,
  to: Date,
  page: { limit: number; offset: number },
): Promise<{ items: SourceRecord[]; total: number }> {
  const where = sql`r.at >= ${from.toISOString()}::timestamptz AND r.at < ${to.toISOString()}::timestamptz`;
  const count = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${s.records()}) r WHERE ${where}`);
  const rows = await db.execute<{ id: string; title: string; organisation_id: string | null; organisation_name: string | null; at: string | Date; amount: string; link: string | null }>(sql`
    SELECT r.id, r.title, r.organisation_id, o.name AS organisation_name, r.at, r.amount::text AS amount, r.link
    FROM (${s.records()}) r LEFT JOIN organisations o ON o.id = r.organisation_id
    WHERE ${where} ORDER BY r.at DESC, r.id LIMIT ${page.limit} OFFSET ${page.offset}`);
  return {
    total: count.rows[0]!.n,
    items: rows.rows.map((x) => ({
      id: x.id,
      title: x.title,
      organisationId: x.organisation_id,
      organisationName: x.organisation_name,
      at: new Date(x.at),
      amount: Number(x.amount),
      link: x.link,
    })),
  };
}
