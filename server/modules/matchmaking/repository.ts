import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CaseStatus } from '../../../shared/contracts/matchmaking.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements, demands } from '../catalog/schema.js';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';
import { caseEvents, matchCases } from './schema.js';

/**
 * All SQL of matchmaking cases. Lists join the names of organisations, users
 * and listings for display (read-only columns).
 * TODO(catalog, organisations): read those names through exported batch
 * functions of their domains once they exist.
 */
export type CaseRow = typeof matchCases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

export async function findCase(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | null> {
  const q = db.select().from(matchCases).where(eq(matchCases.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertCase(tx: DbOrTx, values: typeof matchCases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(matchCases).values(values).returning();
  return row!;
}

export async function updateCase(tx: DbOrTx, id: string, set: Partial<typeof matchCases.$inferInsert>): Promise<CaseRow> {
  const [row] = await tx.update(matchCases).set(set).where(eq(matchCases.id, id)).returning();
  return row!;
}

/**
 * Append to a case's timeline. Called under the case's row lock; the time is
 * nudged past the latest event so the timeline order is total even when two
 * events share a clock reading.
 */
export async function insertEvent(
  tx: DbOrTx,
  values: Omit<typeof caseEvents.$inferInsert, 'createdAt'> & { caseId: string; now: Date },
): Promise<void> {
  const { now, ...rest } = values;
  const at = now.toISOString();
  await tx.insert(caseEvents).values({
    ...rest,
    createdAt: sql`greatest(${at}::timestamptz, (SELECT max(e.created_at) + interval '1 millisecond' FROM case_events e WHERE e.case_id = ${values.caseId}))`,
  });
}

/**
 * Serialise openings between the same organisations over the same listings
 * (either direction), so two people clicking at once open one case.
 */
export async function lockPair(tx: DbOrTx, orgs: [string, string], achievementId: string | null, demandId: string | null): Promise<void> {
  const key = [...orgs].sort().join('|') + `|${achievementId ?? '-'}|${demandId ?? '-'}`;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** An open (not closed) case between the two organisations, either way round, over the same listings. */
export async function findOpenCaseBetween(
  db: DbOrTx,
  orgs: [string, string],
  achievementId: string | null,
  demandId: string | null,
): Promise<CaseRow | null> {
  const [a, b] = orgs;
  const [row] = await db
    .select()
    .from(matchCases)
    .where(
      and(
        sql`${matchCases.status} <> 'closed'`,
        or(
          and(eq(matchCases.initiatorOrgId, a), eq(matchCases.counterpartOrgId, b)),
          and(eq(matchCases.initiatorOrgId, b), eq(matchCases.counterpartOrgId, a)),
        ),
        achievementId ? eq(matchCases.achievementId, achievementId) : isNull(matchCases.achievementId),
        demandId ? eq(matchCases.demandId, demandId) : isNull(matchCases.demandId),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type EventWithRefs = CaseEventRow & {
  actorName: string | null;
  file: { id: string; filename: string; contentType: string; sizeBytes: number } | null;
};

/** A case's timeline, oldest first. */
export async function listEvents(db: DbOrTx, caseId: string): Promise<EventWithRefs[]> {
  const rows = await db
    .select({
      e: caseEvents,
      actorName: users.displayName,
      file: { id: files.id, filename: files.filename, contentType: files.contentType, sizeBytes: files.sizeBytes },
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .leftJoin(files, eq(files.id, caseEvents.fileId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.createdAt), asc(caseEvents.id));
  return rows.map((r) => ({ ...r.e, actorName: r.actorName, file: r.file?.id ? r.file : null }));
}

/** Whether the case ever reached `status` (its timeline has a status event into it). */
export async function everReached(db: DbOrTx, caseId: string, status: CaseStatus): Promise<boolean> {
  const [row] = await db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'status'), eq(caseEvents.toStatus, status)))
    .limit(1);
  return Boolean(row);
}

/** Whether this file was posted to this case (the only way a party reaches the other side's files). */
export async function caseHasFile(db: DbOrTx, caseId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.fileId, fileId)))
    .limit(1);
  return Boolean(row);
}

const io = alias(organisations, 'io');
const co = alias(organisations, 'co');
const bu = alias(users, 'bu');

export type CaseWithRefs = CaseRow & {
  initiatorName: string;
  counterpartName: string;
  achievementTitle: string | null;
  demandTitle: string | null;
  brokerName: string | null;
  lastEventAt: Date;
};

/**
 * Who sees which cases in lists: the bureau all; others the cases of their
 * organisation and those they broker; `unclaimed` open cases without a broker.
 */
export type CaseFilter = {
  status?: CaseStatus;
  /** Only cases still moving (interest, contact, negotiation). */
  open?: boolean;
  all?: boolean;
  organisationId?: string | null;
  brokerUserId?: string | null;
  unclaimed?: boolean;
};

function whereOf(f: CaseFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(matchCases.status, f.status));
  if (f.open) conds.push(inArray(matchCases.status, ['interest', 'contact', 'negotiation']));
  if (f.unclaimed) {
    conds.push(inArray(matchCases.status, ['interest', 'contact', 'negotiation']), isNull(matchCases.brokerUserId));
  } else if (!f.all) {
    const mine: SQL[] = [];
    if (f.organisationId) mine.push(eq(matchCases.initiatorOrgId, f.organisationId), eq(matchCases.counterpartOrgId, f.organisationId));
    if (f.brokerUserId) mine.push(eq(matchCases.brokerUserId, f.brokerUserId));
    conds.push(mine.length ? or(...mine)! : sql`false`);
  }
  return conds.length ? and(...conds) : undefined;
}

function selectCases(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      c: matchCases,
      initiatorName: io.name,
      counterpartName: co.name,
      achievementTitle: achievements.title,
      demandTitle: demands.title,
      brokerName: bu.displayName,
      lastEventAt: sql<string | Date | null>`(SELECT max(e.created_at) FROM case_events e WHERE e.case_id = ${matchCases.id})`,
    })
    .from(matchCases)
    .innerJoin(io, eq(io.id, matchCases.initiatorOrgId))
    .innerJoin(co, eq(co.id, matchCases.counterpartOrgId))
    .leftJoin(achievements, eq(achievements.id, matchCases.achievementId))
    .leftJoin(demands, eq(demands.id, matchCases.demandId))
    .leftJoin(bu, eq(bu.id, matchCases.brokerUserId))
    .where(where)
    .$dynamic();
}

type Selected = Awaited<ReturnType<typeof selectCases>>[number];

function withRefs(r: Selected): CaseWithRefs {
  return {
    ...r.c,
    initiatorName: r.initiatorName,
    counterpartName: r.counterpartName,
    achievementTitle: r.achievementTitle,
    demandTitle: r.demandTitle,
    brokerName: r.brokerName,
    lastEventAt: r.lastEventAt ? new Date(r.lastEventAt) : r.c.lastActivityAt,
  };
}

/** A page of cases with display names, most recently active first. */
export async function listCases(db: DbOrTx, f: CaseFilter, page: { limit: number; offset: number }): Promise<{ items: CaseWithRefs[]; total: number }> {
  const where = whereOf(f);
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(matchCases).where(where);
  const rows = await selectCases(db, where).orderBy(desc(matchCases.lastActivityAt), asc(matchCases.id)).limit(page.limit).offset(page.offset);
  return { items: rows.map(withRefs), total };
}

/** One case with display names. */
export async function findCaseWithRefs(db: DbOrTx, id: string): Promise<CaseWithRefs | null> {
  const [row] = await selectCases(db, eq(matchCases.id, id)).limit(1);
  return row ? withRefs(row) : null;
}

/** Open cases someone is waiting on, for the daily reminder round (filtered by working days in TS). */
export async function casesAwaiting(db: DbOrTx): Promise<Pick<CaseRow, 'id' | 'lastActivityAt' | 'remindedAt' | 'escalatedAt'>[]> {
  return db
    .select({ id: matchCases.id, lastActivityAt: matchCases.lastActivityAt, remindedAt: matchCases.remindedAt, escalatedAt: matchCases.escalatedAt })
    .from(matchCases)
    .where(and(inArray(matchCases.status, ['interest', 'contact', 'negotiation']), sql`${matchCases.awaiting} IS NOT NULL`, isNull(matchCases.escalatedAt)));
}
