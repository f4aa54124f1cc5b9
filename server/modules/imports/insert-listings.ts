import { randomUUID } from 'node:crypto';
import type { AchievementContent, DemandContent, ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportTarget } from '../../../shared/contracts/imports.js';
import type { Actor } from '../../core/access.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordColumns } from '../catalog/record-columns.js';
import { tableOf } from '../catalog/repository.js';
import { listingRevisions } from '../catalog/schema.js';
import { reindexListingJob } from '../catalog/search/index-listing.js';

export type NewListing = { externalId: string | null; content: AchievementContent | DemandContent };

/** Record and revision status for each import target; a published import is approved by the importer. */
const STATES: Record<ImportTarget, { record: string; revision: string }> = {
  draft: { record: 'draft', revision: 'draft' },
  submitted: { record: 'submitted', revision: 'submitted' },
  published: { record: 'published', revision: 'approved' },
};

/**
 * Insert listings in bulk: each record with revision 1 holding its content, in
 * the state the catalog workflow would leave it after create (→ draft),
 * submit (→ submitted) or approve (→ published). The record columns come from
 * the catalog's `recordColumns`, as the workflow's. Multi-row inserts keep a
 * 100,000-row import in one transaction fast; published records are queued for
 * re-indexing after commit. Audit rows are the caller's (one per batch).
 *
 * The ids are generated here so records and revisions can be inserted in two
 * statements per chunk instead of three per record.
 */
export async function insertListings(
  tx: Tx,
  actor: Actor,
  input: { kind: ListingKind; organisationId: string; target: ImportTarget; rows: readonly NewListing[]; now: Date; note?: string },
): Promise<string[]> {
  const { kind, now } = input;
  const state = STATES[input.target];
  const published = input.target === 'published';
  const table = tableOf(kind);
  const records = [];
  const revisions = [];
  for (const r of input.rows) {
    const id = randomUUID();
    const revisionId = randomUUID();
    records.push({
      ...recordColumns(kind, r.content),
      id,
      externalId: r.externalId,
      organisationId: input.organisationId,
      createdBy: actor.userId,
      status: state.record,
      publishedRevisionId: published ? revisionId : null,
      pendingRevisionId: published ? null : revisionId,
      publishedAt: published ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    revisions.push({
      id: revisionId,
      kind,
      achievementId: kind === 'achievement' ? id : null,
      demandId: kind === 'demand' ? id : null,
      number: 1,
      status: state.revision,
      content: r.content as object,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      submittedAt: input.target === 'draft' ? null : now,
      submittedBy: input.target === 'draft' ? null : actor.userId,
      reviewedAt: published ? now : null,
      reviewedBy: published ? actor.userId : null,
      reviewNote: input.note ?? null,
    });
  }
  if (records.length === 0) return [];
  await tx.insert(table).values(records as never);
  await tx.insert(listingRevisions).values(revisions);
  if (published) for (const r of records) await enqueue(tx, reindexListingJob, { kind, id: r.id });
  return records.map((r) => r.id);
}
