/** Jobs of the contracts domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { sendReviewReminders } from './send-reminders.js';

/** Daily: remind registrars of reviews due soon (idempotent by `remindedAt`). */
export const remindContractReviewsJob = defineJob({
  name: 'contracts.remind_reviews',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const r = await sendReviewReminders(db, now());
    if (r.reminded > 0) log.info(r, 'contract review reminders sent');
  },
});

defineSchedule(remindContractReviewsJob, 24 * 60 * 60, {});
