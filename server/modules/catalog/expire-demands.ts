import { and, eq, lt } from 'drizzle-orm';
import { type Actor, systemActor } from '../../core/access.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { findListing, findRevision, updateListing } from './repository.js';
import { demands } from './schema.js';
import { reindexListingJob } from './search/index-listing.js';
import { findTransition, transition, type PendingStatus } from './transitions.js';
import { districtToday } from './validate-content.js';

/**
 * Expire one published demand whose deadline has passed. The row is locked
 * and re-checked, so an owner closing or a reviewer approving a new deadline
 * at the same moment wins cleanly; returns false when there was nothing to do.
 */
export async function expireDemand(tx: Tx, actor: Actor, id: string, now: Date): Promise<boolean> {
  const row = await findListing(tx, 'demand', id, { forUpdate: true });
  if (!row || !('deadline' in row) || !row.deadline || row.deadline >= districtToday(now)) return false;
  const pending = row.pendingRevisionId ? await findRevision(tx, row.pendingRevisionId) : null;
  const pendingStatus = (pending?.status ?? null) as PendingStatus;
  if (!findTransition('demand', 'expire', row.status, pendingStatus)) return false;
  const next = transition('demand', 'expire', row.status, pendingStatus);
  await updateListing(tx, 'demand', id, { status: next.status, updatedAt: now });
  await enqueue(tx, reindexListingJob, { kind: 'demand', id });
  await recordAudit(tx, actor, {
    action: 'listing.expire',
    entityType: 'demand',
    entityId: id,
    changes: { status: { before: row.status, after: next.status }, reason: { before: null, after: `deadline ${row.deadline} passed` } },
  });
  return true;
}

/**
 * Move every published demand past its deadline (in district time: a demand
 * stays open through its deadline day) to expired, each in its own
 * transaction, audited as the system. Returns how many expired.
 */
export async function expireDemands(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.status, 'published'), lt(demands.deadline, districtToday(now))));
  const actor = systemActor();
  let n = 0;
  for (const { id } of due) if (await withTx(db, (tx) => expireDemand(tx, actor, id, now))) n++;
  return n;
}
