import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { districtToday } from '../projects/due-dates.js';
import { contractsConfig } from './config.js';
import { notifyRegistrars } from './notices.js';
import { insertContractEvent, updateContract } from './repository.js';
import { techContracts } from './schema.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Remind the registrars of applications whose 30-day review deadline is
 * within the configured days (once per submission: `remindedAt`).
 */
export async function sendReviewReminders(db: Db, now: Date, _log?: Pick<Logger, 'info'>): Promise<{ reminded: number }> {
  const horizon = new Date(now.getTime() + contractsConfig().registration.remindDaysBefore * DAY);
  const due = await db
    .select({ id: techContracts.id })
    .from(techContracts)
    .where(and(eq(techContracts.status, 'submitted'), isNull(techContracts.remindedAt), lte(techContracts.reviewDueAt, horizon)));
  let reminded = 0;
  for (const { id } of due) {
    await withTx(db, async (tx) => {
      const [c] = await tx.select().from(techContracts).where(and(eq(techContracts.id, id), eq(techContracts.status, 'submitted'), isNull(techContracts.remindedAt))).for('update');
      if (!c) return;
      const days = Math.ceil((c.reviewDueAt!.getTime() - now.getTime()) / DAY);
      await updateContract(tx, id, { remindedAt: now });
      await insertContractEvent(tx, { contractId: id, type: 'reminded', actorUserId: null, body: `${days}`, now });
      await notifyRegistrars(tx, c, 'contract.review_due', { dueDate: districtToday(c.reviewDueAt!), days });
      await recordAudit(tx, systemActor(), { action: 'contract.remind', entityType: 'tech_contract', entityId: id, changes: { daysLeft: days } });
      reminded++;
    });
  }
  return { reminded };
}
