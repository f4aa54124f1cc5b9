import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ReportView } from '../../../shared/contracts/plans.js';
import { type Actor, allowedActions, can, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { files } from '../files/schema.js';
import { organisations } from '../organisations/schema.js';
import {
  type IndicatorRow,
  milestonesOf,
  type PlanRow,
  planIndicatorRows,
  planTaskRows,
  responsibleUnits,
  type TargetRow,
  targetsOf,
} from './repository.js';
import { planIndicators, planReportFigures, planReportFiles, planReports, planTasks } from './schema.js';

/** Responses of the plans domain, with the caller's allowed actions. */

export function presentPlanSummary(actor: Actor, p: PlanRow) {
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    issuingBody: p.issuingBody,
    documentNumber: p.documentNumber,
    issuedOn: p.issuedOn,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status as 'draft' | 'active' | 'archived',
    createdAt: p.createdAt.toISOString(),
    actions: allowedActions(actor, 'plan', {}, ['manage', 'monitor', 'supervise']),
  };
}

export function presentIndicator(ind: IndicatorRow, targets: TargetRow[], taskNumber: number | null) {
  return {
    id: ind.id,
    code: ind.code,
    taskNumber,
    name: ind.name,
    nameEn: ind.nameEn,
    unit: ind.unit as 'count',
    aggregation: ind.aggregation as 'yearly',
    source: ind.source as 'computed' | 'reported',
    query: ind.query,
    public: ind.public,
    note: ind.note,
    targets: targets.map((t) => ({ year: t.year, value: t.value, note: t.note })),
  };
}

/** A plan with its tasks, units, milestones, indicators and targets. */
export async function planDetail(db: DbOrTx, actor: Actor, plan: PlanRow) {
  const tasks = await planTaskRows(db, plan.id);
  const units = await responsibleUnits(db, tasks);
  const milestones = await milestonesOf(db, tasks.map((t) => t.id));
  const indicators = await planIndicatorRows(db, plan.id);
  const targets = await targetsOf(db, indicators.map((i) => i.id));
  const numberOf = new Map(tasks.map((t) => [t.id, t.number]));
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  return {
    ...presentPlanSummary(actor, plan),
    goals: plan.goals,
    note: plan.note,
    atRiskMarginPercent: plan.atRiskMarginPermille / 10,
    reportDueDays: plan.reportDueDays,
    reportingFrom: plan.reportingFrom,
    tasks: tasks.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      measures: t.measures,
      scheduleText: t.scheduleText,
      scheduleKind: t.scheduleKind as 'continuous',
      cadence: t.cadence as 'quarterly',
      // Named units only; units by type are listed through coUnitTypes (dozens of townships).
      units: units
        .filter((u) => u.taskId === t.id && u.named)
        .map((u) => ({ id: u.organisationId, name: u.name, code: u.code, role: u.role })),
      coUnitTypes: t.coUnitTypes,
      milestones: milestones.filter((m) => m.taskId === t.id).map((m) => presentMilestone(m, codeOf)),
    })),
    indicators: indicators.map((i) => presentIndicator(i, targets.get(i.id) ?? [], i.taskId ? (numberOf.get(i.taskId) ?? null) : null)),
  };
}

export function presentMilestone(m: { id: string; title: string; dueDate: string; indicatorId: string | null; target: number | null; reachedAt: Date | null }, codeOf: Map<string, string>) {
  return {
    id: m.id,
    title: m.title,
    dueDate: m.dueDate,
    indicatorCode: m.indicatorId ? (codeOf.get(m.indicatorId) ?? null) : null,
    target: m.target,
    reachedAt: m.reachedAt?.toISOString() ?? null,
  };
}

