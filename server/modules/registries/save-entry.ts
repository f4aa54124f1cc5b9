import type { RegistryKind } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { columnsOf, type EntryRow, KINDS } from './kinds.js';
import { loadEntryFor } from './load-entry.js';
import { insertRevision, updateEntry, updateRevision } from './repository.js';
import { validContent } from './validate.js';

const UNDER_REVIEW = { zh: '登记正在审核中，审核完成前不能修改。', en: 'The entry is under review; it cannot be changed until the review ends.' };

/**
 * Saves the owner's draft. Before first publication the entry's own columns
 * follow the draft (the console lists it); once published they keep the
 * approved version and the edit goes to a pending revision, which the public
 * never sees until the bureau approves it. Nothing can change while a
 * submission is under review (INVALID_STATE).
 */
export async function saveEntry(tx: Tx, actor: Actor, kind: RegistryKind, id: string, input: { content: unknown }, now: Date): Promise<EntryRow> {
  const def = KINDS[kind];
  const { row, pending } = await loadEntryFor(tx, actor, kind, id, 'edit');
  const content = validContent(kind, input.content);
  if (pending?.status === 'submitted') throw new AppError('INVALID_STATE', { message: UNDER_REVIEW });
  const before = (pending?.content as Record<string, unknown> | undefined) ?? {};
  let revId = pending?.id ?? null;
  if (pending) await updateRevision(tx, pending.id, { content, status: 'draft', updatedAt: now });
  else revId = (await insertRevision(tx, { kind, entryId: row.id, content, createdBy: actor.userId, now })).id;
  const set: Record<string, unknown> = { pendingRevisionId: revId, updatedAt: now };
  if (!row.publishedRevisionId) Object.assign(set, columnsOf(def, content), { status: 'draft' });
  const updated = await updateEntry(tx, kind, row.id, set);
  await recordAudit(tx, actor, { action: `${kind}.save`, entityType: kind, entityId: row.id, changes: diff(before, content) });
  return updated;
}
