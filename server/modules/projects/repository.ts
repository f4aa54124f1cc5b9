import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ObligationStatus } from '../../../shared/contracts/projects.js';
import type { DbOrTx } from '../../db/client.js';
import { achievements } from '../catalog/schema.js';
import { files } from '../files/schema.js';
import { organisations } from '../organisations/schema.js';
import { likePattern } from '../users/repository.js';
import { fundedProjects, projectObligations } from './schema.js';
import { AWAITING_UNIT } from './status.js';

export type ProjectRow = typeof fundedProjects.$inferSelect;
export type ObligationRow = typeof projectObligations.$inferSelect;
export type ProjectWithRefs = ProjectRow & {
  orgName: string;
  counts: { total: number; accepted: number; overdue: number };
};
export type ObligationWithRefs = ObligationRow & {
  achievementTitle: string | null;
  achievementStatus: string | null;
  filename: string | null;
};

/** An obligation is overdue when past its due date (district `today`) and not accepted. */
function overdueCond(today: string): SQL {
  return and(ne(projectObligations.status, 'accepted'), sql`${projectObligations.dueDate} < ${today}::date`)!;
}

/**
 * Counts per project. The outer table is spelled out: Drizzle leaves
 * `${fundedProjects.id}` unqualified, where it would bind to `po.id`.
 */
function countsOf(today: string) {
  return sql<{ total: number; accepted: number; overdue: number }>`(
    SELECT json_build_object(
      'total', count(*)::int,
      'accepted', (count(*) FILTER (WHERE po.status = 'accepted'))::int,
      'overdue', (count(*) FILTER (WHERE po.status <> 'accepted' AND po.due_date < ${today}::date))::int)
    FROM project_obligations po WHERE po.project_id = funded_projects.id)`;
}

