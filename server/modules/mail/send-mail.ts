import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { mailOutbox } from './schema.js';

/** Where mail goes; read from the configuration when the job runs, never stored in a job payload. */
export type MailSettings = { smtpUrl: string | undefined; mailFrom: string };

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, t);
  }
  return t;
}

/** An SMTP error text without the server URL (it may carry a password). */
export function scrubError(e: unknown, smtpUrl: string): string {
  let text = e instanceof Error ? e.message : String(e);
  text = text.split(smtpUrl).join('[SMTP_URL]');
  try {
    const password = decodeURIComponent(new URL(smtpUrl).password);
    if (password) text = text.split(password).join('***');
  } catch {
    // Not a URL nodemailer would accept either; nothing more to hide.
  }
  return text.slice(0, 1000);
}

/**
 * Deliver one outbox mail. Without SMTP it is marked "held" and stays in the
 * outbox for an administrator. A failed attempt records the error and throws,
 * so the job queue retries with back-off; the last attempt marks it "failed".
 * Mail no longer "queued" is left alone, so a repeated job sends nothing twice.
 */
export async function deliverMail(
  db: Db,
  log: Logger,
  input: { mailId: string; attempt: number; maxAttempts: number; settings: MailSettings },
): Promise<void> {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, input.mailId)).limit(1);
  if (!mail || mail.status !== 'queued') return;
  const queued = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.status, 'queued'));
  const { smtpUrl, mailFrom } = input.settings;
  if (!smtpUrl) {
    await db.update(mailOutbox).set({ status: 'held' }).where(queued);
    log.info({ mailId: mail.id }, 'mail held: no SMTP server configured');
    return;
  }
  try {
    await transportFor(smtpUrl).sendMail({ from: mailFrom, to: mail.toAddress, subject: mail.subject, text: mail.bodyText });
  } catch (e) {
    const error = scrubError(e, smtpUrl);
    const final = input.attempt >= input.maxAttempts;
    await db
      .update(mailOutbox)
      .set({ attempts: input.attempt, lastError: error, status: final ? 'failed' : 'queued' })
      .where(queued);
    log.warn({ mailId: mail.id, attempt: input.attempt, final }, 'mail not sent');
    throw new Error(`mail not sent: ${error}`);
  }
  await db.update(mailOutbox).set({ status: 'sent', attempts: input.attempt, lastError: null, sentAt: new Date() }).where(queued);
  log.info({ mailId: mail.id }, 'mail sent');
}
