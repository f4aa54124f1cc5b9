import { eq, sql } from 'drizzle-orm';
import { type Actor, systemActor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { settings } from '../system/schema.js';
import { diff, recordAudit } from './record-audit.js';

/** The settings key holding the retention in days. */
export const RETENTION_SETTING = 'audit.retention_days';
/**
 * The legal floor: network logs must be kept at least six months (网络安全法 第二十一条).
 * The database trigger enforces the same 184 days, so lowering this constant alone changes nothing.
 */
export const MIN_RETENTION_DAYS = 184;
export const MAX_RETENTION_DAYS = 36_500;

/** The configured retention; the floor when unset or (somehow) stored below it. */
export async function getAuditRetentionDays(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, RETENTION_SETTING));
  const v = Number(row?.value);
  return Number.isInteger(v) && v >= MIN_RETENTION_DAYS ? v : MIN_RETENTION_DAYS;
}

/** Refuse a retention under the legal floor (or absurdly long). */
export function assertRetentionDays(days: number): void {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw AppError.field(
      'days',
      `保留天数须为 ${MIN_RETENTION_DAYS} 至 ${MAX_RETENTION_DAYS} 之间的整数（法定不少于六个月）。`,
      `Retention must be a whole number of days between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS} (the legal minimum is six months).`,
    );
  }
}

/** Change the retention. Refuses anything under the legal floor. */
export async function setAuditRetention(tx: Tx, actor: Actor, input: { days: number }, now = new Date()): Promise<{ days: number }> {
  const { days } = input;
  assertRetentionDays(days);
  const before = await getAuditRetentionDays(tx);
  await tx
    .insert(settings)
    .values({ key: RETENTION_SETTING, value: days, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: days, updatedAt: now } });
  await recordAudit(tx, actor, {
    action: 'audit.set_retention',
    entityType: 'setting',
    entityId: RETENTION_SETTING,
    changes: diff({ retentionDays: before }, { retentionDays: days }),
  });
  return { days };
}

/**
 * Delete audit rows older than the retention, from the oldest end only: a row
 * goes only when every row before it goes too, so the chain keeps a single
 * missing prefix and never a hole (a late-committed row with an old timestamp
 * waits for its predecessors). Each batch is one transaction that also writes
 * an `audit.apply_retention` row, so the log itself says why it starts later.
 * "Older" uses the database clock, like the trigger that guards deletion.
 */
export async function applyAuditRetention(db: Db, opts: { batchSize?: number } = {}): Promise<{ deleted: number }> {
  const batchSize = opts.batchSize ?? 10_000;
  const days = await getAuditRetentionDays(db);
  let deleted = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ seq: string }>(sql`
        WITH keep AS (
          SELECT coalesce(
            (SELECT seq FROM audit_log WHERE at >= now() - make_interval(days => ${days}) ORDER BY seq LIMIT 1),
            (SELECT seq + 1 FROM audit_head WHERE id = 1)
          ) AS from_seq
        )
        DELETE FROM audit_log WHERE seq IN (
          SELECT seq FROM audit_log, keep WHERE seq < keep.from_seq ORDER BY seq LIMIT ${batchSize}
        ) RETURNING seq`);
      if (rows.length === 0) return 0;
      const seqs = rows.map((r) => Number(r.seq));
      await recordAudit(tx, systemActor(), {
        action: 'audit.apply_retention',
        entityType: 'audit_log',
        entityId: null,
        changes: { retentionDays: days, deleted: seqs.length, fromSeq: Math.min(...seqs), toSeq: Math.max(...seqs) },
      });
      return seqs.length;
    });
    deleted += n;
    if (n < batchSize) return { deleted };
  }
}
