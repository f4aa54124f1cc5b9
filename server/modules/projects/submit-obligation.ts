import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { notifyRole } from '../notifications/notify.js';
import { findOrganisation } from '../organisations/repository.js';
import { checkReportNumber } from './report-number.js';
import { findAchievementRef, findByReportNumber, findFileRef, findObligation, findProject, type ObligationRow, type ProjectRow } from './repository.js';
import { projectObligations } from './schema.js';
import { canTransition } from './status.js';

export type SubmissionInput = { achievementId?: string; reportNumber?: string; fileId?: string };

const PDF = 'application/pdf';

/**
 * The undertaking unit submits against an obligation (pending or returned →
 * submitted): for an achievement, one of its own organisation's achievements
 * in any status (acceptance later requires it to be published); for a
 * 科技报告, its GB/T 15416 number and the PDF the unit uploaded.
 */
export async function submitObligation(
  tx: Tx,
  actor: Actor,
  id: string,
  input: SubmissionInput,
  now: Date,
): Promise<{ obligation: ObligationRow; project: ProjectRow }> {
  const before = await findObligation(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  const project = (await findProject(tx, before.projectId))!;
  const unit = { organisationId: project.undertakingOrgId };
  requireCan(actor, 'submit', 'obligation', unit);
  if (!actor.orgVerified) throw new AppError('ORG_NOT_VERIFIED');
  if (!canTransition(before.status, 'submitted')) {
    throw new AppError('INVALID_STATE', {
      message:
        before.status === 'accepted'
          ? { zh: '该义务已验收。', en: 'This obligation has already been accepted.' }
          : { zh: '已提交，正在等待科技局审核。', en: 'Already submitted; it awaits the bureau’s review.' },
    });
  }

  const set =
    before.kind === 'achievement'
      ? await achievementSubmission(tx, input, project.undertakingOrgId)
      : await reportSubmission(tx, input, project.undertakingOrgId, id);
  const after = { ...set, status: 'submitted', submittedAt: now, submittedBy: actor.userId, reviewNote: null };
  const [row] = await tx.update(projectObligations).set(after).where(eq(projectObligations.id, id)).returning();
  const unitOrg = await findOrganisation(tx, project.undertakingOrgId);
  await notifyRole(tx, 'reviewer', {
    kind: 'obligation.submitted',
    params: { projectTitle: project.title, obligationTitle: before.title, organisationName: unitOrg?.name ?? '' },
    link: `/console/projects/${project.id}`,
  });
  await recordAudit(tx, actor, {
    action: before.status === 'returned' ? 'obligation.resubmit' : 'obligation.submit',
    entityType: 'project_obligation',
    entityId: id,
    changes: diff(
      { status: before.status, achievementId: before.achievementId, reportNumber: before.reportNumber, fileId: before.fileId },
      { status: 'submitted', ...set },
    ),
  });
  return { obligation: row!, project };
}

async function achievementSubmission(tx: Tx, input: SubmissionInput, orgId: string) {
  if (!input.achievementId) throw AppError.field('achievementId', '请选择要关联的科技成果', 'Choose the achievement this obligation is met by');
  const a = await findAchievementRef(tx, input.achievementId);
  // Someone else's achievement is reported as missing: its existence is not the caller's business.
  if (!a || a.organisationId !== orgId) {
    throw AppError.field('achievementId', '未找到本单位的该项科技成果', 'No such achievement of your organisation');
  }
  return { achievementId: a.id, reportNumber: null, fileId: null };
}

async function reportSubmission(tx: Tx, input: SubmissionInput, orgId: string, obligationId: string) {
  const fields: { path: string; zh: string; en: string }[] = [];
  let reportNumber: string | null = null;
  if (!input.reportNumber) {
    fields.push({ path: 'reportNumber', zh: '请填写科技报告编号', en: 'Enter the report number' });
  } else {
    const check = checkReportNumber(input.reportNumber);
    if (check.ok) reportNumber = check.normalised;
    else fields.push({ path: 'reportNumber', zh: check.zh, en: check.en });
  }
  if (!input.fileId) {
    fields.push({ path: 'fileId', zh: '请上传科技报告全文（PDF）', en: 'Upload the full report as a PDF' });
  } else {
    const file = await findFileRef(tx, input.fileId);
    if (!file || file.organisationId !== orgId) {
      fields.push({ path: 'fileId', zh: '未找到本单位上传的该文件', en: 'No such file uploaded by your organisation' });
    } else if (file.contentType !== PDF) {
      fields.push({ path: 'fileId', zh: '科技报告须为 PDF 文件', en: 'The report must be a PDF file' });
    }
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  if (await findByReportNumber(tx, reportNumber!, obligationId)) {
    throw new AppError('CONFLICT', {
      fields: [{ path: 'reportNumber', zh: '该报告编号已用于其他义务', en: 'This report number is already used for another obligation' }],
    });
  }
  return { achievementId: null, reportNumber, fileId: input.fileId! };
}
