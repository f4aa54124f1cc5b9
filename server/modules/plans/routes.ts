import './notification-texts.js';
import { sendDownload } from '../../http/download.js';
import './policy.js';
import * as c from '../../../shared/contracts/plans.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { districtToday } from '../projects/due-dates.js';
import { buildDashboard, dashboardYear, indicatorStatuses } from './dashboard.js';
import { exportPlanStatus } from './export-plan.js';
import { importPlan } from './import-plan.js';
import { exportPlanReportPdf } from './report-pdf.js';
import { planDetail, presentIndicator, presentPlanSummary, reportScope, reportView, reportViews } from './present.js';
import { currentPlan, findIndicator, findPlan, listPlanRows, targetsOf } from './repository.js';
import { acceptReport, returnReport } from './review-report.js';
import { submitReport } from './submit-report.js';
import { exportSupervision, listSupervision } from './supervision-list.js';
import { yearStart } from './targets.js';
import { updateIndicator, updatePlan } from './update-plan.js';
import { updateTask } from './update-task.js';
import { drillDown, indicatorValue } from './values.js';

async function planOr404(db: Db, id: string) {
  const plan = await findPlan(db, id);
  if (!plan) throw new AppError('NOT_FOUND');
  return plan;
}

/** Plan tracking (issue 6): plans, reports, supervision, dashboard. docs/plan-file-format.md. */
export function planRoutes(app: App): void {
  route(app, c.listPlans, { access: 'read:plan' }, async ({ actor, deps }) => {
    return { items: (await listPlanRows(deps.db)).map((p) => presentPlanSummary(actor, p)) };
  });

  route(app, c.importPlan, { access: 'manage:plan' }, async ({ actor, body, deps }) => {
    const { planId, warnings } = await withTx(deps.db, (tx) => importPlan(tx, actor, body, deps.clock()));
    return { ...(await planDetail(deps.db, actor, await planOr404(deps.db, planId))), warnings };
  });

  route(app, c.getPlan, { access: 'read:plan' }, async ({ actor, params, deps }) => {
    return planDetail(deps.db, actor, await planOr404(deps.db, params.id));
  });

  route(app, c.updatePlan, { access: 'manage:plan' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => updatePlan(tx, actor, params.id, body, deps.clock()));
    return planDetail(deps.db, actor, await planOr404(deps.db, params.id));
  });

  route(app, c.updateIndicator, { access: 'manage:plan' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => updateIndicator(tx, actor, params.id, params.indicatorId, body));
    const ind = (await findIndicator(deps.db, params.id, params.indicatorId))!;
    const detail = await planDetail(deps.db, actor, await planOr404(deps.db, params.id));
    const number = detail.tasks.find((t) => t.id === ind.taskId)?.number ?? null;
    return presentIndicator(ind, (await targetsOf(deps.db, [ind.id])).get(ind.id) ?? [], number);
  });

  route(app, c.updateTask, { access: 'manage:plan' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => updateTask(tx, actor, params.id, params.taskId, body));
    const detail = await planDetail(deps.db, actor, await planOr404(deps.db, params.id));
    return detail.tasks.find((t) => t.id === params.taskId)!;
  });

  route(app, c.getDashboard, { access: 'monitor:plan' }, async ({ actor, params, query, deps }) => {
    return buildDashboard(deps.db, actor, await planOr404(deps.db, params.id), deps.clock(), query.year);
  });

  route(app, c.listIndicatorRecords, { access: 'monitor:plan' }, async ({ params, query, deps }) => {
    const plan = await planOr404(deps.db, params.id);
    const ind = await findIndicator(deps.db, plan.id, params.indicatorId);
    if (!ind) throw new AppError('NOT_FOUND');
    const now = deps.clock();
    const year = dashboardYear(plan, now, query.year);
    const asOf = now < yearStart(year + 1) ? now : new Date(yearStart(year + 1).getTime() - 1);
    const { value } = await indicatorValue(deps.db, plan, ind, year, asOf);
    const { source, items, total } = await drillDown(deps.db, plan, ind, year, asOf, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return {
      year,
      source,
      value,
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: items.map((i) => ({ ...i, at: i.at.toISOString() })),
    };
  });

  route(app, c.exportPlanStatus, { access: 'monitor:plan' }, async ({ actor, params, query, deps, reply }) => {
    const out = await exportPlanStatus(deps.db, actor, await planOr404(deps.db, params.id), deps.clock(), query.year);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer });
  });

  route(app, c.exportPlanReportPdf, { access: 'monitor:plan' }, async ({ actor, params, query, deps, reply }) => {
    const out = await exportPlanReportPdf(deps.db, actor, await planOr404(deps.db, params.id), deps.clock(), query.year);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer });
  });

  route(app, c.publicStatistics, { access: 'public' }, async ({ deps }) => {
    const now = deps.clock();
    const plan = await currentPlan(deps.db, districtToday(now));
    if (!plan) throw new AppError('NOT_FOUND');
    const year = dashboardYear(plan, now);
    const { asOf, indicators } = await indicatorStatuses(deps.db, plan, year, now, { publicOnly: true });
    return {
      plan: { title: plan.title, issuingBody: plan.issuingBody, startDate: plan.startDate, endDate: plan.endDate },
      year,
      asOf: asOf.toISOString(),
      indicators: indicators.map((i) => ({
        code: i.code,
        name: i.name,
        nameEn: i.nameEn,
        unit: i.unit,
        aggregation: i.aggregation,
        value: i.value,
        targetThisYear: i.targetThisYear,
        targetAtEnd: i.targetAtEnd,
        status: i.status,
        monthly: i.monthly,
      })),
    };
  });

  route(app, c.submitReport, { access: 'submit:plan_report' }, async ({ actor, params, body, deps }) => {
    const id = await withTx(deps.db, (tx) => submitReport(tx, actor, params.id, params.taskId, body, deps.clock()));
    return reportView(deps.db, actor, id);
  });

  route(app, c.listReports, { access: 'read:plan_report' }, async ({ actor, params, query, deps }) => {
    const { page, pageSize, ...filter } = query;
    await planOr404(deps.db, params.id);
    const { items, total } = await reportViews(deps.db, actor, reportScope(actor, params.id, filter), { limit: pageSize, offset: (page - 1) * pageSize });
    return { items, total, page, pageSize };
  });

  route(app, c.getReport, { access: 'read:plan_report' }, async ({ actor, params, deps }) => reportView(deps.db, actor, params.id));

  route(app, c.acceptReport, { access: 'review:plan_report' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => acceptReport(tx, actor, params.id, body, deps.clock()));
    return reportView(deps.db, actor, params.id);
  });

  route(app, c.returnReport, { access: 'review:plan_report' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => returnReport(tx, actor, params.id, body, deps.clock()));
    return reportView(deps.db, actor, params.id);
  });

  route(app, c.listSupervision, { access: 'supervise:plan' }, async ({ params, query, deps }) => {
    const { page, pageSize, ...filter } = query;
    await planOr404(deps.db, params.id);
    const { items, total } = await listSupervision(deps.db, params.id, filter, deps.clock(), { limit: pageSize, offset: (page - 1) * pageSize });
    return { items, total, page, pageSize };
  });

  route(app, c.exportSupervision, { access: 'supervise:plan' }, async ({ params, query, deps, reply }) => {
    await planOr404(deps.db, params.id);
    const out = await exportSupervision(deps.db, params.id, query, deps.clock());
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });
}
