import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DecideRedemptionBody, PayBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { districtToday } from '../projects/due-dates.js';
import { lockProgramme, lockVoucher, postEntry } from './ledger.js';
import { findRedemption } from './repository.js';
import { voucherRedemptions, vouchers } from './schema.js';

/**
 * The bureau approves a redemption: the ledger records the covered amount as
 * redeemed and releases the rest of the face value to the programme. Or it
 * rejects with a reason: the voucher is usable again while valid (expired
 * otherwise, releasing its reservation).
 */
export async function decideRedemption(tx: Tx, actor: Actor, id: string, input: z.output<typeof DecideRedemptionBody>, now: Date) {
  requireCan(actor, 'decide', 'voucher_redemption');
  const r = await findRedemption(tx, id, { forUpdate: true });
  if (!r) throw new AppError('NOT_FOUND');
  if (r.status !== 'submitted') throw new AppError('INVALID_STATE', { message: { zh: '该兑付申请已处理。', en: 'This redemption has already been decided.' } });
  const v = (await lockVoucher(tx, r.voucherId))!;
  await lockProgramme(tx, v.programmeId);
  let voucherStatus: string;
  if (input.decision === 'approve') {
    await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, redemptionId: r.id, kind: 'redeem', amountFen: r.amountFen, idempotencyKey: `redeem:${v.id}`, actorUserId: actor.userId, now });
    const rest = v.faceValueFen - r.amountFen;
    if (rest > 0) await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, redemptionId: r.id, kind: 'release', amountFen: rest, idempotencyKey: `release:${v.id}`, reason: 'remainder', actorUserId: actor.userId, now });
    voucherStatus = 'redeemed';
  } else if (districtToday(now) > v.validUntil) {
    await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, kind: 'release', amountFen: v.faceValueFen, idempotencyKey: `release:${v.id}`, reason: 'expiry', actorUserId: actor.userId, now });
    voucherStatus = 'expired';
  } else {
    voucherStatus = 'issued';
  }
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await tx.update(voucherRedemptions).set({ status, decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now }).where(eq(voucherRedemptions.id, id));
  await tx.update(vouchers).set({ status: voucherStatus, updatedAt: now }).where(eq(vouchers.id, v.id));
  if (r.submitterUserId) {
    await notify(tx, { userIds: [r.submitterUserId], kind: `voucher.redemption_${status}`, params: { code: v.code, note: input.note ?? '' }, link: `/console/vouchers/redemptions/${id}` });
  }
  await recordAudit(tx, actor, { action: `voucher_redemption.${input.decision}`, entityType: 'voucher_redemption', entityId: id, changes: { status: { before: 'submitted', after: status }, voucherStatus, note: input.note ?? null } });
}

/** Record the payout of an approved redemption (the ledger's pay entry; once per voucher). */
export async function payRedemption(tx: Tx, actor: Actor, id: string, input: z.output<typeof PayBody>, now: Date) {
  requireCan(actor, 'pay', 'voucher_redemption');
  const r = await findRedemption(tx, id, { forUpdate: true });
  if (!r) throw new AppError('NOT_FOUND');
  if (r.status !== 'approved') throw new AppError('INVALID_STATE', { message: { zh: r.status === 'paid' ? '该兑付已拨付。' : '兑付申请尚未批准，不能拨付。', en: r.status === 'paid' ? 'This redemption has already been paid.' : 'The redemption has not been approved.' } });
  const v = (await lockVoucher(tx, r.voucherId))!;
  await lockProgramme(tx, v.programmeId);
  await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, redemptionId: r.id, kind: 'pay', amountFen: r.amountFen, idempotencyKey: `pay:${v.id}`, reason: input.paymentReference, actorUserId: actor.userId, now });
  await tx.update(voucherRedemptions).set({ status: 'paid', paymentReference: input.paymentReference, paidAt: now }).where(eq(voucherRedemptions.id, id));
  await tx.update(vouchers).set({ status: 'paid', updatedAt: now }).where(eq(vouchers.id, v.id));
  if (r.submitterUserId) await notify(tx, { userIds: [r.submitterUserId], kind: 'voucher.redemption_paid', params: { code: v.code, amount: (r.amountFen / 100).toFixed(2) }, link: `/console/vouchers/redemptions/${id}` });
  await recordAudit(tx, actor, { action: 'voucher_redemption.pay', entityType: 'voucher_redemption', entityId: id, changes: { amountFen: r.amountFen, paymentReference: input.paymentReference } });
}
