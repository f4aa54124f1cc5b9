import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { as, loadRecordFor } from './load-record.js';
import { notifyFiler } from './notices.js';
import { type FinanceRow, insertEvent, updateRecord } from './repository.js';
import { transition } from './transitions.js';

/**
 * A reviewer verifies a submitted record against its contract or policy; from
 * now on it counts in the statistics and the plan's finance indicators (by
 * the date signed). Under the row lock, so two reviewers cannot both decide.
 */
export async function verifyRecord(tx: Tx, actor: Actor, id: string, input: { note?: string }, now: Date): Promise<FinanceRow> {
  const { row, part } = await loadRecordFor(tx, actor, id);
  const to = transition('verify', row.status, as(part, 'reviewer'));
  const updated = await updateRecord(tx, id, { status: to, reviewerId: actor.userId, reviewedAt: now, verifiedAt: now, updatedAt: now });
  await insertEvent(tx, { recordId: id, type: 'verified', actorUserId: actor.userId, fromStatus: row.status, toStatus: to, body: input.note ?? null, now });
  await notifyFiler(tx, updated, 'finance.verified');
  await recordAudit(tx, actor, { action: 'finance.verify', entityType: 'finance_record', entityId: id, changes: { status: { before: row.status, after: to }, amountFen: row.amountFen, note: input.note ?? null } });
  return updated;
}
