import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { findListing, findRevision, recordOfRevision, type ListingRow, type RevisionRow } from './repository.js';
import type { PendingStatus } from './transitions.js';

/**
 * The opening of a reviewer's decision: find the revision's record, lock it,
 * and only then read the revision again. Two reviewers deciding at once are
 * serialised on the record's row lock; the second reads the first's outcome
 * and fails with INVALID_STATE instead of deciding twice.
 */
export async function loadForReview(
  tx: Tx,
  actor: Actor,
  revisionId: string,
): Promise<{ kind: ListingKind; row: ListingRow; revision: RevisionRow; pendingStatus: PendingStatus }> {
  requireCan(actor, 'review', 'listing');
  const first = await findRevision(tx, revisionId);
  if (!first) throw new AppError('NOT_FOUND');
  const { kind, id } = recordOfRevision(first);
  const row = await findListing(tx, kind, id, { forUpdate: true });
  const revision = await findRevision(tx, revisionId);
  if (!row || !revision) throw new AppError('NOT_FOUND');
  // Only the record's pending revision is under review; an older one (returned, superseded) is history.
  const pendingStatus = (row.pendingRevisionId === revision.id ? revision.status : null) as PendingStatus;
  return { kind, row, revision, pendingStatus };
}
