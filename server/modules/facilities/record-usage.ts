import { eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser } from '../identity/repository.js';
import { findBooking, findFacility, orgName, type UsageRow } from './repository.js';
import { feeFor } from './rules.js';
import { facilityBookings, facilityUsage } from './schema.js';

type Input = { bookingId?: string; userName?: string; startedAt: string; endedAt: string; samples?: number; feeFen?: number; note?: string };

/**
 * The owner records a use of the facility: from a confirmed booking whose
 * slot has started (which becomes completed; one use per booking) or directly
 * (own staff, walk-in). Either way the use must have ended.
 * The fee follows the fee rule unless the owner states it.
 */
export async function recordUsage(tx: Tx, actor: Actor, facilityId: string, input: Input, now: Date): Promise<UsageRow> {
  const f = await findFacility(tx, facilityId);
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'facility', { organisationId: f.organisationId });
  const startedAt = new Date(input.startedAt);
  const endedAt = new Date(input.endedAt);
  if (endedAt > now) throw AppError.field('endedAt', '只能登记已结束的使用', 'Only uses that have ended can be recorded');
  let userName = input.userName ?? '';
  let userOrgId: string | null = null;
  if (input.bookingId) {
    const b = await findBooking(tx, input.bookingId, { forUpdate: true });
    if (!b || b.facilityId !== facilityId) throw AppError.field('bookingId', '预约不存在或不属于该设施', 'No such booking of this facility');
    if (b.status !== 'confirmed') throw AppError.field('bookingId', '只有已确认的预约可以登记使用', 'Only a confirmed booking can be recorded as used');
    if (b.startsAt > now) throw AppError.field('bookingId', '预约时段尚未开始，开始后才能登记使用', 'The booked slot has not started yet; record its use once it has');
    userOrgId = b.requesterOrgId;
    userName = input.userName ?? ((await orgName(tx, b.requesterOrgId)) || ((await loadUser(tx, { id: b.requesterUserId }))?.displayName ?? ''));
    await tx.update(facilityBookings).set({ status: 'completed', updatedAt: now }).where(eq(facilityBookings.id, b.id));
  }
  const feeFen = input.feeFen ?? feeFor(f, startedAt, endedAt, input.samples);
  const [row] = await tx
    .insert(facilityUsage)
    .values({ facilityId, bookingId: input.bookingId ?? null, userOrgId, userName, startedAt, endedAt, samples: input.samples ?? null, feeFen, note: input.note ?? null, recordedBy: actor.userId, createdAt: now })
    .returning();
  await recordAudit(tx, actor, { action: 'facility.usage', entityType: 'facility', entityId: facilityId, changes: { usage: { before: null, after: { id: row!.id, bookingId: input.bookingId ?? null, startedAt: input.startedAt, endedAt: input.endedAt, feeFen } } } });
  return row!;
}
