import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DisburseBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { addEvent, applicationLink, disbursedFen, findApplication, findCall, yuan } from './repository.js';
import { fundingDisbursements } from './schema.js';

/**
 * Record a payment of an awarded project: pre-guidance in instalments, the
 * others in one payment of the whole award; never above the award. The
 * application's row lock serialises concurrent records. The applicant is told.
 */
export async function disburse(tx: Tx, actor: Actor, id: string, input: z.output<typeof DisburseBody>, now: Date): Promise<void> {
  requireCan(actor, 'award', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'awarded' || !a.awardFen) throw new AppError('INVALID_STATE', { message: { zh: '公示结束并确定资助后才能拨付。', en: 'Disbursement follows the final award.' } });
  const call = (await findCall(tx, a.callId))!;
  const paid = await disbursedFen(tx, id);
  const n = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM funding_disbursements WHERE application_id = ${id}`)).rows[0]!.n;
  if (call.kind !== 'pre_guidance' && n > 0) throw new AppError('INVALID_STATE', { message: { zh: '事后奖励和后补助一次性拨付。', en: 'Post-award and post-subsidy funds are paid in one instalment.' } });
  if (call.kind !== 'pre_guidance' && input.amountFen !== a.awardFen) throw AppError.field('amountFen', '须一次性拨付全部资助金额', 'Pay the whole award at once');
  if (paid + input.amountFen > a.awardFen) throw AppError.field('amountFen', `超出剩余未拨付金额 ${yuan(a.awardFen - paid)} 元`, `Exceeds what is left to pay (CNY ${yuan(a.awardFen - paid)})`);
  await tx.insert(fundingDisbursements).values({ applicationId: id, instalment: n + 1, amountFen: input.amountFen, paidOn: input.paidOn, reference: input.reference, createdBy: actor.userId, createdAt: now });
  await addEvent(tx, id, 'disbursed', now, `${n + 1}: ${yuan(input.amountFen)}`);
  if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: 'funding.disbursed', params: { title: a.title, instalment: n + 1, amount: yuan(input.amountFen), reference: input.reference }, link: applicationLink(id) });
  await recordAudit(tx, actor, { action: 'funding_application.disburse', entityType: 'funding_application', entityId: id, changes: { instalment: n + 1, amountFen: input.amountFen } });
}
