import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { LISTING_STATUSES, REVISION_STATUSES } from '../../../shared/contracts/catalog.js';
import { AppError } from '../../core/errors.js';

export type ListingStatus = (typeof LISTING_STATUSES)[number];
export type RevisionStatus = (typeof REVISION_STATUSES)[number];
/** The status of the record's pending revision (the one beyond the published one), or none. */
export type PendingStatus = RevisionStatus | null;

export type ListingAction = 'save_draft' | 'submit' | 'approve' | 'return' | 'withdraw' | 'close' | 'expire' | 'discard_draft';

/** `same`: the status is left as it was. */
type Row = {
  action: ListingAction;
  kinds?: readonly ListingKind[];
  from: readonly ListingStatus[];
  pending: readonly PendingStatus[];
  to: ListingStatus | 'same';
  pendingTo: PendingStatus | 'same';
};

/** Records that have been published once: their columns mirror the approved revision. */
const ONCE_PUBLISHED: readonly ListingStatus[] = ['published', 'withdrawn', 'expired'];

/**
 * The listing workflow, in one table (drawn in docs/workflows/listing.md).
 * A state is the record's status plus the status of its pending revision.
 * Creation (→ draft/draft) is the only transition not listed: there is no
 * state before it. Every operation finds its row here or fails with
 * INVALID_STATE; nothing else decides what may happen next.
 *
 * Before the first approval the record's status follows its only working
 * revision (draft → submitted → returned → draft …). After it, the record
 * stays published (or withdrawn / expired) while a pending revision goes
 * through review, so the public keeps seeing the approved version.
 */
export const LISTING_TRANSITIONS: readonly Row[] = [
  // Editing. Editing a returned revision starts a NEW draft revision (the returned one keeps its reasons).
  { action: 'save_draft', from: ['draft'], pending: ['draft'], to: 'draft', pendingTo: 'draft' },
  { action: 'save_draft', from: ['returned'], pending: ['returned'], to: 'draft', pendingTo: 'draft' },
  { action: 'save_draft', from: ONCE_PUBLISHED, pending: [null, 'draft', 'returned'], to: 'same', pendingTo: 'draft' },
  // Submission for review.
  { action: 'submit', from: ['draft'], pending: ['draft'], to: 'submitted', pendingTo: 'submitted' },
  { action: 'submit', from: ONCE_PUBLISHED, pending: ['draft'], to: 'same', pendingTo: 'submitted' },
  // Review: approval publishes (the approved revision stops being pending), return sends it back.
  { action: 'approve', from: ['submitted', ...ONCE_PUBLISHED], pending: ['submitted'], to: 'published', pendingTo: null },
  { action: 'return', from: ['submitted'], pending: ['submitted'], to: 'returned', pendingTo: 'returned' },
  { action: 'return', from: ONCE_PUBLISHED, pending: ['submitted'], to: 'same', pendingTo: 'returned' },
  // Leaving publication. A revision under review is recalled to draft so no reviewer republishes it unasked.
  { action: 'withdraw', from: ['published'], pending: [null, 'draft', 'returned'], to: 'withdrawn', pendingTo: 'same' },
  { action: 'withdraw', from: ['published'], pending: ['submitted'], to: 'withdrawn', pendingTo: 'draft' },
  { action: 'close', kinds: ['demand'], from: ['published'], pending: [null, 'draft', 'returned'], to: 'closed', pendingTo: 'same' },
  { action: 'close', kinds: ['demand'], from: ['published'], pending: ['submitted'], to: 'closed', pendingTo: 'draft' },
  // Expiry keeps a revision under review: approving an extended deadline brings the demand back.
  { action: 'expire', kinds: ['demand'], from: ['published'], pending: [null, 'draft', 'submitted', 'returned'], to: 'expired', pendingTo: 'same' },
  // Discarding the unsubmitted working revision. Before the first approval a draft
  // that follows a returned revision gives way to it again (the record is deleted
  // when the draft is its only revision: see discard-listing-draft.ts).
  { action: 'discard_draft', from: ['draft'], pending: ['draft'], to: 'returned', pendingTo: 'returned' },
  { action: 'discard_draft', from: [...ONCE_PUBLISHED, 'closed'], pending: ['draft', 'returned'], to: 'same', pendingTo: null },
];

/** The row for this action from this state, or null when the workflow does not allow it. */
export function findTransition(kind: ListingKind, action: ListingAction, status: string, pending: PendingStatus): Row | null {
  return (
    LISTING_TRANSITIONS.find(
      (r) =>
        r.action === action &&
        (!r.kinds || r.kinds.includes(kind)) &&
        r.from.includes(status as ListingStatus) &&
        r.pending.includes(pending),
    ) ?? null
  );
}

/** The next record and pending-revision statuses, or INVALID_STATE. */
export function transition(
  kind: ListingKind,
  action: ListingAction,
  status: string,
  pending: PendingStatus,
): { status: ListingStatus; pending: PendingStatus } {
  const row = findTransition(kind, action, status, pending);
  if (!row) {
    throw new AppError('INVALID_STATE', {
      message: {
        zh: `当前状态（${STATUS_ZH[status as ListingStatus] ?? status}${pending ? ` / 修订${REVISION_ZH[pending]}` : ''}）下不能执行此操作。`,
        en: `This cannot be done while the listing is ${status}${pending ? ` with a ${pending} revision` : ''}.`,
      },
    });
  }
  return {
    status: row.to === 'same' ? (status as ListingStatus) : row.to,
    pending: row.pendingTo === 'same' ? pending : row.pendingTo,
  };
}

/** Whether the record has been approved at least once (its columns then mirror the approved revision). */
export function oncePublished(status: string): boolean {
  return ONCE_PUBLISHED.includes(status as ListingStatus) || status === 'closed';
}

const STATUS_ZH: Record<ListingStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
  expired: '已过期',
  closed: '已关闭',
};
const REVISION_ZH: Record<RevisionStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过',
  superseded: '已被取代',
};
