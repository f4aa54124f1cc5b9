import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { unitAdmins } from '../projects/notices.js';
import { planMilestones, planReports, planTasks } from './schema.js';
import { canTransition } from './transitions.js';

type ReportRow = typeof planReports.$inferSelect;

/** Lock a submitted report for the bureau's decision. */
async function loadForReview(tx: Tx, actor: Actor, id: string, to: 'accepted' | 'returned'): Promise<ReportRow> {
  const [report] = await tx.select().from(planReports).where(eq(planReports.id, id)).for('update');
  if (!report) throw new AppError('NOT_FOUND');
  requireCan(actor, 'review', 'plan_report', { organisationId: report.organisationId });
  if (!canTransition(report.status as 'submitted', to)) {
    throw new AppError('INVALID_STATE', {
      message: { zh: '只有已报送、待审核的进度报告才能采纳或退回。', en: 'Only a submitted report awaiting review can be accepted or returned.' },
    });
  }
  return report;
}

/** Tell whoever submitted and the unit's administrators. */
async function tellUnit(tx: Tx, report: ReportRow, kind: 'plan_report.accepted' | 'plan_report.returned', note: string | null): Promise<void> {
  const [task] = await tx.select().from(planTasks).where(eq(planTasks.id, report.taskId));
  const admins = await unitAdmins(tx, report.organisationId);
  await notify(tx, {
    userIds: [...admins.map((a) => a.id), ...(report.submittedBy ? [report.submittedBy] : [])],
    kind,
    params: { taskNumber: task!.number, taskTitle: task!.title, period: report.period, note },
    link: `/console/plan-reports/${report.id}`,
  });
}

/**
 * The bureau accepts a report (submitted → accepted, final): its figures now
 * count towards the indicators, and milestones it declares reached are marked so.
 */
export async function acceptReport(tx: Tx, actor: Actor, id: string, input: { note?: string }, now: Date): Promise<void> {
  const report = await loadForReview(tx, actor, id, 'accepted');
  const note = input.note?.trim() || null;
  await tx.update(planReports).set({ status: 'accepted', reviewedAt: now, reviewedBy: actor.userId, reviewNote: note, updatedAt: now }).where(eq(planReports.id, id));
  if (report.milestoneIds.length) {
    await tx
      .update(planMilestones)
      .set({ reachedAt: now, reachedByReportId: id })
      .where(and(inArray(planMilestones.id, report.milestoneIds), isNull(planMilestones.reachedAt), isNull(planMilestones.indicatorId)));
  }
  await tellUnit(tx, report, 'plan_report.accepted', note);
  await recordAudit(tx, actor, {
    action: 'plan_report.accept',
    entityType: 'plan_report',
    entityId: id,
    changes: { status: { before: report.status, after: 'accepted' }, reviewNote: { before: report.reviewNote, after: note } },
  });
}

/** The bureau returns a report with a note the unit sees (submitted → returned). */
export async function returnReport(tx: Tx, actor: Actor, id: string, input: { note: string }, now: Date): Promise<void> {
  const note = input.note.trim();
  const report = await loadForReview(tx, actor, id, 'returned');
  if (!note) throw AppError.field('note', '退回时请说明原因，报送单位会看到它', 'Say why it is returned; the unit will see it');
  await tx.update(planReports).set({ status: 'returned', reviewedAt: now, reviewedBy: actor.userId, reviewNote: note, updatedAt: now }).where(eq(planReports.id, id));
  await tellUnit(tx, report, 'plan_report.returned', note);
  await recordAudit(tx, actor, {
    action: 'plan_report.return',
    entityType: 'plan_report',
    entityId: id,
    changes: { status: { before: report.status, after: 'returned' }, reviewNote: { before: report.reviewNote, after: note } },
  });
}
