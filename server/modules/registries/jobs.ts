/** Jobs of the registries (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { warnExpiringCertificates } from './warn-expiring.js';

/** The daily round of certificate-expiry warnings for demonstration institutions. */
export const warnCertificatesJob = defineJob({
  name: 'registries.warn_certificates',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const n = await warnExpiringCertificates(db, now());
    if (n > 0) log.info({ n }, 'certificate expiry warnings sent');
  },
});

defineSchedule(warnCertificatesJob, 24 * 60 * 60, {});
