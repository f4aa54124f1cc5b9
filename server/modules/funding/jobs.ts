/** Jobs of the funding domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';

/** Hourly: expert reminders two days before their deadline, overdue notices to the bureau, notices that end with nothing open become final. */
export const fundingSweepJob = defineJob({
  name: 'funding.sweep',
  payload: z.object({}),
  handler: async (_p, { db, now, log }) => {
    await import('./notification-texts.js');
    const { fundingSweep } = await import('./sweep.js');
    const r = await fundingSweep(db, now());
    if (r.reminded + r.overdue + r.finalised > 0) log.info(r, 'funding sweep');
  },
});

defineSchedule(fundingSweepJob, 60 * 60, {});
