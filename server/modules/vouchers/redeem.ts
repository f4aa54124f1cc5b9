import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { RedeemBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notifyRole } from '../notifications/notify.js';
import { districtToday } from '../projects/due-dates.js';
import { failedBlocking, providerChecks } from './eligibility.js';
import { fraudFlags } from './fraud.js';
import { lockVoucher } from './ledger.js';
import { findProgramme, findRedemptionByKey, findVoucherByCode, type RedemptionRow } from './repository.js';
import { voucherRedemptions, vouchers } from './schema.js';

/** SHA-256 of the request without its key, fields in a fixed order: what "the same body" means. */
export function requestHash(b: RedeemBody): string {
  const canonical = {
    code: b.code.trim().toUpperCase(),
    providerOrgId: b.providerOrgId,
    serviceCategory: b.serviceCategory,
    serviceId: b.serviceId ?? null,
    contractNo: b.contractNo,
    servicePriceFen: b.servicePriceFen,
    serviceStart: b.serviceStart,
    serviceEnd: b.serviceEnd,
    contractFileId: b.contractFileId,
    invoiceFileId: b.invoiceFileId,
    ownShareProofFileId: b.ownShareProofFileId,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** What a voucher covers of a price: the programme's share, at most the face value (fen, rounded down). */
export function coveredAmount(priceFen: number, coverageBp: number, faceValueFen: number): number {
  return Math.min(faceValueFen, Number((BigInt(priceFen) * BigInt(coverageBp)) / 10000n));
}

function replay(prior: RedemptionRow, hash: string): { row: RedemptionRow; replayed: true } {
  if (prior.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { row: prior, replayed: true };
}

/**
 * Submit a redemption with its evidence. Idempotent per submitting
 * organisation and key: a retry returns the claim the first attempt made
 * (whatever happened to it since), a different body under the same key is
 * refused, and concurrent attempts queue on the voucher's row lock so exactly
 * one makes the claim. The voucher moves to `redeeming`; the ledger moves
 * only when the bureau approves.
 */
export async function submitRedemption(tx: Tx, actor: Actor, input: RedeemBody, now: Date): Promise<{ row: RedemptionRow; replayed: boolean }> {
  requireCan(actor, 'create', 'voucher_redemption', { organisationId: actor.organisationId });
  const orgId = actor.organisationId;
  if (!orgId) throw new AppError('FORBIDDEN');
  const hash = requestHash(input);
  const prior = await findRedemptionByKey(tx, orgId, input.idempotencyKey);
  if (prior) return replay(prior, hash);

  const found = await findVoucherByCode(tx, input.code);
  if (!found) throw AppError.field('code', '创新券编码不存在', 'No voucher has this code');
  const v = (await lockVoucher(tx, found.id))!;
  // A concurrent attempt with the same key may have committed while we waited for the lock.
  const raced = await findRedemptionByKey(tx, orgId, input.idempotencyKey);
  if (raced) return replay(raced, hash);

  const p = (await findProgramme(tx, v.programmeId))!;
  const submitterOk = p.redeemer === 'provider' ? orgId === input.providerOrgId : orgId === v.organisationId;
  if (!submitterOk) {
    throw new AppError('FORBIDDEN', {
      message: p.redeemer === 'provider'
        ? { zh: '本专项的创新券由服务机构兑付，请以合同所列服务机构的账号提交。', en: 'In this programme the provider redeems; submit from the provider named in the contract.' }
        : { zh: '本专项的创新券由持券企业申请报销。', en: 'In this programme the enterprise holding the voucher claims reimbursement.' },
    });
  }
  if (v.status !== 'issued') {
    const zh: Record<string, string> = { redeeming: '该券已提交兑付，正在审核', redeemed: '该券已兑付', paid: '该券已兑付并拨付', expired: '该券已过期', voided: '该券已作废' };
    const en: Record<string, string> = { redeeming: 'This voucher has a redemption under review', redeemed: 'This voucher has been redeemed', paid: 'This voucher has been redeemed and paid', expired: 'This voucher has expired', voided: 'This voucher has been voided' };
    throw new AppError('INVALID_STATE', { message: { zh: `${zh[v.status] ?? v.status}。`, en: `${en[v.status] ?? v.status}.` } });
  }
  if (districtToday(now) > v.validUntil) throw new AppError('INVALID_STATE', { message: { zh: '该券已过有效期。', en: 'This voucher is past its validity.' } });
  if (!p.serviceCategories.includes(input.serviceCategory)) throw AppError.field('serviceCategory', '服务类别不在专项支持范围内', 'The service category is not supported by this programme');
  const failed = failedBlocking(await providerChecks(tx, p, input.providerOrgId, input.serviceCategory));
  if (failed.length > 0) throw new AppError('NOT_ELIGIBLE', { fields: failed.map((c) => ({ path: 'providerOrgId', zh: c.zh, en: c.en })) });
  await assertFilesUsable(tx, actor, [input.contractFileId, input.invoiceFileId, input.ownShareProofFileId]).catch((e: unknown) => {
    if (e instanceof AppError && e.options.fields) {
      const names = ['contractFileId', 'invoiceFileId', 'ownShareProofFileId'];
      throw new AppError('VALIDATION_FAILED', { fields: e.options.fields.map((f) => ({ ...f, path: names[Number(f.path.split('.')[1])] ?? f.path })) });
    }
    throw e;
  });
  const amountFen = coveredAmount(input.servicePriceFen, p.coverageBp, v.faceValueFen);
  if (amountFen <= 0) throw AppError.field('servicePriceFen', '服务价格过低，创新券可抵扣金额为零', 'The price is too low for the voucher to cover anything');

  const flags = await fraudFlags(tx, v, { providerOrgId: input.providerOrgId, serviceId: input.serviceId ?? null, servicePriceFen: input.servicePriceFen, serviceStart: input.serviceStart, serviceEnd: input.serviceEnd }, now);
  const [row] = await tx
    .insert(voucherRedemptions)
    .values({
      voucherId: v.id,
      submitterOrgId: orgId,
      submitterUserId: actor.userId,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      providerOrgId: input.providerOrgId,
      serviceCategory: input.serviceCategory,
      serviceId: input.serviceId ?? null,
      contractNo: input.contractNo,
      servicePriceFen: input.servicePriceFen,
      amountFen,
      serviceStart: input.serviceStart,
      serviceEnd: input.serviceEnd,
      contractFileId: input.contractFileId,
      invoiceFileId: input.invoiceFileId,
      ownShareProofFileId: input.ownShareProofFileId,
      flags,
      status: 'submitted',
      createdAt: now,
    })
    .onConflictDoNothing({ target: [voucherRedemptions.submitterOrgId, voucherRedemptions.idempotencyKey] })
    .returning();
  if (!row) {
    // The same key, used concurrently for another voucher, won.
    return replay((await findRedemptionByKey(tx, orgId, input.idempotencyKey))!, hash);
  }
  await tx.update(vouchers).set({ status: 'redeeming', updatedAt: now }).where(eq(vouchers.id, v.id));
  await notifyRole(tx, 'reviewer', { kind: 'voucher.redemption', params: { code: v.code, flags: flags.length }, link: `/console/vouchers/redemptions/${row.id}` });
  await recordAudit(tx, actor, { action: 'voucher_redemption.submit', entityType: 'voucher_redemption', entityId: row.id, changes: { voucherId: v.id, amountFen, servicePriceFen: input.servicePriceFen, flags: flags.map((f) => f.code) } });
  return { row, replayed: false };
}
