import { sql } from 'drizzle-orm';
import type { FunnelView } from '../../../shared/contracts/matchmaking.js';
import type { Locale } from '../../../shared/roles.js';
import { industrySection } from '../../../shared/taxonomies/industries.js';
import type { DbOrTx } from '../../db/client.js';
import { displayNames } from '../identity/repository.js';
import { addDays } from '../projects/due-dates.js';
import { districtDate } from './working-days.js';

export type FunnelQuery = { from?: string; to?: string; groupBy: 'industry' | 'month' | 'broker' };
type Counts = Omit<FunnelView['total'], never>;
type Group = FunnelView['groups'][number];


/** The period: explicit dates, or the last twelve months up to today (district dates, inclusive). */
export function funnelPeriod(q: FunnelQuery, now: Date): { from: string; to: string } {
  const to = q.to ?? districtDate(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const back = y * 12 + (m - 1) - 11;
  const from = q.from ?? `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}-01`;
  return { from, to };
}

function keyExpr(groupBy: FunnelQuery['groupBy'], table: 'c' | 'i') {
  // District wall-clock month, without relying on the server's time-zone database.
  if (groupBy === 'month') return sql.raw(`to_char((${table}.created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`);
  if (groupBy === 'industry') return sql.raw(`${table}.industry_section`);
  return sql.raw(`${table}.broker_user_id::text`);
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
    out.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

const zero = (shown: number | null): Counts => ({ shown, interest: 0, contact: 0, negotiation: 0, agreement: 0, closed: 0 });

/**
 * The matchmaking funnel for the bureau. Cases are a cohort: those OPENED in
 * the period, counted by how far they have got by now (a case that reached
 * negotiation counts under interest, contact and negotiation). "Shown" counts
 * the lists of suggestions shown in the period (match_impressions rows); it
 * has no broker, so it is null when grouping by broker. Months are district
 * months (UTC+8).
 */
export async function computeFunnel(db: DbOrTx, q: FunnelQuery, now: Date, locale: Locale): Promise<FunnelView> {
  const { from, to } = funnelPeriod(q, now);
  const start = `${from}T00:00:00+08:00`;
  const end = `${addDays(to, 1)}T00:00:00+08:00`;
  const key = keyExpr(q.groupBy, 'c');
  const cases = await db.execute<{ key: string | null; interest: number; contact: number; negotiation: number; agreement: number; closed: number }>(sql`
    WITH reached AS (
      SELECT c.*, array(SELECT e.to_status FROM case_events e WHERE e.case_id = c.id AND e.type = 'status') AS seen
      FROM match_cases c
      WHERE c.created_at >= ${start}::timestamptz AND c.created_at < ${end}::timestamptz
    )
    SELECT ${key} AS key,
      count(*)::int AS interest,
      count(*) FILTER (WHERE seen && ARRAY['contact','negotiation','agreement'])::int AS contact,
      count(*) FILTER (WHERE seen && ARRAY['negotiation','agreement'])::int AS negotiation,
      count(*) FILTER (WHERE status = 'agreement')::int AS agreement,
      count(*) FILTER (WHERE status = 'closed')::int AS closed
    FROM reached c GROUP BY 1`);
  const shown =
    q.groupBy === 'broker'
      ? []
      : (
          await db.execute<{ key: string | null; shown: number }>(sql`
            SELECT ${keyExpr(q.groupBy, 'i')} AS key, count(*)::int AS shown FROM match_impressions i
            WHERE i.created_at >= ${start}::timestamptz AND i.created_at < ${end}::timestamptz GROUP BY 1`)
        ).rows;

  const byKey = new Map<string | null, Counts>();
  const get = (k: string | null) => byKey.get(k) ?? byKey.set(k, zero(q.groupBy === 'broker' ? null : 0)).get(k)!;
  if (q.groupBy === 'month') for (const m of monthsBetween(from, to)) get(m);
  for (const r of cases.rows) Object.assign(get(r.key), { interest: r.interest, contact: r.contact, negotiation: r.negotiation, agreement: r.agreement, closed: r.closed });
  for (const r of shown) get(r.key).shown = r.shown;

  const labels = await labelsFor(db, q.groupBy, [...byKey.keys()], locale);
  const groups: Group[] = [...byKey.entries()]
    .map(([k, counts]) => ({ key: k, label: labels.get(k) ?? String(k), ...counts }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
  const total = groups.reduce<Counts>(
    (t, g) => ({
      shown: t.shown === null ? null : t.shown + (g.shown ?? 0),
      interest: t.interest + g.interest,
      contact: t.contact + g.contact,
      negotiation: t.negotiation + g.negotiation,
      agreement: t.agreement + g.agreement,
      closed: t.closed + g.closed,
    }),
    zero(q.groupBy === 'broker' ? null : 0),
  );
  return { from, to, groupBy: q.groupBy, groups, total };
}

async function labelsFor(db: DbOrTx, groupBy: FunnelQuery['groupBy'], keys: (string | null)[], locale: Locale): Promise<Map<string | null, string>> {
  const en = locale === 'en';
  const out = new Map<string | null, string>();
  if (groupBy === 'month') for (const k of keys) out.set(k, k ?? '');
  if (groupBy === 'industry') {
    for (const k of keys) {
      const s = k ? industrySection(k) : undefined;
      out.set(k, s ? `${s.code} ${en ? s.nameEn : s.name}` : en ? 'Unclassified' : '未分类');
    }
  }
  if (groupBy === 'broker') {
    const ids = keys.filter((k): k is string => k !== null);
    for (const [id, name] of await displayNames(db, ids)) out.set(id, name);
    out.set(null, en ? 'No broker' : '未分配经纪人');
  }
  return out;
}
