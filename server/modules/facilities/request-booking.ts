import type { z } from 'zod';
import type { BookingBody } from '../../../shared/contracts/facilities.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';
import { type BookingRow, conflicts, findFacility } from './repository.js';
import { feeFor, localParts, withinOpeningHours } from './rules.js';
import { facilityBookings } from './schema.js';

type Input = z.output<typeof BookingBody>;

/** "2026-06-03 09:00–11:00" in the district's time. */
export function slotText(start: Date, end: Date): string {
  const a = localParts(start);
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${a.date} ${hm(a.minutes)}–${hm(localParts(end).minutes)}`;
}

const REFUSE = {
  past: () => AppError.field('startsAt', '不能预约已过去的时间', 'The slot has already started'),
  hours: () => AppError.field('startsAt', '预约时段须在同一天的开放时间内', 'The slot must lie within one day’s opening hours'),
  blocked: () => AppError.field('startsAt', '该时段设施暂停开放', 'The facility is closed during this period'),
  taken: () => AppError.field('startsAt', '该时段已有确认的预约', 'This slot overlaps a confirmed booking'),
  own: () => new AppError('FORBIDDEN', { message: { zh: '本单位的设施无需预约，可直接登记使用。', en: 'Your own organisation’s facility needs no booking; record its use directly.' } }),
};

/**
 * Ask for a slot of a published facility. The slot must be in the future,
 * within one day's opening hours, and free of blocks and confirmed bookings
 * at the time of asking (the database enforces the last one at
 * confirmation). Several requests may overlap; the owner chooses.
 */
export async function requestBooking(tx: Tx, actor: Actor, facilityId: string, input: Input, now: Date): Promise<BookingRow> {
  requireCan(actor, 'create', 'booking', { ownerId: actor.userId });
  const f = await findFacility(tx, facilityId);
  if (!f || f.status !== 'published') throw new AppError('NOT_FOUND');
  if (f.organisationId === actor.organisationId) throw REFUSE.own();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (startsAt <= now) throw REFUSE.past();
  if (!withinOpeningHours(f.openingHours, startsAt, endsAt)) throw REFUSE.hours();
  const c = await conflicts(tx, f.id, startsAt, endsAt);
  if (c.blocks > 0) throw REFUSE.blocked();
  if (c.bookings > 0) throw REFUSE.taken();
  if (f.feeUnit === 'sample' && !input.samples) throw AppError.field('samples', '按样品计费的设施请填写样品数量', 'Give the number of samples for a facility charged per sample');

  const [row] = await tx
    .insert(facilityBookings)
    .values({
      facilityId: f.id,
      requesterUserId: actor.userId!,
      requesterOrgId: actor.organisationId,
      startsAt,
      endsAt,
      purpose: input.purpose,
      samples: input.samples ?? null,
      status: 'requested',
      estimatedFeeFen: feeFor(f, startsAt, endsAt, input.samples),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const managers = (await listOrgMembers(tx, f.organisationId)).filter((m) => m.status === 'active' && m.roles.includes('org_admin')).map((m) => m.id);
  await notify(tx, {
    userIds: [...managers, ...(f.createdBy ? [f.createdBy] : [])],
    kind: 'booking.requested',
    params: { name: f.name, requester: actor.username ?? '', slot: slotText(startsAt, endsAt) },
    link: `/console/facilities/${f.id}`,
  });
  await recordAudit(tx, actor, { action: 'booking.request', entityType: 'facility_booking', entityId: row!.id, changes: { status: { before: null, after: 'requested' }, facilityId: f.id, startsAt: input.startsAt, endsAt: input.endsAt } });
  return row!;
}
