import { eq, sql } from 'drizzle-orm';
import type { Balance } from '../../../shared/contracts/vouchers.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { voucherEntries, voucherProgrammes, vouchers } from './schema.js';

/**
 * The voucher ledger (docs/decisions/0018-voucher-ledger.md).
 *
 * Every movement of money is one row of `voucher_entries`, written here and
 * nowhere else. Each carries an idempotency key: posting the same key again
 * is a no-op that reports the entry already there (and refuses if the
 * amount or kind differ). The insert trigger moves the running totals on the
 * programme and the voucher, whose CHECK constraints are the last line of
 * defence; operations lock the programme row first and check, so callers get
 * clear errors rather than constraint violations.
 */
export type EntryKind = 'allocate' | 'reserve' | 'release' | 'redeem' | 'pay';

export type EntryInput = {
  programmeId: string;
  voucherId?: string | null;
  redemptionId?: string | null;
  kind: EntryKind;
  amountFen: number;
  idempotencyKey: string;
  reason?: string | null;
  actorUserId?: string | null;
  now: Date;
};

export type Posted = { id: number; created: boolean };

/** Post one entry (idempotent by key). */
export async function postEntry(tx: Tx, e: EntryInput): Promise<Posted> {
  if (!Number.isSafeInteger(e.amountFen) || e.amountFen <= 0) throw new Error(`ledger amount must be a positive safe integer: ${e.amountFen}`);
  const inserted = await tx
    .insert(voucherEntries)
    .values({
      programmeId: e.programmeId,
      voucherId: e.voucherId ?? null,
      redemptionId: e.redemptionId ?? null,
      kind: e.kind,
      amountFen: e.amountFen,
      idempotencyKey: e.idempotencyKey,
      reason: e.reason ?? null,
      actorUserId: e.actorUserId ?? null,
      createdAt: e.now,
    })
    .onConflictDoNothing({ target: voucherEntries.idempotencyKey })
    .returning({ id: voucherEntries.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [prior] = await tx.select().from(voucherEntries).where(eq(voucherEntries.idempotencyKey, e.idempotencyKey));
  if (!prior || prior.kind !== e.kind || prior.amountFen !== e.amountFen || prior.programmeId !== e.programmeId || (prior.voucherId ?? null) !== (e.voucherId ?? null)) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  }
  return { id: prior.id, created: false };
}

export type ProgrammeTotals = {
  allocatedFen: number;
  reservedFen: number;
  releasedFen: number;
  redeemedFen: number;
  paidFen: number;
};

/** The balance a programme's totals imply. */
export function balanceOf(t: ProgrammeTotals): Balance {
  const outstanding = t.reservedFen - t.releasedFen - t.redeemedFen;
  return {
    allocatedFen: t.allocatedFen,
    reservedFen: t.reservedFen,
    releasedFen: t.releasedFen,
    redeemedFen: t.redeemedFen,
    paidFen: t.paidFen,
    outstandingFen: outstanding,
    payableFen: t.redeemedFen - t.paidFen,
    availableFen: t.allocatedFen - (t.reservedFen - t.releasedFen),
  };
}

/**
 * Lock a programme's row for the rest of the transaction: every movement of
 * its budget (issue, release, redemption) passes here, so checks made after
 * it see the latest totals and no concurrent transaction can change them.
 */
export async function lockProgramme(tx: Tx, id: string) {
  const [row] = await tx.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id)).for('update');
  return row ?? null;
}

/** Lock a voucher (by id) for the rest of the transaction. */
export async function lockVoucher(tx: Tx, id: string) {
  const [row] = await tx.select().from(vouchers).where(eq(vouchers.id, id)).for('update');
  return row ?? null;
}

/** Totals summed from the entries themselves (the truth the running totals must equal). */
export async function totalsFromEntries(db: DbOrTx, programmeId: string): Promise<ProgrammeTotals> {
  const r = await db.execute<Record<string, string>>(sql`
    SELECT
      coalesce(sum(amount_fen) FILTER (WHERE kind = 'allocate'), 0)::text AS allocated,
      coalesce(sum(amount_fen) FILTER (WHERE kind = 'reserve'), 0)::text AS reserved,
      coalesce(sum(amount_fen) FILTER (WHERE kind = 'release'), 0)::text AS released,
      coalesce(sum(amount_fen) FILTER (WHERE kind = 'redeem'), 0)::text AS redeemed,
      coalesce(sum(amount_fen) FILTER (WHERE kind = 'pay'), 0)::text AS paid
    FROM voucher_entries WHERE programme_id = ${programmeId}`);
  const row = r.rows[0]!;
  return {
    allocatedFen: Number(row.allocated),
    reservedFen: Number(row.reserved),
    releasedFen: Number(row.released),
    redeemedFen: Number(row.redeemed),
    paidFen: Number(row.paid),
  };
}

/** Face values issued to an organisation in a programme in a district calendar year (voided ones excluded). */
export async function issuedInYear(tx: DbOrTx, programmeId: string, organisationId: string, year: number): Promise<number> {
  const r = await tx.execute<{ total: string }>(sql`
    SELECT coalesce(sum(face_value_fen), 0)::text AS total FROM vouchers
    WHERE programme_id = ${programmeId} AND organisation_id = ${organisationId} AND status <> 'voided'
      AND extract(year FROM issued_at AT TIME ZONE 'Asia/Shanghai') = ${year}`);
  return Number(r.rows[0]!.total);
}
