import type { Actor } from '../../core/access.js';
import { AppError, messageFor } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { approveRevision, assertChecklistComplete, type ReviewChecklistItem } from './approve-revision.js';

/**
 * Approve several revisions, each in its own transaction: one that was
 * meanwhile returned or approved by someone else fails alone and is reported
 * with its code, the others are published. Takes the pool, not a transaction.
 */
export async function bulkApproveRevisions(
  db: Db,
  actor: Actor,
  input: { revisionIds: readonly string[]; checklist: readonly ReviewChecklistItem[] },
  clock: () => Date,
): Promise<{ approved: string[]; failed: { revisionId: string; code: string; message: string }[] }> {
  assertChecklistComplete(input.checklist);
  const approved: string[] = [];
  const failed: { revisionId: string; code: string; message: string }[] = [];
  for (const revisionId of new Set(input.revisionIds)) {
    try {
      await withTx(db, (tx) => approveRevision(tx, actor, revisionId, { checklist: input.checklist }, clock()));
      approved.push(revisionId);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const fieldMessage = e.options.fields?.[0] && (actor.locale === 'en' ? e.options.fields[0].en : e.options.fields[0].zh);
      failed.push({ revisionId, code: e.code, message: fieldMessage ?? messageFor(e.code, actor.locale, e.options.message) });
    }
  }
  return { approved, failed };
}
