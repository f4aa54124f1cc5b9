import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadListingFor } from './load-listing.js';
import { recordColumns } from './record-columns.js';
import { deleteListing, deleteRevision, previousRevision, updateListing } from './repository.js';
import { oncePublished, transition } from './transitions.js';

/**
 * Drop the unsubmitted working revision. A listing whose only revision is
 * that draft is deleted altogether; before the first approval, a draft
 * started from a returned revision gives way to it again; after it, the
 * published version simply stays (a returned revision is kept in the history,
 * only unlinked). Reviewed revisions are never deleted.
 */
export async function discardListingDraft(tx: Tx, actor: Actor, kind: ListingKind, id: string, now: Date): Promise<{ deleted: boolean }> {
  const { row, pending, pendingStatus } = await loadListingFor(tx, actor, kind, id, 'update');
  const next = transition(kind, 'discard_draft', row.status, pendingStatus);
  const audit = (changes: Record<string, unknown>) =>
    recordAudit(tx, actor, { action: 'listing.discard_draft', entityType: kind, entityId: id, changes });

  if (!oncePublished(row.status)) {
    const prev = await previousRevision(tx, kind, id, pending!.number);
    if (!prev) {
      await deleteListing(tx, kind, id);
      await audit({ status: { before: row.status, after: null }, title: { before: row.title, after: null } });
      return { deleted: true };
    }
    await deleteRevision(tx, pending!.id);
    await updateListing(tx, kind, id, { status: next.status, pendingRevisionId: prev.id, ...recordColumns(kind, prev.content), updatedAt: now });
    await audit({ status: { before: row.status, after: next.status }, revision: { before: pending!.number, after: prev.number } });
    return { deleted: false };
  }
  if (pending!.status === 'draft') await deleteRevision(tx, pending!.id);
  await updateListing(tx, kind, id, { pendingRevisionId: null });
  await audit({ pendingRevision: { before: pending!.number, after: null } });
  return { deleted: false };
}
