import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ProgressStatus } from '../../../shared/contracts/plans.js';
import type { Actor } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { districtToday } from '../projects/due-dates.js';
import { presentMilestone, presentPlanSummary } from './present.js';
import { milestonesOf, type PlanRow, planIndicatorRows, planTaskRows, responsibleUnits, targetsOf } from './repository.js';
import { planReportFigures, planReports, planSupervisionItems } from './schema.js';
import { districtYear, expectedPosition, progressStatus, targetFor, yearStart } from './targets.js';
import { indicatorValue, resolveSource } from './values.js';

type Traffic = 'on_track' | 'at_risk' | 'overdue';
const worst = (xs: Traffic[]): Traffic => (xs.includes('overdue') ? 'overdue' : xs.includes('at_risk') ? 'at_risk' : 'on_track');
const traffic = (s: ProgressStatus): Traffic => (s === 'overdue' ? 'overdue' : s === 'at_risk' ? 'at_risk' : 'on_track');

/** The year a dashboard shows: the one asked for, else this year clamped to the plan's years. */
export function dashboardYear(plan: PlanRow, now: Date, asked?: number): number {
  if (asked) return asked;
  const start = Number(plan.startDate.slice(0, 4));
  const end = Number(plan.endDate.slice(0, 4));
  return Math.min(Math.max(districtYear(now), start), end);
}

/** Every indicator's value, targets, expected position and status for the year. */
export async function indicatorStatuses(db: DbOrTx, plan: PlanRow, year: number, now: Date, opts: { publicOnly?: boolean } = {}) {
  const asOf = now < yearStart(year + 1) ? now : new Date(yearStart(year + 1).getTime() - 1);
  const endYear = Number(plan.endDate.slice(0, 4));
  const tasks = await planTaskRows(db, plan.id);
  const numberOf = new Map(tasks.map((t) => [t.id, t.number]));
  const indicators = (await planIndicatorRows(db, plan.id)).filter((i) => !opts.publicOnly || i.public);
  const targets = await targetsOf(db, indicators.map((i) => i.id));
  const out = [];
  for (const ind of indicators) {
    const resolved = await resolveSource(db, ind);
    const { value, monthly, source } = await indicatorValue(db, plan, ind, year, asOf, resolved);
    const ts = (targets.get(ind.id) ?? []).map((t) => ({ year: t.year, value: t.value }));
    const targetThisYear = targetFor(ts, year);
    const expected = expectedPosition(ind.aggregation === 'cumulative' ? 'cumulative' : 'yearly', ts, year, asOf);
    const [last] = await db
      .select({ id: planReports.id, period: planReports.period, status: planReports.status, submittedAt: planReports.submittedAt, orgId: organisations.id, orgName: organisations.name })
      .from(planReportFigures)
      .innerJoin(planReports, eq(planReports.id, planReportFigures.reportId))
      .innerJoin(organisations, eq(organisations.id, planReports.organisationId))
      .where(eq(planReportFigures.indicatorId, ind.id))
      .orderBy(desc(planReports.submittedAt))
      .limit(1);
    out.push({
      id: ind.id,
      code: ind.code,
      taskNumber: ind.taskId ? (numberOf.get(ind.taskId) ?? null) : null,
      name: ind.name,
      nameEn: ind.nameEn,
      unit: ind.unit as 'count',
      aggregation: ind.aggregation as 'yearly',
      source,
      query: ind.query,
      public: ind.public,
      note: ind.note,
      value,
      targetThisYear,
      targetAtEnd: targetFor(ts, endYear),
      expected,
      status: progressStatus(value, targetThisYear, expected, year, now, plan.atRiskMarginPermille),
      lastReport: last
        ? { id: last.id, period: last.period, organisation: { id: last.orgId, name: last.orgName }, status: last.status as 'submitted', submittedAt: last.submittedAt.toISOString() }
        : null,
      monthly,
      taskId: ind.taskId,
    });
  }
  return { asOf, indicators: out };
}

/** The internal dashboard of a plan (docs/plan-file-format.md, "Dashboard"). */
export async function buildDashboard(db: DbOrTx, actor: Actor, plan: PlanRow, now: Date, askedYear?: number) {
  const year = dashboardYear(plan, now, askedYear);
  const { asOf, indicators } = await indicatorStatuses(db, plan, year, now);
  const today = districtToday(now);
  const tasks = await planTaskRows(db, plan.id);
  const units = await responsibleUnits(db, tasks);
  const milestones = await milestonesOf(db, tasks.map((t) => t.id));
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  const open = await db.select().from(planSupervisionItems).where(and(eq(planSupervisionItems.planId, plan.id), isNull(planSupervisionItems.resolvedAt)));
  const latest = await db.execute<{ id: string; task_id: string; period: string; status: string; submitted_at: string | Date; org_id: string; org_name: string }>(sql`
    SELECT * FROM (
      SELECT r.id, r.task_id, r.period, r.status, r.submitted_at, o.id AS org_id, o.name AS org_name,
        row_number() OVER (PARTITION BY r.task_id ORDER BY r.submitted_at DESC) AS n
      FROM plan_reports r JOIN organisations o ON o.id = r.organisation_id WHERE r.plan_id = ${plan.id}) x
    WHERE x.n <= 5`);

  const taskViews = tasks.map((t) => {
    const ms = milestones
      .filter((m) => m.taskId === t.id)
      .map((m) => {
        const ind = m.indicatorId ? indicators.find((i) => i.id === m.indicatorId) : undefined;
        const reached = ind ? ind.value >= (m.target ?? 0) : m.reachedAt !== null;
        const status: 'reached' | 'open' | 'overdue' = reached ? 'reached' : m.dueDate < today ? 'overdue' : 'open';
        return { ...presentMilestone(m, codeOf), status };
      });
    // Units named in the plan, plus units by type only when something is open for them (dozens of townships).
    const unitViews = units
      .filter((u) => u.taskId === t.id)
      .map((u) => {
        const items = open.filter((o) => o.taskId === t.id && o.organisationId === u.organisationId);
        const level = Math.max(0, ...items.map((i) => i.level));
        return {
          organisation: { id: u.organisationId, name: u.name },
          role: u.role,
          named: u.named,
          status: (level >= 2 ? 'overdue' : level === 1 ? 'at_risk' : 'on_track') as Traffic,
          missingPeriods: items.filter((i) => i.period).map((i) => i.period!).sort(),
          level,
        };
      })
      .filter((u) => u.named || u.level > 0)
      .map(({ named: _named, ...u }) => u);
    const status = worst([
      ...unitViews.map((u) => u.status),
      ...ms.map((m) => (m.status === 'overdue' ? 'overdue' : 'on_track') as Traffic),
      ...indicators.filter((i) => i.taskId === t.id).map((i) => traffic(i.status)),
    ]);
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      status,
      milestones: ms,
      units: unitViews,
      latestReports: latest.rows
        .filter((r) => r.task_id === t.id)
        .map((r) => ({ id: r.id, period: r.period, organisation: { id: r.org_id, name: r.org_name }, status: r.status as 'submitted', submittedAt: new Date(r.submitted_at).toISOString() })),
    };
  });

  return {
    plan: presentPlanSummary(actor, plan),
    year,
    asOf: asOf.toISOString(),
    indicators: indicators.map(({ taskId: _t, ...i }) => i),
    tasks: taskViews,
    supervision: { open: open.length, byLevel: [1, 2, 3].map((l) => open.filter((o) => o.level === l).length) },
  };
}
