import type { DbOrTx } from '../../db/client.js';
import { enqueue } from '../../core/jobs/queue.js';
import { sendMailJob } from './jobs.js';
import { mailOutbox } from './schema.js';

/**
 * Write an e-mail to the outbox and queue its sending, inside the caller's
 * transaction: the mail exists, and is sent, only if that transaction commits.
 */
export async function queueMail(tx: DbOrTx, input: { to: string; subject: string; bodyText: string }): Promise<void> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({ toAddress: input.to, subject: input.subject, bodyText: input.bodyText })
    .returning({ id: mailOutbox.id });
  await enqueue(tx, sendMailJob, { mailId: row!.id });
}
