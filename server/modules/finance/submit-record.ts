import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { checkForm, formOf } from './form.js';
import { as, loadRecordFor } from './load-record.js';
import { notifyReviewers } from './notices.js';
import { type FinanceRow, insertEvent, updateRecord } from './repository.js';
import { transition } from './transitions.js';

/**
 * The filer submits (or resubmits after a return): the stored form is checked
 * again, now with the contract or policy required; reviewers are told.
 */
export async function submitRecord(tx: Tx, actor: Actor, id: string, _input: unknown, now: Date): Promise<FinanceRow> {
  const { row, part } = await loadRecordFor(tx, actor, id);
  const to = transition('submit', row.status, as(part, 'filer'));
  await checkForm(tx, actor, formOf(row), { requireFile: true, now });
  const updated = await updateRecord(tx, id, { status: to, submittedAt: now, returnNote: null, updatedAt: now });
  await insertEvent(tx, { recordId: id, type: row.status === 'returned' ? 'resubmitted' : 'submitted', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, now });
  const org = await findOrganisation(tx, row.organisationId);
  await notifyReviewers(tx, updated, 'finance.submitted', { orgName: org?.name ?? '' });
  await recordAudit(tx, actor, { action: 'finance.submit', entityType: 'finance_record', entityId: id, changes: { status: { before: row.status, after: to } } });
  return updated;
}
