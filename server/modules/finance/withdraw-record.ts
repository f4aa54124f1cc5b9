import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { as, loadRecordFor } from './load-record.js';
import { type FinanceRow, insertEvent, updateRecord } from './repository.js';
import { transition } from './transitions.js';

/** The filer withdraws a record not yet verified (final; the record is kept, never counted). */
export async function withdrawRecord(tx: Tx, actor: Actor, id: string, _input: unknown, now: Date): Promise<FinanceRow> {
  const { row, part } = await loadRecordFor(tx, actor, id);
  const to = transition('withdraw', row.status, as(part, 'filer'));
  const updated = await updateRecord(tx, id, { status: to, updatedAt: now });
  await insertEvent(tx, { recordId: id, type: 'withdrawn', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, now });
  await recordAudit(tx, actor, { action: 'finance.withdraw', entityType: 'finance_record', entityId: id, changes: { status: { before: row.status, after: to } } });
  return updated;
}
