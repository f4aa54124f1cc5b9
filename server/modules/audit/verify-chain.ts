import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditVerification } from '../../../shared/contracts/audit.js';
import type { Db } from '../../db/client.js';
import { readAuditHead } from './repository.js';

export type ChainVerification = z.output<typeof AuditVerification>;

/** prev_hash of the very first row (seeded into audit_head by the migration). */
const GENESIS = '0'.repeat(64);

/**
 * Problems found by {@link verifyAuditChain}. The text starts with a stable
 * code (the web client may translate it), then says what it means.
 */
export const CHAIN_PROBLEMS = {
  hash_mismatch: 'hash_mismatch: the stored hash differs from the recomputed one (row changed after it was written)',
  prev_hash_mismatch: "prev_hash_mismatch: prev_hash differs from the previous row's hash (row inserted, removed or rewritten)",
  missing_rows: 'missing_rows',
  head_mismatch: 'head_mismatch',
} as const;

type Row = { seq: string; prev_hash: string; hash: string; recomputed: string };

/**
 * Walk the whole audit log in seq order and check its hash chain:
 *  - each row's hash is recomputed by the same SQL function the insert trigger
 *    used (`audit_row_hash`), so the canonical form cannot drift between writer
 *    and checker;
 *  - each row's prev_hash equals the hash of the row before it;
 *  - seq has no gaps (a missing prefix is retention and is reported only as firstSeq);
 *  - audit_head (the last seq and hash ever written) matches the last row, so
 *    rows removed from the end are found too.
 * Runs in one read-only REPEATABLE READ snapshot: concurrent inserts neither
 * appear half-way nor make the head disagree. Batches use keyset pagination.
 */
export async function verifyAuditChain(
  db: Db,
  opts: { batchSize?: number; maxProblems?: number } = {},
): Promise<ChainVerification> {
  const batchSize = opts.batchSize ?? 5000;
  const maxProblems = opts.maxProblems ?? 1000;
  return db.transaction(
    async (tx) => {
      const problems: { seq: number; problem: string }[] = [];
      const report = (seq: number, problem: string) => {
        if (problems.length < maxProblems) problems.push({ seq, problem });
      };
      let checked = 0;
      let firstSeq: number | null = null;
      let prev: { seq: number; hash: string } | null = null;
      for (;;) {
        const after: number = prev?.seq ?? -1;
        const { rows }: { rows: Row[] } = await tx.execute<Row>(sql`
          SELECT seq, prev_hash, hash, audit_row_hash(a.prev_hash, a) AS recomputed
          FROM audit_log a WHERE seq > ${after} ORDER BY seq LIMIT ${batchSize}`);
        for (const r of rows) {
          const seq: number = Number(r.seq);
          checked++;
          if (prev === null) {
            firstSeq = seq;
            if (seq === 1 && r.prev_hash !== GENESIS) report(seq, CHAIN_PROBLEMS.prev_hash_mismatch);
          } else if (seq !== prev.seq + 1) {
            report(prev.seq + 1, `${CHAIN_PROBLEMS.missing_rows}: rows ${prev.seq + 1}–${seq - 1} are missing (deleted from the middle of the log)`);
          } else if (r.prev_hash !== prev.hash) {
            report(seq, CHAIN_PROBLEMS.prev_hash_mismatch);
          }
          if (r.recomputed !== r.hash) report(seq, CHAIN_PROBLEMS.hash_mismatch);
          prev = { seq, hash: r.hash };
        }
        if (rows.length < batchSize) break;
      }

      const head = await readAuditHead(tx);
      const last = prev as { seq: number; hash: string } | null;
      if (last === null) {
        // Retention always leaves its own audit row behind, so an empty log
        // after writes means rows were removed out of band.
        if (head.seq > 0) report(head.seq, `${CHAIN_PROBLEMS.missing_rows}: the log is empty but ${head.seq} rows were written`);
      } else if (head.seq !== last.seq) {
        report(
          Math.min(head.seq, last.seq + 1),
          `${CHAIN_PROBLEMS.head_mismatch}: the chain head is at seq ${head.seq} but the last row is ${last.seq} (rows removed from the end, or the head was changed)`,
        );
      } else if (head.hash !== last.hash) {
        report(last.seq, `${CHAIN_PROBLEMS.head_mismatch}: the chain head's hash differs from the last row's hash`);
      }
      return { ok: problems.length === 0, checked, firstSeq, lastSeq: last?.seq ?? null, problems };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
