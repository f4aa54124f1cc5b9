/** Jobs of the mail domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { defineJob } from '../../core/jobs/queue.js';
import { deliverMail } from './send-mail.js';

const MAX_ATTEMPTS = 5;

/** Send one outbox mail (see deliverMail). The SMTP settings are read when it runs. */
export const sendMailJob = defineJob({
  name: 'mail.send',
  payload: z.object({ mailId: z.uuid() }),
  maxAttempts: MAX_ATTEMPTS,
  handler: async ({ mailId }, { db, log, attempt }) => {
    const config = loadConfig();
    await deliverMail(db, log, {
      mailId,
      attempt,
      maxAttempts: MAX_ATTEMPTS,
      settings: { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom },
    });
  },
});
