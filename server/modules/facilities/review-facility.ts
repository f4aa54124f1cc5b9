import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { type FacilityRow, findFacility, orgName } from './repository.js';
import { facilitySearchVector } from './save-facility.js';
import { facilities } from './schema.js';

/**
 * The bureau's decision on a submitted facility or on a change to a
 * published one. Approving a new entry publishes it; approving a change
 * applies it; returning keeps the approved version (if any) and tells the
 * author why.
 */
export async function reviewFacility(tx: Tx, actor: Actor, id: string, input: { decision: 'approve' | 'return'; note?: string }, now: Date): Promise<FacilityRow> {
  const f = await findFacility(tx, id, { forUpdate: true });
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'review', 'facility', { organisationId: f.organisationId });
  const isChange = f.status === 'published' && f.pendingChanges !== null;
  if (f.status !== 'submitted' && !isChange) throw new AppError('INVALID_STATE');
  const note = input.note ?? null;
  let set: Partial<FacilityRow>;
  if (input.decision === 'approve') {
    const next = { ...f, ...(f.pendingChanges ?? {}) } as FacilityRow;
    set = isChange
      ? { ...(f.pendingChanges as Partial<FacilityRow>), pendingChanges: null, reviewNote: note, searchVector: facilitySearchVector(next, await orgName(tx, f.organisationId)) as unknown as string }
      : { status: 'published', publishedAt: now, reviewNote: note };
  } else {
    set = isChange ? { pendingChanges: null, reviewNote: note } : { status: 'returned', reviewNote: note };
  }
  const [row] = await tx.update(facilities).set({ ...set, updatedAt: now }).where(eq(facilities.id, id)).returning();
  if (f.createdBy) {
    await notify(tx, {
      userIds: [f.createdBy],
      kind: input.decision === 'approve' ? 'facility.approved' : 'facility.returned',
      params: { name: f.name, note: note ?? '' },
      link: `/console/facilities/${id}`,
    });
  }
  await recordAudit(tx, actor, {
    action: `facility.${input.decision}`,
    entityType: 'facility',
    entityId: id,
    changes: { status: { before: f.status, after: row!.status }, ...(isChange ? { change: f.pendingChanges } : {}), note },
  });
  return row!;
}

/** The owner takes a facility out of the directory (and the review queue); open requests stay to be answered. */
export async function withdrawFacility(tx: Tx, actor: Actor, id: string, _input: unknown, now: Date): Promise<FacilityRow> {
  const f = await findFacility(tx, id, { forUpdate: true });
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'update', 'facility', { organisationId: f.organisationId });
  if (f.status === 'withdrawn' || f.status === 'draft') throw new AppError('INVALID_STATE');
  const [row] = await tx.update(facilities).set({ status: 'withdrawn', pendingChanges: null, updatedAt: now }).where(eq(facilities.id, id)).returning();
  await recordAudit(tx, actor, { action: 'facility.withdraw', entityType: 'facility', entityId: id, changes: { status: { before: f.status, after: 'withdrawn' } } });
  return row!;
}