export async function findProject(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectRow | null> {
  const q = db.select().from(fundedProjects).where(eq(fundedProjects.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findProjectByNumber(db: DbOrTx, programme: string, projectNo: string): Promise<ProjectRow | null> {
  const [row] = await db
    .select()
    .from(fundedProjects)
    .where(and(eq(fundedProjects.programme, programme), eq(fundedProjects.projectNo, projectNo)))
    .limit(1);
  return row ?? null;
}

export async function findProjectWithRefs(db: DbOrTx, id: string, today: string): Promise<ProjectWithRefs | null> {
  const [row] = await db
    .select({ project: fundedProjects, orgName: organisations.name, counts: countsOf(today) })
    .from(fundedProjects)
    .innerJoin(organisations, eq(organisations.id, fundedProjects.undertakingOrgId))
    .where(eq(fundedProjects.id, id))
    .limit(1);
  return row ? { ...row.project, orgName: row.orgName, counts: row.counts } : null;
}

export type ProjectFilter = { programme?: string; orgId?: string; status?: ObligationStatus; overdueOnly?: boolean; q?: string };

/** A page of projects, newest first; `onlyOrgId` confines an undertaking unit to its own. */
export async function listProjects(
  db: DbOrTx,
  filter: ProjectFilter,
  onlyOrgId: string | null,
  today: string,
  page: { page: number; pageSize: number },
): Promise<{ items: ProjectWithRefs[]; total: number }> {
  const conds: SQL[] = [];
  if (onlyOrgId) conds.push(eq(fundedProjects.undertakingOrgId, onlyOrgId));
  if (filter.orgId) conds.push(eq(fundedProjects.undertakingOrgId, filter.orgId));
  if (filter.programme) conds.push(eq(fundedProjects.programme, filter.programme));
  if (filter.q) {
    const p = likePattern(filter.q);
    conds.push(or(ilike(fundedProjects.title, p), ilike(fundedProjects.projectNo, p))!);
  }
  const has = (cond: SQL) =>
    sql`EXISTS (SELECT 1 FROM ${projectObligations} WHERE ${projectObligations.projectId} = funded_projects.id AND ${cond})`;
  if (filter.status) conds.push(has(eq(projectObligations.status, filter.status)));
  if (filter.overdueOnly) conds.push(has(overdueCond(today)));
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(fundedProjects).where(where);
  const rows = await db
    .select({ project: fundedProjects, orgName: organisations.name, counts: countsOf(today) })
    .from(fundedProjects)
    .innerJoin(organisations, eq(organisations.id, fundedProjects.undertakingOrgId))
    .where(where)
    .orderBy(desc(fundedProjects.createdAt), asc(fundedProjects.projectNo))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { items: rows.map((r) => ({ ...r.project, orgName: r.orgName, counts: r.counts })), total };
}

export async function findObligation(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ObligationRow | null> {
  const q = db.select().from(projectObligations).where(eq(projectObligations.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

function obligationsWithRefs(db: DbOrTx, where: SQL) {
  return db
    .select({
      o: projectObligations,
      achievementTitle: achievements.title,
      achievementStatus: achievements.status,
      filename: files.filename,
    })
    .from(projectObligations)
    .leftJoin(achievements, eq(achievements.id, projectObligations.achievementId))
    .leftJoin(files, eq(files.id, projectObligations.fileId))
    .where(where)
    .orderBy(asc(projectObligations.dueDate), asc(projectObligations.createdAt));
}

export async function listObligations(db: DbOrTx, projectId: string): Promise<ObligationWithRefs[]> {
  const rows = await obligationsWithRefs(db, eq(projectObligations.projectId, projectId));
  return rows.map((r) => ({ ...r.o, achievementTitle: r.achievementTitle, achievementStatus: r.achievementStatus, filename: r.filename }));
}

export async function findObligationWithRefs(db: DbOrTx, id: string): Promise<ObligationWithRefs | null> {
  const [r] = await obligationsWithRefs(db, eq(projectObligations.id, id));
  return r ? { ...r.o, achievementTitle: r.achievementTitle, achievementStatus: r.achievementStatus, filename: r.filename } : null;
}

/**
 * An achievement as far as an obligation needs it. A read-only look at the
 * catalog's table: the catalog module exports no such query yet, and this
 * reads only ownership, title and status.
 */
export async function findAchievementRef(
  db: DbOrTx,
  id: string,
): Promise<{ id: string; organisationId: string; title: string; status: string } | null> {
  const [row] = await db
    .select({ id: achievements.id, organisationId: achievements.organisationId, title: achievements.title, status: achievements.status })
    .from(achievements)
    .where(eq(achievements.id, id))
    .limit(1);
  return row ?? null;
}

/** Ownership and detected type of an uploaded file (read-only look at the files table; never the bytes). */
export async function findFileRef(
  db: DbOrTx,
  id: string,
): Promise<{ id: string; organisationId: string | null; contentType: string; filename: string } | null> {
  const [row] = await db
    .select({ id: files.id, organisationId: files.organisationId, contentType: files.contentType, filename: files.filename })
    .from(files)
    .where(eq(files.id, id))
    .limit(1);
  return row ?? null;
}

/** Another obligation already carrying this report number, if any. */
export async function findByReportNumber(db: DbOrTx, reportNumber: string, exceptId: string): Promise<ObligationRow | null> {
  const [row] = await db
    .select()
    .from(projectObligations)
    .where(and(eq(projectObligations.reportNumber, reportNumber), ne(projectObligations.id, exceptId)))
    .limit(1);
  return row ?? null;
}

export type OverdueFilter = { programme?: string; orgId?: string };
export type OverdueRow = {
  id: string;
  kind: string;
  title: string;
  dueDate: string;
  status: string;
  daysOverdue: number;
  lastRemindedAt: Date | null;
  projectId: string;
  programme: string;
  projectNo: string;
  projectTitle: string;
  orgId: string;
  orgName: string;
};

/** Overdue obligations at district date `today`, most overdue first. */
export async function listOverdue(
  db: DbOrTx,
  filter: OverdueFilter,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ items: OverdueRow[]; total: number }> {
  const conds: SQL[] = [overdueCond(today)];
  if (filter.programme) conds.push(eq(fundedProjects.programme, filter.programme));
  if (filter.orgId) conds.push(eq(fundedProjects.undertakingOrgId, filter.orgId));
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(projectObligations)
    .innerJoin(fundedProjects, eq(fundedProjects.id, projectObligations.projectId))
    .where(where);
  const items = await db
    .select({
      id: projectObligations.id,
      kind: projectObligations.kind,
      title: projectObligations.title,
      dueDate: projectObligations.dueDate,
      status: projectObligations.status,
      daysOverdue: sql<number>`(${today}::date - ${projectObligations.dueDate})::int`,
      lastRemindedAt: projectObligations.lastRemindedAt,
      projectId: fundedProjects.id,
      programme: fundedProjects.programme,
      projectNo: fundedProjects.projectNo,
      projectTitle: fundedProjects.title,
      orgId: organisations.id,
      orgName: organisations.name,
    })
    .from(projectObligations)
    .innerJoin(fundedProjects, eq(fundedProjects.id, projectObligations.projectId))
    .innerJoin(organisations, eq(organisations.id, fundedProjects.undertakingOrgId))
    .where(where)
    .orderBy(asc(projectObligations.dueDate), asc(organisations.name), asc(projectObligations.id))
    .limit(page.limit)
    .offset(page.offset);
  return { items, total };
}

/**
 * Obligations whose unit should be reminded now: the unit's turn, due within
 * `dueBy` (or past it), and not reminded since `remindedBefore`.
 */
export async function obligationsToRemind(db: DbOrTx, dueBy: string, remindedBefore: Date): Promise<string[]> {
  const rows = await db
    .select({ id: projectObligations.id })
    .from(projectObligations)
    .where(reminderDue(dueBy, remindedBefore))
    .orderBy(asc(projectObligations.dueDate), asc(projectObligations.id));
  return rows.map((r) => r.id);
}

/** The condition of `obligationsToRemind`, re-checked under the row lock. */
export function reminderDue(dueBy: string, remindedBefore: Date): SQL {
  return and(
    inArray(projectObligations.status, [...AWAITING_UNIT]),
    lte(projectObligations.dueDate, dueBy),
    or(isNull(projectObligations.lastRemindedAt), lte(projectObligations.lastRemindedAt, remindedBefore)),
  )!;
}

/** Lock one obligation for reminding, skipping it if another worker holds it or it no longer qualifies. */
export async function lockForReminder(db: DbOrTx, id: string, dueBy: string, remindedBefore: Date): Promise<ObligationRow | null> {
  const [row] = await db
    .select()
    .from(projectObligations)
    .where(and(eq(projectObligations.id, id), reminderDue(dueBy, remindedBefore)))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ?? null;
}
