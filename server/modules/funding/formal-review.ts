import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { FormalBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { notify } from '../notifications/notify.js';
import { addEvent, applicationLink, findApplication } from './repository.js';
import { fundingApplications } from './schema.js';

/** Formal review: pass to expert review, or return with the reasons; the applicant is told either way. */
export async function formalReview(tx: Tx, actor: Actor, id: string, input: z.output<typeof FormalBody>, now: Date): Promise<void> {
  requireCan(actor, 'review', 'funding_application');
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status !== 'submitted') throw new AppError('INVALID_STATE', { message: { zh: '只有待形式审查的申报可以审查。', en: 'Only applications awaiting formal review can be reviewed.' } });
  const status = input.decision === 'pass' ? 'in_review' : 'formal_rejected';
  await tx.update(fundingApplications).set({ status, formalNote: input.note ?? null }).where(eq(fundingApplications.id, id));
  await addEvent(tx, id, input.decision === 'pass' ? 'formal_pass' : 'formal_reject', now, input.note ?? null);
  if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: input.decision === 'pass' ? 'funding.formal_passed' : 'funding.formal_returned', params: { title: a.title, note: input.note ?? '' }, link: applicationLink(id) });
  await recordAudit(tx, actor, { action: `funding_application.formal_${input.decision}`, entityType: 'funding_application', entityId: id, changes: { status: { before: a.status, after: status }, note: input.note ?? null } });
}
