/** Jobs of the matchmaking domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { sendCaseReminders } from './send-reminders.js';

/** The daily round of case reminders and escalations (idempotent by `remindedAt` / `escalatedAt`). */
export const remindCasesJob = defineJob({
  name: 'matchmaking.remind_cases',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const r = await sendCaseReminders(db, now(), log);
    if (r.reminded + r.escalated > 0) log.info(r, 'case reminders sent');
  },
});

defineSchedule(remindCasesJob, 24 * 60 * 60, {});
