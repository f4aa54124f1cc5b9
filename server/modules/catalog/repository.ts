import { and, asc, eq, max } from 'drizzle-orm';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { achievements, demands, listingRevisions } from './schema.js';

/**
 * All SQL of the listing workflow that more than one operation needs. Both
 * kinds share the workflow, so helpers take the kind and pick the table.
 */
export type AchievementRow = typeof achievements.$inferSelect;
export type DemandRow = typeof demands.$inferSelect;
export type ListingRow = AchievementRow | DemandRow;
export type RevisionRow = typeof listingRevisions.$inferSelect;
export type ListingInsert = Partial<typeof achievements.$inferInsert> | Partial<typeof demands.$inferInsert>;

export const tableOf = (kind: ListingKind) => (kind === 'achievement' ? achievements : demands);
/** The revision column that points at a record of this kind. */
export const revisionRecordColumn = (kind: ListingKind) =>
  kind === 'achievement' ? listingRevisions.achievementId : listingRevisions.demandId;

/**
 * One listing; `forUpdate` locks the row for the rest of the transaction.
 * Every transition locks the record first, so two reviewers (or a reviewer
 * and the owner) acting at once are serialised and the second sees the first's result.
 */
export async function findListing(db: DbOrTx, kind: ListingKind, id: string, opts: { forUpdate?: boolean } = {}): Promise<ListingRow | null> {
  if (kind === 'achievement') {
    const q = db.select().from(achievements).where(eq(achievements.id, id)).limit(1);
    const [row] = opts.forUpdate ? await q.for('update') : await q;
    return row ?? null;
  }
  const q = db.select().from(demands).where(eq(demands.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertListing(tx: DbOrTx, kind: ListingKind, values: ListingInsert & { organisationId: string; title: string }): Promise<ListingRow> {
  if (kind === 'achievement') {
    const [row] = await tx.insert(achievements).values(values as typeof achievements.$inferInsert).returning();
    return row!;
  }
  const [row] = await tx.insert(demands).values(values as typeof demands.$inferInsert).returning();
  return row!;
}

export async function updateListing(tx: DbOrTx, kind: ListingKind, id: string, set: ListingInsert): Promise<void> {
  if (kind === 'achievement') await tx.update(achievements).set(set as Partial<typeof achievements.$inferInsert>).where(eq(achievements.id, id));
  else await tx.update(demands).set(set as Partial<typeof demands.$inferInsert>).where(eq(demands.id, id));
}

export async function deleteListing(tx: DbOrTx, kind: ListingKind, id: string): Promise<void> {
  if (kind === 'achievement') await tx.delete(achievements).where(eq(achievements.id, id));
  else await tx.delete(demands).where(eq(demands.id, id));
}

/** Every revision of a record, oldest first. */
export async function listRevisions(db: DbOrTx, kind: ListingKind, recordId: string): Promise<RevisionRow[]> {
  return db.select().from(listingRevisions).where(eq(revisionRecordColumn(kind), recordId)).orderBy(asc(listingRevisions.number));
}

export async function findRevision(db: DbOrTx, id: string): Promise<RevisionRow | null> {
  const [row] = await db.select().from(listingRevisions).where(eq(listingRevisions.id, id)).limit(1);
  return row ?? null;
}

/** The revision with this id if it belongs to this record. */
export async function findRecordRevision(db: DbOrTx, kind: ListingKind, recordId: string, id: string): Promise<RevisionRow | null> {
  const [row] = await db
    .select()
    .from(listingRevisions)
    .where(and(eq(listingRevisions.id, id), eq(revisionRecordColumn(kind), recordId)))
    .limit(1);
  return row ?? null;
}

/** The record a revision belongs to. */
export function recordOfRevision(rev: RevisionRow): { kind: ListingKind; id: string } {
  return rev.achievementId ? { kind: 'achievement', id: rev.achievementId } : { kind: 'demand', id: rev.demandId! };
}

export async function insertRevision(
  tx: DbOrTx,
  kind: ListingKind,
  recordId: string,
  values: { content: unknown; createdBy: string | null; now: Date },
): Promise<RevisionRow> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: max(listingRevisions.number) })
    .from(listingRevisions)
    .where(eq(revisionRecordColumn(kind), recordId));
  const [row] = await tx
    .insert(listingRevisions)
    .values({
      kind,
      achievementId: kind === 'achievement' ? recordId : null,
      demandId: kind === 'demand' ? recordId : null,
      number: (n ?? 0) + 1,
      status: 'draft',
      content: values.content as object,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  return row!;
}

export async function updateRevision(tx: DbOrTx, id: string, set: Partial<typeof listingRevisions.$inferInsert>): Promise<void> {
  await tx.update(listingRevisions).set(set).where(eq(listingRevisions.id, id));
}

export async function deleteRevision(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(listingRevisions).where(eq(listingRevisions.id, id));
}

/** The latest revision before `number` (the returned one a discarded draft gives way to). */
export async function previousRevision(db: DbOrTx, kind: ListingKind, recordId: string, number: number): Promise<RevisionRow | null> {
  const rows = await listRevisions(db, kind, recordId);
  return rows.filter((r) => r.number < number).at(-1) ?? null;
}

export async function organisationName(db: DbOrTx, id: string): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).limit(1);
  return row?.name ?? '';
}
