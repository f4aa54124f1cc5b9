import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { addDays, districtToday } from '../projects/due-dates.js';
import { balanceOf, issuedInYear, lockProgramme, postEntry } from './ledger.js';
import { blacklisted, type VoucherRow } from './repository.js';
import { vouchers } from './schema.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** A voucher code such as CQ26-7K3M-9XPA-Q2RD: 60 random bits, unique by constraint. */
export function voucherCode(now: Date): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  const yy = districtToday(now).slice(2, 4);
  return `CQ${yy}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export type IssueInput = {
  programmeId: string;
  organisationId: string;
  applicationId: string | null;
  faceValuesFen: number[];
  actorUserId: string | null;
};

/**
 * Issue vouchers, reserving their face values in the ledger. The programme
 * row is locked first, so concurrent issues in one programme queue here and
 * each sees the budget the previous one left; the ledger's CHECK constraint
 * would refuse an over-issue even if this check were wrong.
 */
export async function issueVouchers(tx: Tx, input: IssueInput, now: Date): Promise<VoucherRow[]> {
  const p = await lockProgramme(tx, input.programmeId);
  if (!p) throw new AppError('NOT_FOUND');
  if (p.status !== 'open') throw new AppError('INVALID_STATE', { message: { zh: '专项未在受理期，不能发券。', en: 'The programme is not open; vouchers cannot be issued.' } });
  const bad = input.faceValuesFen.findIndex((f) => !p.faceValuesFen.includes(f));
  if (bad >= 0) throw AppError.field(`faceValuesFen.${bad}`, '面额不在本专项设定的面额之列', 'This face value is not one of the programme’s');
  if ((await blacklisted(tx, [input.organisationId])).size > 0) throw new AppError('BLACKLISTED');
  const total = input.faceValuesFen.reduce((a, b) => a + b, 0);
  const available = balanceOf(p).availableFen;
  if (total > available) {
    throw new AppError('BUDGET_EXCEEDED', { message: { zh: `专项可用预算 ${(available / 100).toFixed(2)} 元，不足以发放 ${(total / 100).toFixed(2)} 元。`, en: `Available budget CNY ${(available / 100).toFixed(2)} cannot cover CNY ${(total / 100).toFixed(2)}.` } });
  }
  const today = districtToday(now);
  const used = await issuedInYear(tx, p.id, input.organisationId, Number(today.slice(0, 4)));
  if (used + total > p.yearlyCapFen) {
    throw new AppError('VOUCHER_CAP_EXCEEDED', { message: { zh: `本年度已获 ${(used / 100).toFixed(2)} 元，上限 ${(p.yearlyCapFen / 100).toFixed(2)} 元。`, en: `Issued this year CNY ${(used / 100).toFixed(2)}; the cap is CNY ${(p.yearlyCapFen / 100).toFixed(2)}.` } });
  }
  const validUntil = addDays(today, p.validityDays - 1);
  const rows = await tx
    .insert(vouchers)
    .values(input.faceValuesFen.map((f) => ({ code: voucherCode(now), programmeId: p.id, applicationId: input.applicationId, organisationId: input.organisationId, faceValueFen: f, validFrom: today, validUntil, status: 'issued', issuedAt: now, updatedAt: now })))
    .returning();
  for (const v of rows) {
    await postEntry(tx, { programmeId: p.id, voucherId: v.id, kind: 'reserve', amountFen: v.faceValueFen, idempotencyKey: `reserve:${v.id}`, actorUserId: input.actorUserId, now });
  }
  return rows;
}
