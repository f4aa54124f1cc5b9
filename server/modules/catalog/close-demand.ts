import type { DEMAND_CLOSE_REASONS } from '../../../shared/contracts/catalog.js';
import type { Actor } from '../../core/access.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadListingFor } from './load-listing.js';
import { findListing, updateListing, updateRevision, type ListingRow } from './repository.js';
import { reindexListingJob } from './search/index-listing.js';
import { transition } from './transitions.js';

/**
 * Close a published demand: solved here or elsewhere, or no longer needed,
 * with a note on how. Closing is final; the note stays on the record for the
 * bureau's statistics on solved demands.
 */
export async function closeDemand(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { reason: (typeof DEMAND_CLOSE_REASONS)[number]; note: string },
  now: Date,
): Promise<ListingRow> {
  const { row, pending, pendingStatus } = await loadListingFor(tx, actor, 'demand', id, 'close');
  const next = transition('demand', 'close', row.status, pendingStatus);
  if (pending && next.pending !== pendingStatus) await updateRevision(tx, pending.id, { status: next.pending!, updatedAt: now });
  await updateListing(tx, 'demand', id, { status: next.status, closedReason: input.reason, closedNote: input.note, closedAt: now, updatedAt: now });
  await enqueue(tx, reindexListingJob, { kind: 'demand', id });
  await recordAudit(tx, actor, {
    action: 'listing.close',
    entityType: 'demand',
    entityId: id,
    changes: {
      status: { before: row.status, after: next.status },
      closedReason: { before: null, after: input.reason },
      closedNote: { before: null, after: input.note },
    },
  });
  return (await findListing(tx, 'demand', id))!;
}
