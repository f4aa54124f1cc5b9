/** Jobs of the voucher domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { expireVouchers } from './expire-vouchers.js';

/** Hourly: expire vouchers past their validity and release their reservations (idempotent). */
export const expireVouchersJob = defineJob({
  name: 'vouchers.expire',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const n = await expireVouchers(db, now());
    if (n > 0) log.info({ expired: n }, 'vouchers expired');
  },
});

defineSchedule(expireVouchersJob, 60 * 60, {});
