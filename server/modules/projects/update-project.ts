import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { assertProjectFields, type ProjectInput } from './register-project.js';
import { findProject, type ProjectRow } from './repository.js';
import { fundedProjects } from './schema.js';

const FIELDS = ['programme', 'projectNo', 'title', 'undertakingOrgId', 'startDate', 'endDate', 'amountFen'] as const;

/** The bureau corrects a project's register entry; the row is locked while checked and changed. */
export async function updateProject(tx: Tx, actor: Actor, id: string, patch: Partial<ProjectInput>, now: Date): Promise<ProjectRow> {
  const before = await findProject(tx, id, { forUpdate: true });
  if (!before) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'project', { organisationId: before.undertakingOrgId });
  const next: ProjectInput = { ...pick(before), ...definedOnly(patch) };
  await assertProjectFields(tx, next, id);
  const changes = diff(pick(before), next);
  if (Object.keys(changes).length === 0) return before;
  const [row] = await tx.update(fundedProjects).set({ ...next, updatedAt: now }).where(eq(fundedProjects.id, id)).returning();
  await recordAudit(tx, actor, { action: 'project.update', entityType: 'funded_project', entityId: id, changes });
  return row!;
}

function pick(p: ProjectRow): ProjectInput {
  return Object.fromEntries(FIELDS.map((k) => [k, p[k]])) as ProjectInput;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
