/** Jobs of the identity domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { purgeStaleResetTokens } from './purge-stale.js';
import { purgeExpiredSessions } from './sessions.js';

/** Delete sessions past their absolute end and reset tokens long expired. */
export const purgeSessionsJob = defineJob({
  name: 'identity.purge_expired_sessions',
  payload: z.object({}),
  handler: async (_payload, { db, now: clock }) => {
    const now = clock();
    await purgeExpiredSessions(db, now);
    await purgeStaleResetTokens(db, now);
  },
});

defineSchedule(purgeSessionsJob, 60 * 60, {});
