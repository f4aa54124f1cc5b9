import type { DbOrTx } from '../../db/client.js';
import { notify, notifyRole } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';
import type { ContractRow } from './repository.js';

export const contractLink = (id: string) => `/console/contracts/${id}`;

/** The applicant side: its administrators and whoever drafted the registration. */
export async function notifyApplicant(tx: DbOrTx, c: ContractRow, kind: string, params: Record<string, unknown>): Promise<void> {
  const ids = (await listOrgMembers(tx, c.organisationId)).filter((m) => m.status === 'active' && (m.roles.includes('org_admin') || m.id === c.createdBy)).map((m) => m.id);
  await notify(tx, { userIds: ids, kind, params: { contractId: c.id, projectName: c.projectName, ...params }, link: contractLink(c.id) });
}

/** Every registrar (reviewers hold `register:contract`). */
export async function notifyRegistrars(tx: DbOrTx, c: ContractRow, kind: string, params: Record<string, unknown> = {}): Promise<void> {
  await notifyRole(tx, 'reviewer', { kind, params: { contractId: c.id, projectName: c.projectName, ...params }, link: contractLink(c.id) });
}
