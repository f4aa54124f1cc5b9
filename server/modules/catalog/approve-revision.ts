import { REVIEW_CHECKLIST } from '../../../shared/contracts/catalog.js';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notifyListingOwners } from './notify-owners.js';
import { recordColumns } from './record-columns.js';
import { updateListing, updateRevision } from './repository.js';
import { loadForReview } from './review-revision.js';
import { reindexListingJob } from './search/index-listing.js';
import { transition } from './transitions.js';

export type ReviewChecklistItem = (typeof REVIEW_CHECKLIST)[number];

/** The reviewer confirms every item of REVIEW_CHECKLIST, or nothing is approved. */
export function assertChecklistComplete(checklist: readonly ReviewChecklistItem[]): void {
  const unticked = REVIEW_CHECKLIST.filter((item) => !checklist.includes(item));
  if (unticked.length > 0) {
    throw AppError.field(
      'checklist',
      `请先完成审核清单的全部项目（未勾选：${unticked.join('、')}）`,
      `Tick every item of the review checklist first (missing: ${unticked.join(', ')})`,
    );
  }
}

/**
 * Approve a submitted revision and publish it: the record's columns take its
 * content, the previously approved revision becomes superseded, the search
 * index is refreshed after commit and the submitter and the organisation's
 * administrators are told. The reviewer must have ticked every checklist item.
 */
export async function approveRevision(
  tx: Tx,
  actor: Actor,
  revisionId: string,
  input: { checklist: readonly ReviewChecklistItem[]; note?: string },
  now: Date,
): Promise<{ recordId: string; kind: ListingKind }> {
  assertChecklistComplete(input.checklist);
  const { kind, row, revision, pendingStatus } = await loadForReview(tx, actor, revisionId);
  const next = transition(kind, 'approve', row.status, pendingStatus);

  await updateRevision(tx, revision.id, {
    status: 'approved',
    reviewedAt: now,
    reviewedBy: actor.userId,
    reviewNote: input.note?.trim() || null,
    reviewChecklist: [...input.checklist],
    updatedAt: now,
  });
  if (row.publishedRevisionId) await updateRevision(tx, row.publishedRevisionId, { status: 'superseded', updatedAt: now });
  await updateListing(tx, kind, row.id, {
    ...recordColumns(kind, revision.content),
    status: next.status,
    publishedRevisionId: revision.id,
    pendingRevisionId: null,
    // An approved edit of a live listing keeps its publication date; a first or renewed publication starts one.
    publishedAt: row.status === 'published' && row.publishedAt ? row.publishedAt : now,
    updatedAt: now,
  });
  await enqueue(tx, reindexListingJob, { kind, id: row.id });
  const title = (revision.content as { title: string }).title;
  await notifyListingOwners(tx, {
    kind: 'listing.published',
    listingKind: kind,
    recordId: row.id,
    organisationId: row.organisationId,
    submittedBy: revision.submittedBy,
    params: { kind, title },
  });
  await recordAudit(tx, actor, {
    action: 'listing.approve',
    entityType: kind,
    entityId: row.id,
    changes: {
      status: { before: row.status, after: next.status },
      revision: { before: null, after: revision.number },
      ...(row.title !== title ? { title: { before: row.title, after: title } } : {}),
      checklist: { before: null, after: [...input.checklist] },
    },
  });
  return { recordId: row.id, kind };
}
