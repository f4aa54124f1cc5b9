import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssignmentBody } from '../../../shared/contracts/commissioners.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { findOrganisation } from '../organisations/repository.js';
import { type AssignmentRow, findAssignment, findCommissioner, findVillage } from './repository.js';
import { commissionerAssignments } from './schema.js';

const TARGET_TYPES: Record<'enterprise' | 'park', string[]> = { enterprise: ['enterprise'], park: ['park_committee'] };

/**
 * Send an active commissioner to a village, an enterprise or a park from a
 * date (for a period or open-ended). The same commissioner cannot hold two
 * overlapping assignments to the same place.
 */
export async function assignCommissioner(tx: Tx, actor: Actor, commissionerId: string, input: z.output<typeof AssignmentBody>, now: Date): Promise<AssignmentRow> {
  requireCan(actor, 'manage', 'commissioner', {});
  const c = await findCommissioner(tx, commissionerId, { forUpdate: true });
  if (!c) throw new AppError('NOT_FOUND');
  if (c.status !== 'active') throw new AppError('INVALID_STATE', { message: { zh: '该特派员已退出，不能再选派。', en: 'This commissioner has retired and cannot be assigned.' } });
  if (input.targetKind === 'village') {
    if (!(await findVillage(tx, input.villageId!))) throw AppError.field('villageId', '村不存在', 'No such village');
  } else {
    const o = await findOrganisation(tx, input.organisationId!);
    if (!o || !TARGET_TYPES[input.targetKind].includes(o.type)) {
      throw AppError.field('organisationId', input.targetKind === 'park' ? '须为园区管委会' : '须为已登记的企业', input.targetKind === 'park' ? 'Must be a park committee' : 'Must be a registered enterprise');
    }
  }
  const overlap = await tx.execute<{ id: string }>(
    sql`
    SELECT id FROM commissioner_assignments
    WHERE commissioner_id = ${commissionerId} AND status = 'active' AND target_kind = ${input.targetKind}
      AND coalesce(village_id, organisation_id) = ${input.villageId ?? input.organisationId}
      AND daterange(starts_on, ends_on, '[]') && daterange(${input.startsOn}::date, ${input.endsOn ?? null}::date, '[]')`,
  );
  if (overlap.rows.length > 0) {
    throw new AppError('CONFLICT', { message: { zh: '该特派员在这一期间已选派到同一地点。', en: 'The commissioner is already assigned to this place in that period.' } });
  }
  const [row] = await tx
    .insert(commissionerAssignments)
    .values({
      commissionerId,
      targetKind: input.targetKind,
      villageId: input.villageId ?? null,
      organisationId: input.organisationId ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (c.userId) await notify(tx, { userIds: [c.userId], kind: 'commissioner.assigned', params: { startsOn: input.startsOn }, link: '/m/commissioner' });
  await recordAudit(tx, actor, {
    action: 'commissioner.assign',
    entityType: 'commissioner_assignment',
    entityId: row!.id,
    changes: { commissionerId, targetKind: input.targetKind, target: input.villageId ?? input.organisationId, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
  });
  return row!;
}

/** End an assignment on a date (its last day): not before it started, not after an earlier end. */
export async function endAssignment(tx: Tx, actor: Actor, id: string, input: { endsOn: string }, now: Date): Promise<AssignmentRow> {
  requireCan(actor, 'manage', 'commissioner', {});
  const a = await findAssignment(tx, id, { forUpdate: true });
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'active') throw new AppError('INVALID_STATE');
  if (input.endsOn < a.startsOn) throw AppError.field('endsOn', '结束日期不能早于开始日期', 'The end cannot precede the start');
  if (a.endsOn !== null && input.endsOn > a.endsOn) throw AppError.field('endsOn', '只能提前结束，延期请新建选派', 'Only an earlier end; extend with a new assignment');
  const [row] = await tx.update(commissionerAssignments).set({ endsOn: input.endsOn, updatedAt: now }).where(eq(commissionerAssignments.id, id)).returning();
  await recordAudit(tx, actor, { action: 'commissioner.assignment_end', entityType: 'commissioner_assignment', entityId: id, changes: { endsOn: { before: a.endsOn, after: input.endsOn } } });
  return row!;
}

/** Cancel an assignment entered by mistake: it never counted for coverage. */
export async function cancelAssignment(tx: Tx, actor: Actor, id: string, input: { reason: string }, now: Date): Promise<AssignmentRow> {
  requireCan(actor, 'manage', 'commissioner', {});
  const a = await findAssignment(tx, id, { forUpdate: true });
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'active') throw new AppError('INVALID_STATE');
  const [row] = await tx.update(commissionerAssignments).set({ status: 'cancelled', note: [a.note, `取消：${input.reason}`].filter(Boolean).join('\n'), updatedAt: now }).where(eq(commissionerAssignments.id, id)).returning();
  await recordAudit(tx, actor, { action: 'commissioner.assignment_cancel', entityType: 'commissioner_assignment', entityId: id, changes: { status: { before: 'active', after: 'cancelled' }, reason: input.reason } });
  return row!;
}
