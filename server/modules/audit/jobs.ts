/** Jobs of the audit domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { applyAuditRetention } from './retention.js';

/** Daily: drop audit rows past the configured retention (never under 184 days). */
export const applyAuditRetentionJob = defineJob({
  name: 'audit.apply_retention',
  payload: z.object({}),
  maxAttempts: 3,
  handler: async (_payload, { db, log }) => {
    const { deleted } = await applyAuditRetention(db);
    if (deleted > 0) log.info({ deleted }, 'audit retention applied');
  },
});

defineSchedule(applyAuditRetentionJob, 24 * 60 * 60, {});
