import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { BlacklistBody, VoidBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { lockProgramme, lockVoucher, postEntry } from './ledger.js';
import { voucherBlacklist, vouchers } from './schema.js';

/** Void an unused voucher (fraud, withdrawal): its reservation returns to the programme. */
export async function voidVoucher(tx: Tx, actor: Actor, id: string, input: z.output<typeof VoidBody>, now: Date) {
  requireCan(actor, 'void', 'voucher');
  const v = await lockVoucher(tx, id);
  if (!v) throw new AppError('NOT_FOUND');
  if (v.status !== 'issued') {
    throw new AppError('INVALID_STATE', { message: { zh: '只能作废未使用的创新券（已提交兑付的请先驳回兑付）。', en: 'Only unused vouchers can be voided (reject a pending redemption first).' } });
  }
  await lockProgramme(tx, v.programmeId);
  await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, kind: 'release', amountFen: v.faceValueFen, idempotencyKey: `release:${v.id}`, reason: 'void', actorUserId: actor.userId, now });
  await tx.update(vouchers).set({ status: 'voided', voidReason: input.reason, updatedAt: now }).where(eq(vouchers.id, id));
  await recordAudit(tx, actor, { action: 'voucher.void', entityType: 'voucher', entityId: id, changes: { status: { before: v.status, after: 'voided' }, reason: input.reason } });
  if (input.blacklist) await addToBlacklist(tx, actor, { organisationId: v.organisationId, reason: input.reason }, now);
}

/** Bar an organisation from voucher programmes (no new applications, issue or redemption). */
export async function addToBlacklist(tx: Tx, actor: Actor, input: z.output<typeof BlacklistBody>, now: Date) {
  requireCan(actor, 'manage', 'voucher_blacklist');
  const org = await findOrganisation(tx, input.organisationId);
  if (!org) throw AppError.field('organisationId', '单位不存在', 'No such organisation');
  const [existing] = await tx.select().from(voucherBlacklist).where(and(eq(voucherBlacklist.organisationId, input.organisationId), isNull(voucherBlacklist.liftedAt)));
  if (existing) return existing;
  const [row] = await tx.insert(voucherBlacklist).values({ organisationId: input.organisationId, reason: input.reason, createdBy: actor.userId, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'voucher_blacklist.add', entityType: 'organisation', entityId: input.organisationId, changes: { reason: input.reason } });
  return row!;
}

export async function liftBlacklist(tx: Tx, actor: Actor, id: string, now: Date) {
  requireCan(actor, 'manage', 'voucher_blacklist');
  const [row] = await tx.update(voucherBlacklist).set({ liftedAt: now, liftedBy: actor.userId }).where(and(eq(voucherBlacklist.id, id), isNull(voucherBlacklist.liftedAt))).returning();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'voucher_blacklist.lift', entityType: 'organisation', entityId: row.organisationId, changes: {} });
}
