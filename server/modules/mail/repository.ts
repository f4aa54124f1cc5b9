import { count, desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { mailOutbox } from './schema.js';

/** One page of the outbox, newest first, with the total. */
export async function listOutbox(db: DbOrTx, page: number, pageSize: number) {
  const rows = await db
    .select()
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(mailOutbox);
  return { rows, total: total?.n ?? 0 };
}
