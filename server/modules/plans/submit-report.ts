import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notifyRole } from '../notifications/notify.js';
import { districtToday } from '../projects/due-dates.js';
import type { FieldProblem } from './plan-file.js';
import { periodEnd, periodMatchesCadence, periodStart } from './periods.js';
import { findPlan, findTask, milestonesOf, planIndicatorRows, responsibleUnits, type TaskRow } from './repository.js';
import { planReportFigures, planReportFiles, planReports, planSupervisionItems } from './schema.js';
import { canTransition } from './transitions.js';
import { resolveSource } from './values.js';

export type SubmitInput = {
  period: string;
  narrative: string;
  figures: { indicatorId: string; value: number; note?: string }[];
  evidenceFileIds: string[];
  milestoneIds: string[];
};

/**
 * A responsible unit (lead or co) reports on a task for one period of the
 * task's cadence, for its own organisation: a first report, or again after
 * the bureau returned it. Figures only for the task's reported indicators,
 * checked per unit; evidence files of the unit's own uploads. The row is
 * locked (or its unique key guards a concurrent first insert). Submitting
 * closes the unit's open supervision item for that period.
 */
export async function submitReport(tx: Tx, actor: Actor, planId: string, taskId: string, input: SubmitInput, now: Date): Promise<string> {
  const plan = await findPlan(tx, planId);
  const task = plan ? await findTask(tx, planId, taskId) : null;
  if (!plan || !task) throw new AppError('NOT_FOUND');
  const orgId = actor.organisationId;
  requireCan(actor, 'submit', 'plan_report', { organisationId: orgId });
  if (plan.status !== 'active') {
    throw new AppError('INVALID_STATE', { message: { zh: '该方案未处于执行状态，不能报送。', en: 'This plan is not active; reports cannot be submitted.' } });
  }
  const units = await responsibleUnits(tx, [task]);
  if (!orgId || !units.some((u) => u.organisationId === orgId)) {
    throw new AppError('FORBIDDEN', { message: { zh: '本单位不是该任务的责任单位。', en: 'Your organisation is not responsible for this task.' } });
  }
  await checkInput(tx, plan, task, input, districtToday(now));
  try {
    await assertFilesUsable(tx, actor, input.evidenceFileIds);
  } catch (e) {
    if (e instanceof AppError && e.options.fields) {
      throw new AppError('VALIDATION_FAILED', { fields: e.options.fields.map((f) => ({ ...f, path: f.path.replace(/^attachments\.(\d+)\.fileId$/, 'evidenceFileIds.$1') })) });
    }
    throw e;
  }

  const [before] = await tx
    .select()
    .from(planReports)
    .where(and(eq(planReports.taskId, taskId), eq(planReports.organisationId, orgId), eq(planReports.period, input.period)))
    .for('update');
  const from = (before?.status ?? 'none') as 'none' | 'submitted' | 'accepted' | 'returned';
  if (!canTransition(from, 'submitted')) {
    throw new AppError('INVALID_STATE', {
      message:
        from === 'accepted'
          ? { zh: '该期进度报告已被采纳。', en: 'The report for this period has already been accepted.' }
          : { zh: '该期进度报告已报送，正在等待科技局审核。', en: 'The report for this period was submitted and awaits the bureau’s review.' },
    });
  }
  const values = {
    narrative: input.narrative,
    milestoneIds: input.milestoneIds,
    status: 'submitted',
    submittedBy: actor.userId,
    submittedAt: now,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    updatedAt: now,
  };
  let reportId: string;
  if (before) {
    await tx.update(planReports).set(values).where(eq(planReports.id, before.id));
    await tx.delete(planReportFigures).where(eq(planReportFigures.reportId, before.id));
    await tx.delete(planReportFiles).where(eq(planReportFiles.reportId, before.id));
    reportId = before.id;
  } else {
    const [row] = await tx
      .insert(planReports)
      .values({ ...values, planId, taskId, organisationId: orgId, period: input.period, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: planReports.id });
    // Another submission for the same unit and period committed first.
    if (!row) throw new AppError('CONFLICT', { fields: [{ path: 'period', zh: '该期进度报告刚刚已由本单位报送', en: 'Your organisation has just submitted the report for this period' }] });
    reportId = row.id;
  }
  if (input.figures.length) {
    await tx.insert(planReportFigures).values(input.figures.map((f) => ({ reportId, indicatorId: f.indicatorId, value: f.value, note: f.note?.trim() || null })));
  }
  if (input.evidenceFileIds.length) {
    await tx.insert(planReportFiles).values([...new Set(input.evidenceFileIds)].map((fileId, i) => ({ reportId, fileId, sortOrder: i })));
  }
  await tx
    .update(planSupervisionItems)
    .set({ resolvedAt: now })
    .where(and(eq(planSupervisionItems.taskId, taskId), eq(planSupervisionItems.organisationId, orgId), eq(planSupervisionItems.period, input.period), isNull(planSupervisionItems.resolvedAt)));
  const unit = units.find((u) => u.organisationId === orgId)!;
  await notifyRole(tx, 'reviewer', {
    kind: 'plan_report.submitted',
    params: { organisationName: unit.name, taskNumber: task.number, taskTitle: task.title, period: input.period },
    link: `/console/plan-reports/${reportId}`,
  });
  await recordAudit(tx, actor, {
    action: before ? 'plan_report.resubmit' : 'plan_report.submit',
    entityType: 'plan_report',
    entityId: reportId,
    changes: diff(
      before ? { status: before.status, narrative: before.narrative } : { status: null },
      { status: 'submitted', narrative: input.narrative, period: input.period, figures: input.figures.map((f) => `${f.indicatorId}=${f.value}`), evidence: input.evidenceFileIds.length },
    ),
  });
  return reportId;
}

