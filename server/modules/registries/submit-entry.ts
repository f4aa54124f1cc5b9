import { KIND_PATH, type RegistryKind } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyRole } from '../notifications/notify.js';
import type { EntryRow } from './kinds.js';
import { loadEntryFor } from './load-entry.js';
import { updateEntry, updateRevision } from './repository.js';
import { validContent } from './validate.js';

/**
 * Submits the draft (or returned) revision for review. A first registration
 * puts the entry in `submitted`; a change to a published entry leaves it
 * published (the approved version stays public) with the change pending.
 */
export async function submitEntry(tx: Tx, actor: Actor, kind: RegistryKind, id: string, now: Date): Promise<EntryRow> {
  const { row, pending } = await loadEntryFor(tx, actor, kind, id, 'edit');
  if (!pending || (pending.status !== 'draft' && pending.status !== 'returned')) {
    throw new AppError('INVALID_STATE', { message: { zh: '没有可提交的草稿或变更。', en: 'There is no draft or change to submit.' } });
  }
  validContent(kind, pending.content);
  await updateRevision(tx, pending.id, { status: 'submitted', submittedAt: now, submittedBy: actor.userId, updatedAt: now, reviewNote: null });
  const change = row.publishedRevisionId !== null;
  const updated = await updateEntry(tx, kind, row.id, { status: change ? row.status : 'submitted', updatedAt: now });
  const name = String((pending.content as { name?: unknown }).name ?? row.name);
  for (const role of ['reviewer', 'bureau_admin'] as const) {
    await notifyRole(tx, role, { kind: 'registry.submitted', params: { kind, name, change: String(change) }, link: `/console/registries/${KIND_PATH[kind]}/${row.id}` });
  }
  await recordAudit(tx, actor, { action: `${kind}.submit`, entityType: kind, entityId: row.id, changes: { revision: pending.number, change } });
  return updated;
}
