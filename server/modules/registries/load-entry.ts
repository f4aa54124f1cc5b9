import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type EntryRow, KINDS } from './kinds.js';
import { findEntry, findRevision, type RevisionRow } from './repository.js';

export type LoadedEntry = { row: EntryRow; pending: RevisionRow | null };

/**
 * The opening of every operation on an entry: lock it, then check access. An
 * entry the caller may not read in the console is NOT_FOUND (another owner's
 * drafts are not revealed); one they may read but not act on is FORBIDDEN.
 */
export async function loadEntryFor(
  tx: DbOrTx,
  actor: Actor,
  kind: RegistryKind,
  id: string,
  action: string,
  opts: { forUpdate?: boolean } = { forUpdate: true },
): Promise<LoadedEntry> {
  const def = KINDS[kind];
  const row = await findEntry(tx, kind, id, opts);
  if (!row) throw new AppError('NOT_FOUND');
  const own = def.ownership(row);
  if (!can(actor, 'read', def.entity, own) && !(action === 'read' && row.status === 'published')) throw new AppError('NOT_FOUND');
  requireCan(actor, action, def.entity, own);
  const pending = row.pendingRevisionId ? await findRevision(tx, row.pendingRevisionId) : null;
  return { row, pending };
}
