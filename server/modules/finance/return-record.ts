import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { as, loadRecordFor } from './load-record.js';
import { notifyFiler } from './notices.js';
import { type FinanceRow, insertEvent, updateRecord } from './repository.js';
import { transition } from './transitions.js';

/** A reviewer returns a submitted record with a note for the filer, who edits and resubmits. */
export async function returnRecord(tx: Tx, actor: Actor, id: string, input: { note: string }, now: Date): Promise<FinanceRow> {
  const { row, part } = await loadRecordFor(tx, actor, id);
  const to = transition('return', row.status, as(part, 'reviewer'));
  const updated = await updateRecord(tx, id, { status: to, returnNote: input.note, reviewerId: actor.userId, reviewedAt: now, updatedAt: now });
  await insertEvent(tx, { recordId: id, type: 'returned', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, body: input.note, now });
  await notifyFiler(tx, updated, 'finance.returned', { note: input.note });
  await recordAudit(tx, actor, { action: 'finance.return', entityType: 'finance_record', entityId: id, changes: { status: { before: row.status, after: to }, note: input.note } });
  return updated;
}
