import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AllocateBody, ProgrammeBody, ProgrammeStatusBody } from '../../../shared/contracts/vouchers.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { lockProgramme, postEntry } from './ledger.js';
import { voucherProgrammes } from './schema.js';

/** Create a programme (draft) and allocate its initial budget in the ledger. */
export async function createProgramme(tx: Tx, actor: Actor, input: z.output<typeof ProgrammeBody>, now: Date) {
  requireCan(actor, 'manage', 'voucher_programme');
  const [row] = await tx
    .insert(voucherProgrammes)
    .values({
      name: input.name,
      description: input.description ?? null,
      status: 'draft',
      eligibility: input.eligibility,
      serviceCategories: input.serviceCategories,
      providerOrgIds: input.providerOrgIds,
      coverageBp: input.coverageBp,
      yearlyCapFen: input.yearlyCapFen,
      faceValuesFen: [...new Set(input.faceValuesFen)].sort((a, b) => a - b),
      validityDays: input.validityDays,
      redeemer: input.redeemer,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await postEntry(tx, { programmeId: row!.id, kind: 'allocate', amountFen: input.budgetFen, idempotencyKey: `allocate:${row!.id}:initial`, reason: '初始预算', actorUserId: actor.userId, now });
  await recordAudit(tx, actor, { action: 'voucher_programme.create', entityType: 'voucher_programme', entityId: row!.id, changes: { name: input.name, budgetFen: input.budgetFen } });
  return row!;
}

/** Allocate more budget; the caller's key makes a retried request land once. */
export async function allocateBudget(tx: Tx, actor: Actor, id: string, input: z.output<typeof AllocateBody>, now: Date) {
  requireCan(actor, 'manage', 'voucher_programme');
  const p = await lockProgramme(tx, id);
  if (!p) throw new AppError('NOT_FOUND');
  if (p.status === 'closed') throw new AppError('INVALID_STATE', { message: { zh: '专项已结束，不能追加预算。', en: 'The programme is closed; no budget can be added.' } });
  const posted = await postEntry(tx, { programmeId: id, kind: 'allocate', amountFen: input.amountFen, idempotencyKey: `allocate:${id}:${input.idempotencyKey}`, reason: input.note, actorUserId: actor.userId, now });
  if (posted.created) {
    await recordAudit(tx, actor, { action: 'voucher_programme.allocate', entityType: 'voucher_programme', entityId: id, changes: { amountFen: input.amountFen, note: input.note } });
  }
}

const MOVES: Record<string, string[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };

/** Open a draft or closed programme, or close an open one (closing stops new applications and issue). */
export async function setProgrammeStatus(tx: Tx, actor: Actor, id: string, input: z.output<typeof ProgrammeStatusBody>, now: Date) {
  requireCan(actor, 'manage', 'voucher_programme');
  const p = await lockProgramme(tx, id);
  if (!p) throw new AppError('NOT_FOUND');
  if (!MOVES[p.status]?.includes(input.status)) throw new AppError('INVALID_STATE');
  await tx.update(voucherProgrammes).set({ status: input.status, updatedAt: now }).where(eq(voucherProgrammes.id, id));
  await recordAudit(tx, actor, { action: 'voucher_programme.status', entityType: 'voucher_programme', entityId: id, changes: { status: { before: p.status, after: input.status } } });
}
