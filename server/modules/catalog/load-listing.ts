import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { maskValue } from '../audit/record-audit.js';
import { findListing, findRevision, type ListingRow, type RevisionRow } from './repository.js';
import type { PendingStatus } from './transitions.js';

export type LoadedListing = { row: ListingRow; pending: RevisionRow | null; pendingStatus: PendingStatus };

/**
 * The opening of every owner-side operation: lock the record, then check
 * access. A listing the caller may not even read is NOT_FOUND (another
 * organisation's drafts are not revealed); one they may read but not change
 * is FORBIDDEN.
 */
export async function loadListingFor(
  tx: DbOrTx,
  actor: Actor,
  kind: ListingKind,
  id: string,
  action: string,
  opts: { forUpdate?: boolean } = { forUpdate: true },
): Promise<LoadedListing> {
  const row = await findListing(tx, kind, id, opts);
  if (!row) throw new AppError('NOT_FOUND');
  const own = { organisationId: row.organisationId };
  if (!can(actor, 'read', kind, own)) throw new AppError('NOT_FOUND');
  requireCan(actor, action, kind, own);
  const pending = row.pendingRevisionId ? await findRevision(tx, row.pendingRevisionId) : null;
  return { row, pending, pendingStatus: (pending?.status ?? null) as PendingStatus };
}

/** Content as the audit log keeps it: the contact's phone and e-mail masked like any personal identifier. */
export function auditableContent(content: unknown): Record<string, unknown> {
  const c = { ...(content as Record<string, unknown>) };
  const contact = c.contact as Record<string, unknown> | undefined;
  if (contact) c.contact = Object.fromEntries(Object.entries(contact).map(([k, v]) => [k, maskValue(k, v)]));
  return c;
}
