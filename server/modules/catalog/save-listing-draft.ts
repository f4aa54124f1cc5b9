import type { AchievementDraft, DemandDraft, ListingKind } from '../../../shared/contracts/catalog-content.js';
import { assertFilesUsable } from '../files/read-file.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { auditableContent, loadListingFor } from './load-listing.js';
import { recordColumns } from './record-columns.js';
import { findListing, findRevision, insertRevision, updateListing, updateRevision, type ListingRow } from './repository.js';
import { oncePublished, transition } from './transitions.js';

/**
 * Save the working revision. A draft revision is updated in place; otherwise
 * (nothing pending on a published listing, or a returned revision) a NEW draft
 * revision is started, so a returned one stays in the history with its
 * reasons. Before the first approval the record's columns follow the draft;
 * after it they keep mirroring the approved revision, so the public page does
 * not change until the edit is approved. A submitted revision cannot be
 * edited (INVALID_STATE): it is what the reviewer is looking at.
 */
export async function saveListingDraft(
  tx: Tx,
  actor: Actor,
  kind: ListingKind,
  id: string,
  content: AchievementDraft | DemandDraft,
  now: Date,
): Promise<ListingRow> {
  const { row, pending, pendingStatus } = await loadListingFor(tx, actor, kind, id, 'update');
  const next = transition(kind, 'save_draft', row.status, pendingStatus);
  await assertFilesUsable(tx, actor, (content.attachments ?? []).map((a) => a.fileId));
  const before = pending ?? (row.publishedRevisionId ? await findRevision(tx, row.publishedRevisionId) : null);

  let revision;
  if (pending?.status === 'draft') {
    await updateRevision(tx, pending.id, { content: content as object, updatedAt: now });
    revision = pending;
  } else {
    revision = await insertRevision(tx, kind, id, { content, createdBy: actor.userId, now });
  }
  await updateListing(tx, kind, id, {
    status: next.status,
    pendingRevisionId: revision.id,
    ...(oncePublished(row.status) ? {} : { ...recordColumns(kind, content), updatedAt: now }),
  });
  await recordAudit(tx, actor, {
    action: 'listing.save_draft',
    entityType: kind,
    entityId: id,
    changes: {
      ...diff({ status: row.status, revision: before?.number ?? null }, { status: next.status, revision: revision.number }),
      ...diff(before ? auditableContent(before.content) : null, auditableContent(content)),
    },
  });
  return (await findListing(tx, kind, id))!;
}
