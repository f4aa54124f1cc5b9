import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { notify } from '../notifications/notify.js';
import { addDays, daysOverdue, districtToday, DUE_SOON_DAYS, REMINDER_INTERVAL_DAYS } from './due-dates.js';
import { projectLink, reminderMail, type ReminderParams, unitAdmins } from './notices.js';
import { findProject, lockForReminder, obligationsToRemind } from './repository.js';
import { projectObligations } from './schema.js';

/**
 * Remind undertaking units of obligations that are their turn (pending or
 * returned): `obligation.due_soon` from 7 days before the due date,
 * `obligation.overdue` after it; in-app to the unit's administrators and by
 * e-mail, at most once per obligation in 7 days (`lastRemindedAt`). Each
 * obligation is handled in its own transaction under a row lock, so two
 * workers, or a retried run, never remind twice. Returns how many were reminded.
 */
export async function sendObligationReminders(db: Db, now: Date, log?: Logger): Promise<number> {
  const today = districtToday(now);
  const dueBy = addDays(today, DUE_SOON_DAYS);
  const remindedBefore = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 24 * 60 * 60 * 1000);
  let sent = 0;
  for (const id of await obligationsToRemind(db, dueBy, remindedBefore)) {
    const done = await withTx(db, async (tx) => {
      const o = await lockForReminder(tx, id, dueBy, remindedBefore);
      if (!o) return false;
      const project = (await findProject(tx, o.projectId))!;
      const days = daysOverdue(o, now);
      const kind = days > 0 ? 'obligation.overdue' : 'obligation.due_soon';
      const params: ReminderParams = { projectTitle: project.title, obligationTitle: o.title, dueDate: o.dueDate, daysOverdue: days };
      const admins = await unitAdmins(tx, project.undertakingOrgId);
      if (admins.length === 0) log?.warn({ obligationId: id, organisationId: project.undertakingOrgId }, 'obligation reminder: unit has no administrator');
      await notify(tx, { userIds: admins.map((a) => a.id), kind, params, link: projectLink(project.id) });
      for (const a of admins) {
        if (a.email) await queueMail(tx, { to: a.email, ...reminderMail(kind, params, a.locale) });
      }
      await tx.update(projectObligations).set({ lastRemindedAt: now }).where(eq(projectObligations.id, id));
      await recordAudit(tx, systemActor(), {
        action: 'obligation.remind',
        entityType: 'project_obligation',
        entityId: id,
        changes: { kind, recipients: admins.length, daysOverdue: days, lastRemindedAt: { before: o.lastRemindedAt?.toISOString() ?? null, after: now.toISOString() } },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
