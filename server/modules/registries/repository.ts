import { and, desc, eq, sql } from 'drizzle-orm';
import type { RegistryKind } from '../../../shared/contracts/registries.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { type EntryRow, KINDS } from './kinds.js';
import { registryRevisions } from './schema.js';

/** SQL of the registries' entries and their revisions. */
export type RevisionRow = typeof registryRevisions.$inferSelect;

export async function findEntry(db: DbOrTx, kind: RegistryKind, id: string, opts: { forUpdate?: boolean } = {}): Promise<EntryRow | null> {
  const def = KINDS[kind];
  const q = db.select().from(def.table).where(eq(def.table.id, id)).limit(1);
  const rows = (opts.forUpdate ? await q.for('update') : await q) as unknown as EntryRow[];
  return rows[0] ?? null;
}

export async function insertEntry(db: DbOrTx, kind: RegistryKind, values: Record<string, unknown>): Promise<EntryRow> {
  const def = KINDS[kind];
  const rows = (await db.insert(def.table).values(values as never).returning()) as unknown as EntryRow[];
  return rows[0]!;
}

export async function updateEntry(db: DbOrTx, kind: RegistryKind, id: string, set: Record<string, unknown>): Promise<EntryRow> {
  const def = KINDS[kind];
  const rows = (await db.update(def.table).set(set as never).where(eq(def.table.id, id)).returning()) as unknown as EntryRow[];
  return rows[0]!;
}

export async function findRevision(db: DbOrTx, id: string): Promise<RevisionRow | null> {
  const [row] = await db.select().from(registryRevisions).where(eq(registryRevisions.id, id)).limit(1);
  return row ?? null;
}

export async function revisionsOf(db: DbOrTx, kind: RegistryKind, entryId: string): Promise<RevisionRow[]> {
  return db
    .select()
    .from(registryRevisions)
    .where(and(eq(registryRevisions.kind, kind), eq(registryRevisions.entryId, entryId)))
    .orderBy(desc(registryRevisions.number));
}

export async function insertRevision(
  db: DbOrTx,
  v: { kind: RegistryKind; entryId: string; content: Record<string, unknown>; createdBy: string | null; now: Date },
): Promise<RevisionRow> {
  const [row] = await db
    .insert(registryRevisions)
    .values({
      kind: v.kind,
      entryId: v.entryId,
      number: sql`(SELECT coalesce(max(number), 0) + 1 FROM registry_revisions WHERE kind = ${v.kind} AND entry_id = ${v.entryId})`,
      content: v.content,
      createdBy: v.createdBy,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .returning();
  return row!;
}

export async function updateRevision(db: DbOrTx, id: string, set: Partial<typeof registryRevisions.$inferInsert>): Promise<RevisionRow> {
  const [row] = await db.update(registryRevisions).set(set).where(eq(registryRevisions.id, id)).returning();
  return row!;
}

export async function organisationName(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).limit(1);
  return row?.name ?? null;
}
