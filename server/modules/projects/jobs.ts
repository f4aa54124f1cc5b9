/** Jobs of the projects domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { sendObligationReminders } from './send-reminders.js';

/** The daily round of obligation reminders (due soon, overdue); idempotent by `lastRemindedAt`. */
export const remindObligationsJob = defineJob({
  name: 'projects.remind_obligations',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const sent = await sendObligationReminders(db, now(), log);
    if (sent > 0) log.info({ sent }, 'obligation reminders sent');
  },
});

defineSchedule(remindObligationsJob, 24 * 60 * 60, {});
