import type { AchievementDraft, DemandDraft, ListingKind } from '../../../shared/contracts/catalog-content.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { auditableContent } from './load-listing.js';
import { recordColumns } from './record-columns.js';
import { insertListing, insertRevision, updateListing, type ListingRow } from './repository.js';

/**
 * Start a listing for the caller's organisation: the record and its first
 * revision (a draft), whose content the record's columns mirror until a
 * revision is published. Drafting is allowed before the organisation is verified.
 */
export async function createListing(
  tx: Tx,
  actor: Actor,
  kind: ListingKind,
  content: AchievementDraft | DemandDraft,
  now: Date,
): Promise<ListingRow> {
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  requireCan(actor, 'create', kind, { organisationId: actor.organisationId });
  await assertFilesUsable(tx, actor, (content.attachments ?? []).map((a) => a.fileId));
  const row = await insertListing(tx, kind, {
    ...recordColumns(kind, content),
    organisationId: actor.organisationId,
    createdBy: actor.userId,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  } as Parameters<typeof insertListing>[2]);
  const rev = await insertRevision(tx, kind, row.id, { content, createdBy: actor.userId, now });
  await updateListing(tx, kind, row.id, { pendingRevisionId: rev.id });
  await recordAudit(tx, actor, {
    action: 'listing.create',
    entityType: kind,
    entityId: row.id,
    changes: { ...diff(null, { status: 'draft', revision: rev.number }), ...diff(null, auditableContent(content)) },
  });
  return { ...row, pendingRevisionId: rev.id };
}
