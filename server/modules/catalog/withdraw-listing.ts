import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Actor } from '../../core/access.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadListingFor } from './load-listing.js';
import { findListing, updateListing, updateRevision, type ListingRow } from './repository.js';
import { reindexListingJob } from './search/index-listing.js';
import { transition } from './transitions.js';

/**
 * Take a published listing off the public pages, saying why (the reason goes
 * to the audit log). A revision under review is recalled to draft so that no
 * reviewer republishes it unasked; saving and submitting brings it back.
 */
export async function withdrawListing(tx: Tx, actor: Actor, kind: ListingKind, id: string, input: { reason: string }, now: Date): Promise<ListingRow> {
  const { row, pending, pendingStatus } = await loadListingFor(tx, actor, kind, id, 'withdraw');
  const next = transition(kind, 'withdraw', row.status, pendingStatus);
  if (pending && next.pending !== pendingStatus) await updateRevision(tx, pending.id, { status: next.pending!, updatedAt: now });
  await updateListing(tx, kind, id, { status: next.status, updatedAt: now });
  await enqueue(tx, reindexListingJob, { kind, id });
  await recordAudit(tx, actor, {
    action: 'listing.withdraw',
    entityType: kind,
    entityId: id,
    changes: { status: { before: row.status, after: next.status }, reason: { before: null, after: input.reason } },
  });
  return (await findListing(tx, kind, id))!;
}
