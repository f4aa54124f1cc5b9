import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { availableSource, type IndicatorSource, listRecords, monthlyRecords, sumRecords } from './indicators/index.js';
import type { IndicatorRow, PlanRow } from './repository.js';
import { exactSum, yearStart } from './targets.js';

/**
 * An indicator's value for a year, from its registry query (computed) or from
 * accepted progress reports (reported). Yearly: the year's amount. Cumulative:
 * the total since the plan's start through that year. Percent and yes/no are
 * levels, not amounts: the latest accepted figure counts.
 */

export type ValueSource = 'computed' | 'reported' | 'reported_no_source';
export type Resolved = { source: ValueSource; query: IndicatorSource | null };

/** Whether an indicator's figure comes from records now, from reports, or from reports for lack of a source. */
export async function resolveSource(db: DbOrTx, ind: IndicatorRow): Promise<Resolved> {
  if (ind.source !== 'computed') return { source: 'reported', query: null };
  const query = await availableSource(db, ind.query);
  return query ? { source: 'computed', query } : { source: 'reported_no_source', query: null };
}

const isLevel = (ind: IndicatorRow) => ind.unit === 'percent' || ind.unit === 'yesno';
const startYearOf = (plan: PlanRow) => Number(plan.startDate.slice(0, 4));

/** The time range of records a year's value covers, cut at `asOf`. */
export function valueRange(plan: PlanRow, ind: IndicatorRow, year: number, asOf: Date): { from: Date; to: Date } {
  const from = yearStart(ind.aggregation === 'cumulative' ? startYearOf(plan) : year);
  const end = yearStart(year + 1);
  return { from, to: asOf < end ? asOf : end };
}

/** The value of `ind` for `year` as of `asOf`, and for computed ones the 12 monthly figures of the year. */
export async function indicatorValue(
  db: DbOrTx,
  plan: PlanRow,
  ind: IndicatorRow,
  year: number,
  asOf: Date,
  resolved?: Resolved,
): Promise<{ source: ValueSource; value: number; monthly: number[] | null }> {
  const r = resolved ?? (await resolveSource(db, ind));
  const range = valueRange(plan, ind, year, asOf);
  if (r.query) {
    const value = await sumRecords(db, r.query, range.from, range.to);
    const months = await monthlyRecords(db, r.query, yearStart(year), range.to);
    let monthly = months;
    if (ind.aggregation === 'cumulative') {
      let running = await sumRecords(db, r.query, range.from, yearStart(year));
      monthly = months.map((m) => (running += m));
    }
    return { source: r.source, value, monthly };
  }
  const figures = await reportedFigures(db, plan, ind, year);
  return { source: r.source, value: exactSum(figures.map((f) => f.value)), monthly: null };
}

export type ReportedFigure = { reportId: string; period: string; organisationId: string; organisationName: string; taskTitle: string; value: number; at: Date };

/**
 * The accepted report figures that make up a reported value: all of them for
 * amounts (their sum is the value), only the latest for levels.
 */
export async function reportedFigures(db: DbOrTx, plan: PlanRow, ind: IndicatorRow, year: number): Promise<ReportedFigure[]> {
  const fromYear = ind.aggregation === 'cumulative' ? startYearOf(plan) : year;
  const rows = await db.execute<{ report_id: string; period: string; organisation_id: string; organisation_name: string; task_title: string; value: string; at: string | Date }>(sql`
    SELECT r.id AS report_id, r.period, r.organisation_id, o.name AS organisation_name, t.title AS task_title, f.value::text AS value,
      coalesce(r.reviewed_at, r.submitted_at) AS at
    FROM plan_report_figures f
    JOIN plan_reports r ON r.id = f.report_id
    JOIN organisations o ON o.id = r.organisation_id
    JOIN plan_tasks t ON t.id = r.task_id
    WHERE f.indicator_id = ${ind.id} AND r.status = 'accepted'
      AND substr(r.period, 1, 4)::int BETWEEN ${fromYear} AND ${year}
    ORDER BY r.period DESC, r.reviewed_at DESC NULLS LAST, r.id
    ${isLevel(ind) ? sql`LIMIT 1` : sql``}`);
  return rows.rows.map((x) => ({
    reportId: x.report_id,
    period: x.period,
    organisationId: x.organisation_id,
    organisationName: x.organisation_name,
    taskTitle: x.task_title,
    value: Number(x.value),
    at: new Date(x.at),
  }));
}

export type DrillRow = { kind: 'record' | 'report'; id: string; title: string; organisation: { id: string; name: string } | null; at: Date; amount: number; link: string | null };

/** The records (computed) or accepted report figures (reported) behind a year's value; their amounts sum to it. */
export async function drillDown(
  db: DbOrTx,
  plan: PlanRow,
  ind: IndicatorRow,
  year: number,
  asOf: Date,
  page: { limit: number; offset: number },
): Promise<{ source: ValueSource; items: DrillRow[]; total: number }> {
  const r = await resolveSource(db, ind);
  if (r.query) {
    const range = valueRange(plan, ind, year, asOf);
    const { items, total } = await listRecords(db, r.query, range.from, range.to, page);
    return {
      source: r.source,
      total,
      items: items.map((x) => ({
        kind: 'record',
        id: x.id,
        title: x.title,
        organisation: x.organisationId ? { id: x.organisationId, name: x.organisationName ?? '' } : null,
        at: x.at,
        amount: x.amount,
        link: x.link,
      })),
    };
  }
  const all = await reportedFigures(db, plan, ind, year);
  return {
    source: r.source,
    total: all.length,
    items: all.slice(page.offset, page.offset + page.limit).map((f) => ({
      kind: 'report',
      id: f.reportId,
      title: `${f.taskTitle}（${f.period}）`,
      organisation: { id: f.organisationId, name: f.organisationName },
      at: f.at,
      amount: f.value,
      link: `/console/plan-reports/${f.reportId}`,
    })),
  };
}
