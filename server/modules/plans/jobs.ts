/** Jobs of the plans domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { runSupervision } from './supervise.js';
import './notification-texts.js';

/** The daily supervision round (督办): missing reports, overdue milestones, escalation and reminders. */
export const superviseJob = defineJob({
  name: 'plans.supervise',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const sent = await runSupervision(db, now(), log);
    if (sent > 0) log.info({ sent }, 'plan supervision notices sent');
  },
});

defineSchedule(superviseJob, 24 * 60 * 60, {});
