import type { z } from 'zod';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { AchievementRecord, DemandRecord, RecordSummary, RevisionView } from '../../../shared/contracts/catalog.js';
import { listingQuality } from '../../../shared/catalog/quality.js';
import { type Actor, can } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { listRevisions, organisationName, type ListingRow, type RevisionRow } from './repository.js';
import { findTransition, type PendingStatus } from './transitions.js';

/** Actions a listing may offer; `actions` in responses is the subset the caller may take now. */
export const LISTING_ACTIONS = ['update', 'submit', 'withdraw', 'discard_draft', 'close', 'review'] as const;

/**
 * What the caller may do to this listing now: their permission on its
 * organisation AND a row of the transition table from its current state.
 */
export function listingActions(actor: Actor, kind: ListingKind, row: { organisationId: string; status: string }, pending: PendingStatus): string[] {
  const own = { organisationId: row.organisationId };
  const allowed = (action: Parameters<typeof findTransition>[1]) => findTransition(kind, action, row.status, pending) !== null;
  return LISTING_ACTIONS.filter((a) => {
    switch (a) {
      case 'update':
        return can(actor, 'update', kind, own) && allowed('save_draft');
      case 'submit':
        // Only members of verified organisations may submit (submit-listing.ts refuses otherwise).
        return can(actor, 'submit', kind, own) && actor.orgVerified && allowed('submit');
      case 'withdraw':
        return can(actor, 'withdraw', kind, own) && allowed('withdraw');
      case 'discard_draft':
        return can(actor, 'update', kind, own) && allowed('discard_draft');
      case 'close':
        return kind === 'demand' && can(actor, 'close', 'demand', own) && allowed('close');
      case 'review':
        return can(actor, 'review', 'listing', own) && allowed('approve');
    }
  });
}

export function presentRevision(r: RevisionRow): z.input<typeof RevisionView> {
  return {
    id: r.id,
    number: r.number,
    status: r.status as z.input<typeof RevisionView>['status'],
    createdAt: r.createdAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewNote: r.reviewNote,
  };
}

type RecordView = z.input<typeof AchievementRecord> | z.input<typeof DemandRecord>;

/** A listing as its owner or a reviewer sees it in the console, with its history. */
export async function presentRecord(db: DbOrTx, actor: Actor, kind: ListingKind, row: ListingRow): Promise<RecordView> {
  const revisions = await listRevisions(db, kind, row.id);
  const pending = revisions.find((r) => r.id === row.pendingRevisionId) ?? null;
  const published = revisions.find((r) => r.id === row.publishedRevisionId) ?? null;
  const working = (pending ?? published ?? revisions.at(-1))!.content as Record<string, unknown> & { title: string };
  const base = {
    id: row.id,
    externalId: row.externalId,
    status: row.status as RecordView['status'],
    organisation: { id: row.organisationId, name: await organisationName(db, row.organisationId) },
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: latest(row.updatedAt, pending?.updatedAt).toISOString(),
    pending: pending ? presentRevision(pending) : null,
    revisions: revisions.map(presentRevision),
    quality: listingQuality(kind, working),
    actions: listingActions(actor, kind, row, (pending?.status ?? null) as PendingStatus),
  };
  if (kind === 'achievement') {
    return { ...base, kind, working, published: (published?.content ?? null) as never } as z.input<typeof AchievementRecord>;
  }
  const d = row as ListingRow & { closedReason: string | null; closedNote: string | null };
  return {
    ...base,
    kind,
    working,
    published: (published?.content ?? null) as never,
    closedReason: d.closedReason as z.input<typeof DemandRecord>['closedReason'],
    closedNote: d.closedNote,
  } as z.input<typeof DemandRecord>;
}

/** One line of the console list. */
export function presentSummary(
  actor: Actor,
  kind: ListingKind,
  row: { id: string; organisationId: string; status: string; title: string; qualityScore: number; updatedAt: Date; publishedAt: Date | null },
  extra: { organisationName: string; pendingStatus: string | null; pendingTitle: string | null; pendingUpdatedAt: Date | null },
): z.input<typeof RecordSummary> {
  const pending = extra.pendingStatus as PendingStatus;
  return {
    id: row.id,
    kind,
    // The owner recognises the listing by the title they are working on.
    title: extra.pendingTitle ?? row.title,
    status: row.status as z.input<typeof RecordSummary>['status'],
    pendingStatus: pending,
    organisationName: extra.organisationName,
    qualityScore: row.qualityScore,
    updatedAt: latest(row.updatedAt, extra.pendingUpdatedAt).toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    actions: listingActions(actor, kind, row, pending),
  };
}

function latest(a: Date, b: Date | null | undefined): Date {
  return b && b > a ? b : a;
}
