import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyListingOwners } from './notify-owners.js';
import { updateListing, updateRevision } from './repository.js';
import { loadForReview } from './review-revision.js';
import { transition } from './transitions.js';

/**
 * Send a submitted revision back to its owner with reasons. A listing never
 * published becomes "returned"; a published one stays published with its
 * pending revision returned. The reasons stay on the revision in the history.
 */
export async function returnRevision(
  tx: Tx,
  actor: Actor,
  revisionId: string,
  input: { reasons: string },
  now: Date,
): Promise<{ recordId: string; kind: ListingKind }> {
  const { kind, row, revision, pendingStatus } = await loadForReview(tx, actor, revisionId);
  const next = transition(kind, 'return', row.status, pendingStatus);
  await updateRevision(tx, revision.id, { status: 'returned', reviewedAt: now, reviewedBy: actor.userId, reviewNote: input.reasons, updatedAt: now });
  await updateListing(tx, kind, row.id, { status: next.status, ...(next.status !== row.status ? { updatedAt: now } : {}) });
  await notifyListingOwners(tx, {
    kind: 'listing.returned',
    listingKind: kind,
    recordId: row.id,
    organisationId: row.organisationId,
    submittedBy: revision.submittedBy,
    params: { kind, title: (revision.content as { title: string }).title, reasons: input.reasons },
  });
  await recordAudit(tx, actor, {
    action: 'listing.return',
    entityType: kind,
    entityId: row.id,
    changes: {
      status: { before: row.status, after: next.status },
      revision: { before: null, after: revision.number },
      reasons: { before: null, after: input.reasons },
    },
  });
  return { recordId: row.id, kind };
}
