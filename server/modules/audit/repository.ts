import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEntryView, AuditFilter as AuditFilterSchema } from '../../../shared/contracts/audit.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { auditHead, auditLog } from './schema.js';

/** The filters of the audit search, as the contract parses them. */
export type AuditFilter = z.output<typeof AuditFilterSchema>;
export type AuditRow = typeof auditLog.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuse filters that parse but cannot mean anything (an empty time window). */
export function assertFilter(f: AuditFilter): void {
  if (f.from && f.to && Date.parse(f.from) >= Date.parse(f.to)) {
    throw AppError.field('to', '结束时间必须晚于开始时间。', 'The end time must be after the start time.');
  }
}

/**
 * The WHERE clause for a filter. `from` is inclusive and `to` exclusive;
 * `actor` matches the user id or the username (case-insensitive); `action`
 * is a prefix ("user." finds every user action).
 */
export function auditWhere(f: AuditFilter, maxSeq?: number): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.from) c.push(gte(auditLog.at, new Date(f.from)));
  if (f.to) c.push(lt(auditLog.at, new Date(f.to)));
  if (f.actor) {
    const byName = sql`lower(${auditLog.actorUsername}) = lower(${f.actor})`;
    c.push(UUID.test(f.actor) ? or(eq(auditLog.actorUserId, f.actor), byName) : byName);
  }
  if (f.action) c.push(sql`${auditLog.action} LIKE ${escapeLike(f.action) + '%'}`);
  if (f.entityType) c.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.outcome) c.push(eq(auditLog.outcome, f.outcome));
  if (maxSeq !== undefined) c.push(sql`${auditLog.seq} <= ${maxSeq}`);
  return and(...c);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** One page of matching rows, newest first, and the number of matches. */
export async function listAuditEntries(db: DbOrTx, f: AuditFilter, page: number, pageSize: number) {
  const where = auditWhere(f);
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function countAuditEntries(db: DbOrTx, f: AuditFilter, maxSeq?: number): Promise<number> {
  const [r] = await db.select({ n: count() }).from(auditLog).where(auditWhere(f, maxSeq));
  return Number(r?.n ?? 0);
}

/** The chain head: the last seq and hash ever written (retention does not move it). */
export async function readAuditHead(db: DbOrTx): Promise<{ seq: number; hash: string }> {
  const [h] = await db.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
  return { seq: Number(h?.seq ?? 0), hash: h?.hash ?? '' };
}

/**
 * Matching rows, newest first, in batches by keyset (seq) so a long export
 * neither uses OFFSET nor sees rows written after it started (`maxSeq`).
 */
export async function* iterateAuditEntries(db: DbOrTx, f: AuditFilter, maxSeq: number, limit: number, batch = 1000) {
  let below = maxSeq + 1;
  let left = limit;
  while (left > 0) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(auditWhere(f), lt(auditLog.seq, below)))
      .orderBy(desc(auditLog.seq))
      .limit(Math.min(batch, left));
    for (const r of rows) yield r;
    if (rows.length < Math.min(batch, left)) return;
    left -= rows.length;
    below = rows[rows.length - 1]!.seq;
  }
}

/** The API view of one row. */
export function presentAuditEntry(r: AuditRow): z.input<typeof AuditEntryView> {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorUsername: r.actorUsername,
    actorOrgId: r.actorOrgId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: (r.changes ?? {}) as Record<string, unknown>,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.userAgent,
    requestId: r.requestId,
    hash: r.hash,
  };
}
