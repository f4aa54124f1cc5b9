import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { contractEvents, contractNumberCounters, techContracts } from './schema.js';

export type ContractRow = typeof techContracts.$inferSelect;
export type ContractInsert = typeof techContracts.$inferInsert;

export async function findContract(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ContractRow | null> {
  const q = db.select().from(techContracts).where(eq(techContracts.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertContract(tx: DbOrTx, values: ContractInsert): Promise<ContractRow> {
  const [row] = await tx.insert(techContracts).values(values).returning();
  return row!;
}

export async function updateContract(tx: DbOrTx, id: string, set: Partial<ContractInsert>): Promise<ContractRow> {
  const [row] = await tx.update(techContracts).set(set).where(eq(techContracts.id, id)).returning();
  return row!;
}

export async function insertContractEvent(
  tx: DbOrTx,
  e: { contractId: string; type: string; actorUserId: string | null; fromStatus?: string | null; toStatus?: string | null; body?: string | null; now: Date },
): Promise<void> {
  await tx.insert(contractEvents).values({
    contractId: e.contractId,
    type: e.type,
    actorUserId: e.actorUserId,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    body: e.body ?? null,
    createdAt: e.now,
  });
}

export async function listContractEvents(db: DbOrTx, contractId: string) {
  return db
    .select({
      id: contractEvents.id,
      type: contractEvents.type,
      fromStatus: contractEvents.fromStatus,
      toStatus: contractEvents.toStatus,
      body: contractEvents.body,
      actorUserId: contractEvents.actorUserId,
      actorName: users.displayName,
      createdAt: contractEvents.createdAt,
    })
    .from(contractEvents)
    .leftJoin(users, eq(users.id, contractEvents.actorUserId))
    .where(eq(contractEvents.contractId, contractId))
    .orderBy(asc(contractEvents.createdAt), asc(contractEvents.id));
}

/** Amendments and terminations of an original, or the original and its siblings for a change. */
export async function listRelated(db: DbOrTx, row: ContractRow): Promise<ContractRow[]> {
  const rootId = row.parentId ?? row.id;
  const rows = await db
    .select()
    .from(techContracts)
    .where(or(eq(techContracts.id, rootId), eq(techContracts.parentId, rootId)))
    .orderBy(asc(techContracts.createdAt));
  return rows.filter((r) => r.id !== row.id);
}

/**
 * The next registration serial of a region and year. The counter row is
 * upserted, which locks it until the approving transaction ends: concurrent
 * approvals queue on it, a rolled-back approval gives its serial back, so
 * serials have neither duplicates nor gaps.
 */
export async function nextSerial(tx: DbOrTx, regionCode: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(contractNumberCounters)
    .values({ regionCode, year, lastSerial: 1 })
    .onConflictDoUpdate({ target: [contractNumberCounters.regionCode, contractNumberCounters.year], set: { lastSerial: sql`${contractNumberCounters.lastSerial} + 1` } })
    .returning({ serial: contractNumberCounters.lastSerial });
  return row!.serial;
}

export type ListFilter = { status?: string; organisationId?: string | null; desk?: boolean; all?: boolean; q?: string };

export async function listContracts(db: DbOrTx, f: ListFilter, page: { limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(techContracts.status, f.status));
  if (f.desk) conds.push(inArray(techContracts.status, f.status ? [f.status] : ['submitted']));
  else if (!f.all) conds.push(eq(techContracts.organisationId, f.organisationId ?? '00000000-0000-0000-0000-000000000000'));
  if (f.q) conds.push(or(ilike(techContracts.projectName, `%${f.q}%`), eq(techContracts.registrationNumber, f.q))!);
  const where = conds.length ? and(...conds) : undefined;
  const order = f.desk ? [asc(techContracts.reviewDueAt), asc(techContracts.id)] : [desc(techContracts.updatedAt), asc(techContracts.id)];
  const items = await db
    .select({ c: techContracts, orgName: organisations.name })
    .from(techContracts)
    .innerJoin(organisations, eq(organisations.id, techContracts.organisationId))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(techContracts).where(where);
  return { items, total: n!.n };
}
