import { and, eq } from 'drizzle-orm';
import { KIND_PATH, type RegistryKind } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { indexEntry } from './index-entry.js';
import { columnsOf, contentOf, type EntryRow, KINDS } from './kinds.js';
import { loadEntryFor, type LoadedEntry } from './load-entry.js';
import { updateEntry, updateRevision } from './repository.js';
import { registryRevisions } from './schema.js';

async function loadSubmitted(tx: Tx, actor: Actor, kind: RegistryKind, id: string): Promise<LoadedEntry & { pending: NonNullable<LoadedEntry['pending']> }> {
  const loaded = await loadEntryFor(tx, actor, kind, id, 'review');
  if (!loaded.pending || loaded.pending.status !== 'submitted') {
    throw new AppError('INVALID_STATE', { message: { zh: '该登记没有待审核的内容。', en: 'Nothing of this entry awaits review.' } });
  }
  if (loaded.pending.submittedBy && loaded.pending.submittedBy === actor.userId) {
    throw new AppError('FORBIDDEN', { message: { zh: '不能审核自己提交的内容。', en: 'You cannot review your own submission.' } });
  }
  return loaded as LoadedEntry & { pending: NonNullable<LoadedEntry['pending']> };
}

const recipients = (row: EntryRow, submittedBy: string | null) => [submittedBy, row.createdBy, (row.userId as string | undefined) ?? null].filter((x): x is string => !!x);

/**
 * Approves the submitted revision: it becomes the public version (the
 * entry's columns mirror it, the search vector is rebuilt), the previously
 * approved revision is superseded.
 */
export async function approveEntry(tx: Tx, actor: Actor, kind: RegistryKind, id: string, now: Date): Promise<EntryRow> {
  const def = KINDS[kind];
  const { row, pending } = await loadSubmitted(tx, actor, kind, id);
  const before = row.publishedRevisionId ? contentOf(def, row) : null;
  await tx
    .update(registryRevisions)
    .set({ status: 'superseded', updatedAt: now })
    .where(and(eq(registryRevisions.kind, kind), eq(registryRevisions.entryId, row.id), eq(registryRevisions.status, 'approved')));
  await updateRevision(tx, pending.id, { status: 'approved', reviewedAt: now, reviewedBy: actor.userId, updatedAt: now });
  const content = pending.content as Record<string, unknown>;
  const updated = await updateEntry(tx, kind, row.id, {
    ...columnsOf(def, content),
    status: 'published',
    publishedRevisionId: pending.id,
    pendingRevisionId: null,
    publishedAt: row.status === 'published' && row.publishedAt ? row.publishedAt : now,
    updatedAt: now,
  });
  await indexEntry(tx, kind, updated);
  await notify(tx, { userIds: recipients(row, pending.submittedBy), kind: 'registry.approved', params: { kind, name: updated.name }, link: `/console/registries/${KIND_PATH[kind]}/${row.id}` });
  await recordAudit(tx, actor, { action: `${kind}.approve`, entityType: kind, entityId: row.id, changes: { revision: pending.number, ...diff(before, content) } });
  return updated;
}

/** Returns the submitted revision with reasons; a published entry stays public as approved. */
export async function returnEntry(tx: Tx, actor: Actor, kind: RegistryKind, id: string, input: { reason: string }, now: Date): Promise<EntryRow> {
  const { row, pending } = await loadSubmitted(tx, actor, kind, id);
  await updateRevision(tx, pending.id, { status: 'returned', reviewedAt: now, reviewedBy: actor.userId, reviewNote: input.reason, updatedAt: now });
  const updated = await updateEntry(tx, kind, row.id, { status: row.publishedRevisionId ? row.status : 'returned', updatedAt: now });
  const name = String((pending.content as { name?: unknown }).name ?? row.name);
  await notify(tx, { userIds: recipients(row, pending.submittedBy), kind: 'registry.returned', params: { kind, name, reason: input.reason }, link: `/console/registries/${KIND_PATH[kind]}/${row.id}` });
  await recordAudit(tx, actor, { action: `${kind}.return`, entityType: kind, entityId: row.id, changes: { revision: pending.number, reason: input.reason } });
  return updated;
}
