import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { loadListingFor } from './load-listing.js';
import { recordColumns } from './record-columns.js';
import { findListing, updateListing, updateRevision, type ListingRow } from './repository.js';
import { oncePublished, transition } from './transitions.js';
import { submissionProblems } from './validate-content.js';

/**
 * Send the working draft to the review queue. Only members of a verified
 * organisation may submit; the content must satisfy the full schema (every
 * missing or bad field is reported at once) and be publishable (public
 * confidentiality, a deadline not past). The stored content becomes the
 * parsed one, defaults filled in, so what is approved is exactly what was checked.
 */
export async function submitListing(tx: Tx, actor: Actor, kind: ListingKind, id: string, now: Date): Promise<ListingRow> {
  const { row, pending, pendingStatus } = await loadListingFor(tx, actor, kind, id, 'submit');
  const next = transition(kind, 'submit', row.status, pendingStatus);
  const org = await findOrganisation(tx, row.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  const checked = submissionProblems(kind, pending!.content, now);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });

  await updateRevision(tx, pending!.id, {
    status: 'submitted',
    content: checked.content as object,
    submittedAt: now,
    submittedBy: actor.userId,
    updatedAt: now,
  });
  await updateListing(tx, kind, id, {
    status: next.status,
    ...(oncePublished(row.status) ? {} : { ...recordColumns(kind, checked.content), updatedAt: now }),
  });
  await recordAudit(tx, actor, {
    action: 'listing.submit',
    entityType: kind,
    entityId: id,
    changes: { status: { before: row.status, after: next.status }, revision: { before: null, after: pending!.number } },
  });
  return (await findListing(tx, kind, id))!;
}
