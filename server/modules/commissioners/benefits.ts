import type { z } from 'zod';
import type { BenefitBody } from '../../../shared/contracts/commissioners.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findCommissioner } from './repository.js';
import { commissionerBenefits } from './schema.js';

export type BenefitRow = typeof commissionerBenefits.$inferSelect;

/**
 * Record a service fee, an equity stake or a dividend a commissioner received
 * from an enterprise (the bureau, or the commissioner for themself). Not in
 * the future.
 */
export async function recordBenefit(tx: Tx, actor: Actor, commissionerId: string, input: z.output<typeof BenefitBody>, now: Date, today: string): Promise<BenefitRow> {
  const c = await findCommissioner(tx, commissionerId);
  if (!c) throw new AppError('NOT_FOUND');
  requireCan(actor, 'create', 'benefit', { ownerId: c.userId });
  if (input.receivedOn > today) throw AppError.field('receivedOn', '日期不能晚于今天', 'The date cannot be in the future');
  const [row] = await tx
    .insert(commissionerBenefits)
    .values({
      commissionerId,
      kind: input.kind,
      organisationId: input.organisationId ?? null,
      enterpriseName: input.enterpriseName,
      amountFen: input.amountFen,
      equityBasisPoints: input.equityBasisPoints ?? null,
      receivedOn: input.receivedOn,
      note: input.note ?? null,
      recordedBy: actor.userId,
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'commissioner.benefit', entityType: 'commissioner', entityId: commissionerId, changes: { kind: input.kind, amountFen: input.amountFen, enterpriseName: input.enterpriseName, receivedOn: input.receivedOn } });
  return row!;
}
