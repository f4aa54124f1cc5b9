import { eq } from 'drizzle-orm';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { type BookingRow, conflicts, findBooking, findFacility } from './repository.js';
import { slotText } from './request-booking.js';
import { facilityBookings } from './schema.js';

type Move = 'confirm' | 'decline' | 'cancel';

/** Whether a database error is the confirmed-bookings exclusion constraint. */
function isOverlap(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string } };
  return err.code === '23P01' || err.cause?.code === '23P01';
}

const OVERLAP = () =>
  new AppError('BOOKING_OVERLAP', {
    message: { zh: '该时段与已确认的预约冲突，不能确认。', en: 'This slot overlaps a booking already confirmed; it cannot be confirmed.' },
  });

/**
 * One step of a booking, under its row lock: the owner confirms or declines a
 * request; the requester or the owner cancels before the slot starts.
 * Confirmation re-checks blocks and confirmed bookings under the facility's
 * row lock: of simultaneous confirmations of overlapping requests exactly one
 * wins, the others get BOOKING_OVERLAP and change nothing. The exclusion
 * constraint refuses any overlap that gets past the application.
 */
export async function moveBooking(tx: Tx, actor: Actor, id: string, move: Move, input: { note?: string }, now: Date): Promise<BookingRow> {
  const seen = await findBooking(tx, id);
  if (!seen) throw new AppError('NOT_FOUND');
  // The facility's row lock first: confirmations of one facility take turns,
  // so the overlap check below sees every earlier confirmation (simultaneous
  // confirmations of overlapping requests would otherwise deadlock in the
  // exclusion constraint's check). The constraint stays the guarantee.
  const f = (await findFacility(tx, seen.facilityId, { forUpdate: true }))!;
  const b = (await findBooking(tx, id, { forUpdate: true }))!;
  const owner = can(actor, 'manage', 'facility', { organisationId: f.organisationId });
  const requester = b.requesterUserId === actor.userId && can(actor, 'cancel', 'booking', { ownerId: b.requesterUserId });
  if (!owner && !requester) throw new AppError('NOT_FOUND');
  if (move !== 'cancel' && !owner) throw new AppError('FORBIDDEN');

  let to: string;
  if (move === 'cancel') {
    if (b.status !== 'requested' && b.status !== 'confirmed') throw new AppError('INVALID_STATE');
    if (b.startsAt <= now) throw new AppError('INVALID_STATE', { message: { zh: '预约时段已开始，不能取消。', en: 'The slot has started; it can no longer be cancelled.' } });
    to = 'cancelled';
  } else {
    if (b.status !== 'requested') throw new AppError('INVALID_STATE');
    if (move === 'decline' && !input.note) throw AppError.field('note', '请说明不能确认的原因', 'Say why the booking is declined');
    if (move === 'confirm') {
      if (b.startsAt <= now) throw new AppError('INVALID_STATE', { message: { zh: '预约时段已过，不能再确认。', en: 'The slot has passed; it can no longer be confirmed.' } });
      const c = await conflicts(tx, f.id, b.startsAt, b.endsAt, b.id);
      if (c.blocks > 0) throw AppError.field('startsAt', '该时段设施暂停开放', 'The facility is closed during this period');
      if (c.bookings > 0) throw OVERLAP();
    }
    to = move === 'confirm' ? 'confirmed' : 'declined';
  }

  let row: BookingRow;
  try {
    [row] = (await tx
      .update(facilityBookings)
      .set({ status: to, decisionNote: input.note ?? b.decisionNote, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(facilityBookings.id, id))
      .returning()) as [BookingRow];
  } catch (e) {
    if (isOverlap(e)) throw OVERLAP();
    throw e;
  }
  const recipients = move === 'cancel' && !owner ? (f.createdBy ? [f.createdBy] : []) : [b.requesterUserId];
  await notify(tx, {
    userIds: recipients.filter((u) => u !== actor.userId),
    kind: move === 'confirm' ? 'booking.confirmed' : move === 'decline' ? 'booking.declined' : 'booking.cancelled',
    params: { name: f.name, slot: slotText(b.startsAt, b.endsAt), note: input.note ?? '' },
    link: owner && move === 'cancel' ? '/console/bookings' : `/console/facilities/${f.id}`,
  });
  await recordAudit(tx, actor, { action: `booking.${move}`, entityType: 'facility_booking', entityId: id, changes: { status: { before: b.status, after: to }, note: input.note ?? null } });
  return row;
}
