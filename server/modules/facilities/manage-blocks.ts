import { and, eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { type BlockRow, conflicts, findFacility } from './repository.js';
import { facilityBlocks } from './schema.js';

/**
 * Block a period of a facility (maintenance, own use). Confirmed bookings in
 * the period must be cancelled first: the owner sees them named in the error.
 */
export async function addBlock(tx: Tx, actor: Actor, facilityId: string, input: { startsAt: string; endsAt: string; reason: string }, now: Date): Promise<BlockRow> {
  const f = await findFacility(tx, facilityId, { forUpdate: true });
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'facility', { organisationId: f.organisationId });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const c = await conflicts(tx, f.id, startsAt, endsAt);
  if (c.bookings > 0) {
    throw new AppError('CONFLICT', {
      message: { zh: `该时段有 ${c.bookings} 个已确认的预约，请先取消后再设置暂停开放。`, en: `${c.bookings} confirmed booking(s) fall in this period; cancel them before blocking it.` },
    });
  }
  const [row] = await tx.insert(facilityBlocks).values({ facilityId, startsAt, endsAt, reason: input.reason, createdBy: actor.userId, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'facility.block', entityType: 'facility', entityId: facilityId, changes: { block: { before: null, after: { startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason } } } });
  return row!;
}

export async function removeBlock(tx: Tx, actor: Actor, facilityId: string, blockId: string): Promise<void> {
  const f = await findFacility(tx, facilityId);
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'manage', 'facility', { organisationId: f.organisationId });
  const [gone] = await tx.delete(facilityBlocks).where(and(eq(facilityBlocks.id, blockId), eq(facilityBlocks.facilityId, facilityId))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'facility.unblock', entityType: 'facility', entityId: facilityId, changes: { block: { before: { startsAt: gone.startsAt.toISOString(), endsAt: gone.endsAt.toISOString(), reason: gone.reason }, after: null } } });
}
