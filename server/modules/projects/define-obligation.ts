import { eq } from 'drizzle-orm';
import type { ObligationKind } from '../../../shared/contracts/projects.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { findObligation, findProject, type ObligationRow, type ProjectRow } from './repository.js';
import { projectObligations } from './schema.js';

export type ObligationInput = { kind: ObligationKind; title: string; dueDate: string };

/** The bureau adds what a project owes: an achievement to register or a 科技报告, by a due date. */
export async function defineObligation(tx: Tx, actor: Actor, projectId: string, input: ObligationInput, now: Date): Promise<{ obligation: ObligationRow; project: ProjectRow }> {
  // Locked so that editing the project and adding obligations do not interleave.
  const project = await findProject(tx, projectId, { forUpdate: true });
  if (!project) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'project', { organisationId: project.undertakingOrgId });
  const [row] = await tx
    .insert(projectObligations)
    .values({ projectId, kind: input.kind, title: input.title, dueDate: input.dueDate, status: 'pending', createdAt: now })
    .returning();
  await recordAudit(tx, actor, {
    action: 'obligation.define',
    entityType: 'project_obligation',
    entityId: row!.id,
    changes: diff(null, { projectId, ...input }),
  });
  return { obligation: row!, project };
}

/**
 * The bureau corrects an obligation's title or due date (a new due date also
 * changes when it becomes overdue). Its kind changes only while nothing has
 * been submitted; an accepted obligation is closed.
 */
export async function updateObligation(tx: Tx, actor: Actor, id: string, patch: Partial<ObligationInput>): Promise<{ obligation: ObligationRow; project: ProjectRow }> {
  const before = await findObligation(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  const project = (await findProject(tx, before.projectId))!;
  requireCan(actor, 'manage', 'project', { organisationId: project.undertakingOrgId });
  if (before.status === 'accepted') {
    throw new AppError('INVALID_STATE', { message: { zh: '该义务已验收，不能再修改。', en: 'This obligation has been accepted and can no longer change.' } });
  }
  if (patch.kind !== undefined && patch.kind !== before.kind && before.status !== 'pending') {
    throw AppError.field('kind', '单位已提交过材料，不能再更改义务类型', 'The unit has already submitted against it; its kind can no longer change');
  }
  const next = {
    kind: patch.kind ?? before.kind,
    title: patch.title ?? before.title,
    dueDate: patch.dueDate ?? before.dueDate,
  };
  const changes = diff({ kind: before.kind, title: before.title, dueDate: before.dueDate }, next);
  if (Object.keys(changes).length === 0) return { obligation: before, project };
  const [row] = await tx.update(projectObligations).set(next).where(eq(projectObligations.id, id)).returning();
  await recordAudit(tx, actor, { action: 'obligation.update', entityType: 'project_obligation', entityId: id, changes });
  return { obligation: row!, project };
}
