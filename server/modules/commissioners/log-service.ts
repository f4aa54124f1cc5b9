import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceLogBody } from '../../../shared/contracts/commissioners.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { districtDate, inForce } from './dates.js';
import { commissionerOfUser, findAssignment } from './repository.js';
import { serviceLogs } from './schema.js';

export type ServiceLogRow = typeof serviceLogs.$inferSelect;

/**
 * A commissioner logs a service under one of their assignments, in force on
 * the day served (district time). The client's idempotency key makes this
 * safe to retry: a log already stored under the same key is returned as it
 * is (`replayed`), and two simultaneous retries store one row (unique key,
 * ON CONFLICT DO NOTHING).
 */
export async function logService(tx: Tx, actor: Actor, input: z.output<typeof ServiceLogBody>, now: Date): Promise<{ row: ServiceLogRow; replayed: boolean }> {
  requireCan(actor, 'create', 'service_log', { ownerId: actor.userId });
  const c = await commissionerOfUser(tx, actor.userId);
  if (!c) throw new AppError('FORBIDDEN', { message: { zh: '您的账号尚未关联科技特派员档案，请联系科技局。', en: 'Your account is not linked to a commissioner record; contact the bureau.' } });

  const existing = async () => (await tx.select().from(serviceLogs).where(and(eq(serviceLogs.commissionerId, c.id), eq(serviceLogs.idempotencyKey, input.idempotencyKey))))[0];
  const before = await existing();
  if (before) return { row: before, replayed: true };

  const a = await findAssignment(tx, input.assignmentId);
  if (!a || a.commissionerId !== c.id) throw AppError.field('assignmentId', '不是您的选派任务', 'Not one of your assignments');
  const servedAt = new Date(input.servedAt);
  if (servedAt.getTime() > now.getTime() + 5 * 60_000) throw AppError.field('servedAt', '服务时间不能晚于现在', 'The service cannot be in the future');
  if (!inForce(a, districtDate(servedAt))) throw AppError.field('servedAt', '服务日期不在该选派期内', 'The service date is outside the assignment’s period');
  if (input.photoFileIds.length) {
    try {
      await assertFilesUsable(tx, actor, input.photoFileIds);
    } catch (e) {
      if (e instanceof AppError && e.options.fields) {
        throw new AppError('VALIDATION_FAILED', { fields: e.options.fields.map((f) => ({ ...f, path: f.path.replace(/^attachments\.(\d+)\.fileId$/, 'photoFileIds.$1') })) });
      }
      throw e;
    }
  }
  const [row] = await tx
    .insert(serviceLogs)
    .values({
      commissionerId: c.id,
      assignmentId: a.id,
      villageId: a.villageId,
      organisationId: a.organisationId,
      idempotencyKey: input.idempotencyKey,
      category: input.category,
      what: input.what,
      place: input.place,
      beneficiaries: input.beneficiaries,
      beneficiaryCount: input.beneficiaryCount,
      minutes: input.minutes,
      servedAt,
      photoFileIds: input.photoFileIds,
      recordedBy: actor.userId,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [serviceLogs.commissionerId, serviceLogs.idempotencyKey] })
    .returning();
  if (!row) return { row: (await existing())!, replayed: true };
  await recordAudit(tx, actor, { action: 'service_log.create', entityType: 'service_log', entityId: row.id, changes: { assignmentId: a.id, minutes: input.minutes, servedAt: input.servedAt, photos: input.photoFileIds.length } });
  return { row, replayed: false };
}
