import type { z } from 'zod';
import type { CallBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import type { CallRow } from './repository.js';
import { fundingCalls } from './schema.js';

/** The bureau creates a call as a draft (nobody else sees it until it opens). */
export async function createCall(tx: Tx, actor: Actor, input: z.output<typeof CallBody>, now: Date): Promise<CallRow> {
  requireCan(actor, 'manage', 'funding_call');
  const [row] = await tx
    .insert(fundingCalls)
    .values({ ...input, opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt), reviewDeadline: new Date(input.reviewDeadline), status: 'draft', createdBy: actor.userId, createdAt: now })
    .returning();
  await recordAudit(tx, actor, { action: 'funding_call.create', entityType: 'funding_call', entityId: row!.id, changes: { kind: input.kind, title: input.title, budgetFen: input.budgetFen } });
  return row!;
}
