import type { Db, Tx } from './client.js';

/**
 * Run `fn` in a transaction. Serialization failures and deadlocks are retried
 * a few times, so callers may use SERIALIZABLE where invariants need it.
 */
export async function withTx<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  opts: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; retries?: number } = {},
): Promise<T> {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn, opts.isolation ? { isolationLevel: opts.isolation } : undefined);
    } catch (e) {
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (attempt < retries && (code === '40001' || code === '40P01')) continue;
      throw e;
    }
  }
}