/** Period, figures and milestones against the task; every problem named by field. */
async function checkInput(tx: Tx, plan: { startDate: string; endDate: string }, task: TaskRow, input: SubmitInput, today: string): Promise<void> {
  const problems: FieldProblem[] = [];
  const add = (path: string, zh: string, en: string) => problems.push({ path, zh, en });
  if (!periodMatchesCadence(input.period, task.cadence === 'monthly' ? 'monthly' : 'quarterly')) {
    add(
      'period',
      task.cadence === 'monthly' ? '该任务按月报送，期次格式为 YYYY-MM' : '该任务按季度报送，期次格式为 YYYY-Qn',
      task.cadence === 'monthly' ? 'This task reports monthly; the period is YYYY-MM' : 'This task reports quarterly; the period is YYYY-Qn',
    );
  } else if (periodEnd(input.period) < plan.startDate || periodStart(input.period) > plan.endDate) {
    add('period', `期次须在方案期限（${plan.startDate} 至 ${plan.endDate}）内`, `The period must lie within the plan (${plan.startDate} to ${plan.endDate})`);
  } else if (periodStart(input.period) > today) {
    add('period', '不能报送尚未开始的期次', 'A period that has not begun cannot be reported');
  }

  const indicators = new Map((await planIndicatorRows(tx, task.planId)).filter((i) => i.taskId === task.id).map((i) => [i.id, i]));
  const seen = new Set<string>();
  for (const [n, f] of input.figures.entries()) {
    const ind = indicators.get(f.indicatorId);
    if (!ind) {
      add(`figures.${n}.indicatorId`, '该指标不属于此任务', 'This indicator does not belong to the task');
      continue;
    }
    if (seen.has(f.indicatorId)) add(`figures.${n}.indicatorId`, '同一指标只能填报一次', 'Each indicator may be reported once');
    seen.add(f.indicatorId);
    if ((await resolveSource(tx, ind)).source === 'computed') {
      add(`figures.${n}.indicatorId`, '该指标由平台数据自动计算，无需填报', 'This indicator is computed from the platform’s records and is not reported');
    } else if (ind.unit === 'yesno' && f.value > 1) {
      add(`figures.${n}.value`, '是/否指标只能填 0（否）或 1（是）', 'A yes/no figure is 0 (no) or 1 (yes)');
    } else if (ind.unit === 'percent' && f.value > 10_000) {
      add(`figures.${n}.value`, '百分比以万分之一为单位，最大 10000（即 100%）', 'Percentages are in hundredths of a percent, at most 10000 (100%)');
    }
  }

  const milestones = new Map((await milestonesOf(tx, [task.id])).map((m) => [m.id, m]));
  input.milestoneIds.forEach((id, n) => {
    const m = milestones.get(id);
    if (!m) add(`milestoneIds.${n}`, '该里程碑不属于此任务', 'This milestone does not belong to the task');
    else if (m.indicatorId) add(`milestoneIds.${n}`, '该里程碑按指标数值判定完成，无需声明', 'This milestone is reached by its indicator’s value, not by declaration');
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
}
