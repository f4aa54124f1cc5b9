import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { financeEvents, financeRecords } from './schema.js';

export type FinanceRow = typeof financeRecords.$inferSelect;
export type FinanceInsert = typeof financeRecords.$inferInsert;

const NO_ORG = '00000000-0000-0000-0000-000000000000';

export async function findRecord(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FinanceRow | null> {
  const q = db.select().from(financeRecords).where(eq(financeRecords.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertRecord(tx: DbOrTx, values: FinanceInsert): Promise<FinanceRow> {
  const [row] = await tx.insert(financeRecords).values(values).returning();
  return row!;
}

export async function updateRecord(tx: DbOrTx, id: string, set: Partial<FinanceInsert>): Promise<FinanceRow> {
  const [row] = await tx.update(financeRecords).set(set).where(eq(financeRecords.id, id)).returning();
  return row!;
}

export async function insertEvent(tx: DbOrTx, e: { recordId: string; type: string; actorUserId: string | null; fromStatus?: string | null; toStatus?: string | null; body?: string | null; now: Date }): Promise<void> {
  await tx.insert(financeEvents).values({ recordId: e.recordId, type: e.type, actorUserId: e.actorUserId, fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, body: e.body ?? null, createdAt: e.now });
}

export async function listEvents(db: DbOrTx, recordId: string) {
  return db
    .select({ id: financeEvents.id, type: financeEvents.type, fromStatus: financeEvents.fromStatus, toStatus: financeEvents.toStatus, body: financeEvents.body, actorUserId: financeEvents.actorUserId, actorName: users.displayName, createdAt: financeEvents.createdAt })
    .from(financeEvents)
    .leftJoin(users, eq(users.id, financeEvents.actorUserId))
    .where(eq(financeEvents.recordId, recordId))
    .orderBy(asc(financeEvents.createdAt), asc(financeEvents.seq));
}

/**
 * Other submitted or verified pledge loans naming one of `patents` whose term
 * overlaps [signedOn, termEndOn] (an open term end overlaps everything after).
 */
export async function pledgeConflicts(db: DbOrTx, r: Pick<FinanceRow, 'id' | 'pledgedPatents' | 'signedOn' | 'termEndOn'>) {
  if (r.pledgedPatents.length === 0) return [];
  const rows = await db.execute<{ id: string; patent: string; organisation_name: string; institution_name: string; status: string; signed_on: string; term_end_on: string | null }>(sql`
    SELECT f.id, p.patent, o.name AS organisation_name, f.institution_name, f.status, f.signed_on::text, f.term_end_on::text
    FROM finance_records f
    JOIN organisations o ON o.id = f.organisation_id
    CROSS JOIN LATERAL unnest(f.pledged_patents) AS p(patent)
    WHERE f.id <> ${r.id} AND f.kind = 'patent_pledge_loan' AND f.status IN ('submitted', 'verified')
      AND p.patent = ANY(${sql.param(r.pledgedPatents)}::text[])
      AND daterange(f.signed_on, f.term_end_on, '[]') && daterange(${r.signedOn}::date, ${r.termEndOn}::date, '[]')
    ORDER BY f.signed_on, f.id, p.patent`);
  return rows.rows.map((x) => ({ recordId: x.id, patent: x.patent, organisationName: x.organisation_name, institutionName: x.institution_name, status: x.status, signedOn: x.signed_on, termEndOn: x.term_end_on }));
}

export type ListFilter = { status?: string; kind?: string; year?: number; q?: string; organisationId?: string | null; desk?: boolean; all?: boolean };

/** The year signed, as a condition on the date column (index-friendly). */
export function signedInYear(year: number): SQL {
  return sql`${financeRecords.signedOn} >= ${`${year}-01-01`}::date AND ${financeRecords.signedOn} < ${`${year + 1}-01-01`}::date`;
}

export async function listRecords(db: DbOrTx, f: ListFilter, page: { limit: number; offset: number }) {
  const conds: SQL[] = [];
  if (f.desk) conds.push(inArray(financeRecords.status, f.status ? [f.status] : ['submitted']));
  else {
    if (f.status) conds.push(eq(financeRecords.status, f.status));
    if (!f.all) conds.push(eq(financeRecords.organisationId, f.organisationId ?? NO_ORG));
  }
  if (f.kind) conds.push(eq(financeRecords.kind, f.kind));
  if (f.year) conds.push(signedInYear(f.year));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(financeRecords.institutionName, like), ilike(organisations.name, like))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const order = f.desk ? [asc(financeRecords.submittedAt), asc(financeRecords.id)] : [desc(financeRecords.updatedAt), asc(financeRecords.id)];
  const items = await db
    .select({ r: financeRecords, orgName: organisations.name })
    .from(financeRecords)
    .innerJoin(organisations, eq(organisations.id, financeRecords.organisationId))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(financeRecords).innerJoin(organisations, eq(organisations.id, financeRecords.organisationId)).where(where);
  return { items, total: n!.n };
}
