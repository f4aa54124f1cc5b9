import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { districtToday } from '../projects/due-dates.js';
import { lockProgramme, lockVoucher, postEntry } from './ledger.js';
import { vouchers } from './schema.js';

/**
 * Expire unused vouchers past their validity (district dates), releasing
 * each reservation. One short transaction per voucher; the ledger key
 * `release:<voucher>` makes a rerun (or a race with a void) land once.
 * Vouchers with a redemption under review wait for its decision.
 */
export async function expireVouchers(db: Db, now: Date): Promise<number> {
  const today = districtToday(now);
  const due = await db.select({ id: vouchers.id }).from(vouchers).where(and(eq(vouchers.status, 'issued'), lt(vouchers.validUntil, today))).limit(10_000);
  let n = 0;
  for (const { id } of due) {
    const done = await withTx(db, async (tx) => {
      const v = await lockVoucher(tx, id);
      if (!v || v.status !== 'issued' || v.validUntil >= today) return false;
      await lockProgramme(tx, v.programmeId);
      await postEntry(tx, { programmeId: v.programmeId, voucherId: v.id, kind: 'release', amountFen: v.faceValueFen, idempotencyKey: `release:${v.id}`, reason: 'expiry', now });
      await tx.update(vouchers).set({ status: 'expired', updatedAt: now }).where(eq(vouchers.id, id));
      return true;
    });
    if (done) n++;
  }
  return n;
}
