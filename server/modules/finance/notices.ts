import { FINANCE_KIND_LABELS, type FinanceKind } from '../../../shared/contracts/finance.js';
import type { DbOrTx } from '../../db/client.js';
import { notify, notifyRole } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';
import type { FinanceRow } from './repository.js';

export const financeLink = (id: string) => `/console/finance/records/${id}`;

function params(r: FinanceRow): Record<string, unknown> {
  const label = FINANCE_KIND_LABELS[r.kind as FinanceKind];
  return { recordId: r.id, kindZh: label.zh, kindEn: label.en, institution: r.institutionName, amountYuan: (r.amountFen / 100).toFixed(2) };
}

/** The filer side: whoever registered the record and the organisation's administrators. */
export async function notifyFiler(tx: DbOrTx, r: FinanceRow, kind: string, extra: Record<string, unknown> = {}): Promise<void> {
  const ids = (await listOrgMembers(tx, r.organisationId)).filter((m) => m.status === 'active' && (m.roles.includes('org_admin') || m.id === r.createdBy)).map((m) => m.id);
  await notify(tx, { userIds: ids, kind, params: { ...params(r), ...extra }, link: financeLink(r.id) });
}

/** Every bureau reviewer (they hold review:financing). */
export async function notifyReviewers(tx: DbOrTx, r: FinanceRow, kind: string, extra: Record<string, unknown> = {}): Promise<void> {
  await notifyRole(tx, 'reviewer', { kind, params: { ...params(r), ...extra }, link: financeLink(r.id) });
}
