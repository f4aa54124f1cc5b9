import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { indexEntry } from './index-entry.js';
import { type EntryRow, KINDS } from './kinds.js';
import { loadEntryFor } from './load-entry.js';
import { updateEntry } from './repository.js';

/**
 * Takes a published entry out of the directory: by its owner, or by the
 * bureau (e.g. a recognition revoked), with a reason then. A change under
 * review stays pending; approving it publishes the entry again.
 */
export async function withdrawEntry(tx: Tx, actor: Actor, kind: RegistryKind, id: string, input: { reason: string | null }, now: Date): Promise<EntryRow> {
  const def = KINDS[kind];
  const bureau = can(actor, 'review', def.entity);
  const { row } = await loadEntryFor(tx, actor, kind, id, bureau ? 'review' : 'edit');
  if (row.status !== 'published') throw new AppError('INVALID_STATE', { message: { zh: '只有已公开的登记可以撤下。', en: 'Only a published entry can be withdrawn.' } });
  if (bureau && !can(actor, 'edit', def.entity, def.ownership(row)) && !input.reason) {
    throw AppError.field('reason', '请说明撤下原因', 'Give the reason for withdrawing');
  }
  const updated = await updateEntry(tx, kind, row.id, { status: 'withdrawn', updatedAt: now });
  await indexEntry(tx, kind, updated);
  const owners = [row.createdBy, (row.userId as string | undefined) ?? null].filter((x): x is string => !!x && x !== actor.userId);
  await notify(tx, { userIds: owners, kind: 'registry.withdrawn', params: { kind, name: row.name, reason: input.reason ?? '' } });
  await recordAudit(tx, actor, { action: `${kind}.withdraw`, entityType: kind, entityId: row.id, changes: { status: { before: 'published', after: 'withdrawn' }, reason: input.reason } });
  return updated;
}