/** Reports as their views; `where` selects them. */
export async function reportViews(db: DbOrTx, actor: Actor, where: SQL, page: { limit: number; offset: number }): Promise<{ items: ReportView[]; total: number }> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(planReports).where(where)) as [{ n: number }];
  const rows = await db
    .select({ r: planReports, taskNumber: planTasks.number, taskTitle: planTasks.title, orgName: organisations.name })
    .from(planReports)
    .innerJoin(planTasks, eq(planTasks.id, planReports.taskId))
    .innerJoin(organisations, eq(organisations.id, planReports.organisationId))
    .where(where)
    .orderBy(desc(planReports.submittedAt), asc(planReports.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((x) => x.r.id);
  const figures = ids.length
    ? await db
        .select({ reportId: planReportFigures.reportId, indicatorId: planReportFigures.indicatorId, value: planReportFigures.value, note: planReportFigures.note, code: planIndicators.code, unit: planIndicators.unit })
        .from(planReportFigures)
        .innerJoin(planIndicators, eq(planIndicators.id, planReportFigures.indicatorId))
        .where(inArray(planReportFigures.reportId, ids))
        .orderBy(asc(planIndicators.sortOrder))
    : [];
  const evidence = ids.length
    ? await db
        .select({ reportId: planReportFiles.reportId, id: files.id, filename: files.filename, contentType: files.contentType })
        .from(planReportFiles)
        .innerJoin(files, eq(files.id, planReportFiles.fileId))
        .where(inArray(planReportFiles.reportId, ids))
        .orderBy(asc(planReportFiles.sortOrder))
    : [];
  return {
    total: n,
    items: rows.map(({ r, taskNumber, taskTitle, orgName }) => {
      const own = { organisationId: r.organisationId };
      const actions = [
        ...(r.status === 'returned' && can(actor, 'submit', 'plan_report', own) ? ['submit'] : []),
        ...(r.status === 'submitted' ? allowedActions(actor, 'plan_report', own, ['review']).flatMap(() => ['accept', 'return']) : []),
      ];
      return {
        id: r.id,
        planId: r.planId,
        task: { id: r.taskId, number: taskNumber, title: taskTitle },
        organisation: { id: r.organisationId, name: orgName },
        period: r.period,
        status: r.status as 'submitted',
        narrative: r.narrative,
        figures: figures.filter((f) => f.reportId === r.id).map((f) => ({ indicatorId: f.indicatorId, code: f.code, unit: f.unit as 'count', value: f.value, note: f.note })),
        evidence: evidence.filter((e) => e.reportId === r.id).map((e) => ({ id: e.id, filename: e.filename, contentType: e.contentType })),
        milestoneIds: r.milestoneIds,
        submittedAt: r.submittedAt.toISOString(),
        reviewedAt: r.reviewedAt?.toISOString() ?? null,
        reviewNote: r.reviewNote,
        actions,
      };
    }),
  };
}

/** One report the caller may read (bureau: any; a unit: its own), else 404/403. */
export async function reportView(db: DbOrTx, actor: Actor, id: string): Promise<ReportView> {
  const { items } = await reportViews(db, actor, eq(planReports.id, id), { limit: 1, offset: 0 });
  const r = items[0];
  if (!r) throw new AppError('NOT_FOUND');
  if (!can(actor, 'read', 'plan_report', { organisationId: r.organisation.id })) throw new AppError('FORBIDDEN');
  return r;
}

/** The report filter a caller is held to: the bureau sees all, a unit its own organisation's. */
export function reportScope(actor: Actor, planId: string, filter: { taskId?: string; orgId?: string; period?: string; status?: string }): SQL {
  const parts: SQL[] = [eq(planReports.planId, planId)];
  if (!permissionsOf(actor).includes('read:plan_report:any')) {
    parts.push(actor.organisationId ? eq(planReports.organisationId, actor.organisationId) : sql`false`);
  }
  if (filter.taskId) parts.push(eq(planReports.taskId, filter.taskId));
  if (filter.orgId) parts.push(eq(planReports.organisationId, filter.orgId));
  if (filter.period) parts.push(eq(planReports.period, filter.period));
  if (filter.status) parts.push(eq(planReports.status, filter.status));
  return and(...parts)!;
}
