/** Jobs of the catalog domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { expireDemands } from './expire-demands.js';

/** Daily: published demands past their deadline become expired. */
export const expireDemandsJob = defineJob({
  name: 'catalog.expire_demands',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const n = await expireDemands(db, now());
    if (n > 0) log.info({ expired: n }, 'demands expired');
  },
});

defineSchedule(expireDemandsJob, 24 * 3600, {});
