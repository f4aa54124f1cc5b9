import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { findProjectByNumber, type ProjectRow } from './repository.js';
import { fundedProjects } from './schema.js';

export type ProjectInput = {
  programme: string;
  projectNo: string;
  title: string;
  undertakingOrgId: string;
  startDate: string;
  endDate: string;
  amountFen: number;
};

/**
 * Checks shared by registering and editing: the period runs forwards, the
 * undertaking unit is a verified organisation, and the project number is
 * unique within its programme.
 */
export async function assertProjectFields(tx: Tx, input: ProjectInput, exceptId: string | null): Promise<void> {
  if (input.endDate < input.startDate) {
    throw AppError.field('endDate', '结束日期不能早于开始日期', 'The end date cannot be before the start date');
  }
  const org = await findOrganisation(tx, input.undertakingOrgId);
  if (!org) throw AppError.field('undertakingOrgId', '承担单位不存在', 'No such organisation');
  if (org.verificationStatus !== 'verified') {
    throw AppError.field('undertakingOrgId', '承担单位尚未通过平台审核', 'The undertaking unit is not a verified organisation');
  }
  const clash = await findProjectByNumber(tx, input.programme, input.projectNo);
  if (clash && clash.id !== exceptId) {
    throw new AppError('CONFLICT', {
      fields: [{ path: 'projectNo', zh: '该计划类别下已有相同项目编号', en: 'This programme already has a project with this number' }],
    });
  }
}

/** The bureau registers a fiscally funded project; obligations are added to it afterwards. */
export async function registerProject(tx: Tx, actor: Actor, input: ProjectInput, now: Date): Promise<ProjectRow> {
  requireCan(actor, 'manage', 'project', { organisationId: input.undertakingOrgId });
  await assertProjectFields(tx, input, null);
  const [row] = await tx
    .insert(fundedProjects)
    .values({ ...input, createdBy: actor.userId, createdAt: now, updatedAt: now })
    .returning();
  await recordAudit(tx, actor, {
    action: 'project.register',
    entityType: 'funded_project',
    entityId: row!.id,
    changes: diff(null, { ...input }),
  });
  return row!;
}
