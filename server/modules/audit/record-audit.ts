import type { Actor } from '../../core/access.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from './schema.js';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Changed fields with before/after values; pass through `diff()` to mask secrets. */
  changes?: Record<string, unknown>;
  outcome?: 'success' | 'denied' | 'failure';
};

/**
 * Append one audit row. Call it inside the transaction that makes the change,
 * as late as possible: the insert locks the chain head until commit.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    // seq, prev_hash and hash are set by the chaining trigger.
    seq: 0,
    prevHash: '',
    hash: '',
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorOrgId: actor.organisationId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? {},
    outcome: entry.outcome ?? 'success',
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    requestId: actor.requestId,
  });
}

const SECRET = /password|secret|token|totp|hash/i;
const PERSONAL = /phone|mobile|email|idcard|id_card|idNumber|creditCode/i;

/** Mask a value for the audit log: secrets vanish, personal identifiers keep a hint. */
export function maskValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET.test(field)) return '***';
  if (PERSONAL.test(field) && typeof value === 'string') return maskIdentifier(value);
  return value;
}

export function maskIdentifier(v: string): string {
  const at = v.indexOf('@');
  if (at > 0) return `${v.slice(0, 1)}***${v.slice(at)}`;
  if (v.length <= 4) return '****';
  const keep = Math.min(4, Math.floor(v.length / 4));
  return `${v.slice(0, keep)}${'*'.repeat(v.length - keep * 2)}${v.slice(-keep)}`;
}

/**
 * The changed fields between two versions of a record, masked. Dates are
 * compared and stored as ISO strings.
 */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'createdAt') continue;
    const b = norm(before?.[k]);
    const a = norm(after?.[k]);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[k] = { before: maskValue(k, b), after: maskValue(k, a) };
  }
  return out;
}

function norm(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v === undefined ? null : v;
}
