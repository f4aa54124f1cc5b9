import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportRowError } from '../../../shared/contracts/imports.js';
import type { DbOrTx } from '../../db/client.js';
import { tableOf } from '../catalog/repository.js';
import { importBatches } from './schema.js';

/** SQL of the imports domain. */

export type BatchRow = typeof importBatches.$inferSelect;

export async function insertBatch(tx: DbOrTx, values: typeof importBatches.$inferInsert): Promise<BatchRow> {
  const [row] = await tx.insert(importBatches).values(values).returning();
  return row!;
}

export async function findBatch(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<BatchRow | null> {
  const q = db.select().from(importBatches).where(eq(importBatches.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateBatch(db: DbOrTx, id: string, set: Partial<typeof importBatches.$inferInsert>): Promise<void> {
  await db.update(importBatches).set(set).where(eq(importBatches.id, id));
}

/**
 * Move a batch from one status to the next only if it is still in the first:
 * the job that wins the update does the work (jobs run at least once).
 */
export async function claimBatch(db: DbOrTx, id: string, from: string, to: string): Promise<BatchRow | null> {
  const [row] = await db
    .update(importBatches)
    .set({ status: to })
    .where(and(eq(importBatches.id, id), eq(importBatches.status, from)))
    .returning();
  return row ?? null;
}

/** Serialise commits of one batch (two deliveries of the commit job): false when another holds it. */
export async function lockBatch(tx: DbOrTx, id: string): Promise<boolean> {
  const r = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(7301014, hashtext(${id})) AS locked`);
  return r.rows[0]?.locked === true;
}

/** Progress written while a step runs, outside its transaction so the UI sees it. */
export async function writeProgress(
  db: DbOrTx,
  id: string,
  p: { processedRows: number; totalRows?: number; validRows?: number; invalidRows?: number },
): Promise<void> {
  await db
    .update(importBatches)
    .set({ ...p, ...(p.totalRows !== undefined ? { totalRows: sql`greatest(${importBatches.totalRows}, ${p.totalRows})` } : {}) })
    .where(eq(importBatches.id, id));
}

/** Which of these external ids already name a listing of the kind. */
export async function existingExternalIds(db: DbOrTx, kind: ListingKind, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const t = tableOf(kind);
  const rows = await db.select({ externalId: t.externalId }).from(t).where(inArray(t.externalId, [...ids]));
  return new Set(rows.map((r) => r.externalId!));
}

export type StoredErrors = ImportRowError[];
