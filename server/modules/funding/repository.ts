import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { districtDateTime } from '../projects/due-dates.js';
import { activeUserIdsWithRole } from '../identity/find-users.js';
import { experts, fundingApplications, fundingAssignments, fundingCalls, fundingEvents } from './schema.js';

/** Shared queries of the funding domain. Money is integer fen read as JS numbers (amounts stay far below 2^53). */
export type CallRow = typeof fundingCalls.$inferSelect;
export type ApplicationRow = typeof fundingApplications.$inferSelect;
export type AssignmentRow = typeof fundingAssignments.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;
export type ScoreFormItem = { key: string; label: string; max: number };

export async function findCall(db: DbOrTx, id: string, forUpdate = false): Promise<CallRow | null> {
  const q = db.select().from(fundingCalls).where(eq(fundingCalls.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findApplication(db: DbOrTx, id: string, forUpdate = false): Promise<ApplicationRow | null> {
  const q = db.select().from(fundingApplications).where(eq(fundingApplications.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findAssignment(db: DbOrTx, id: string, forUpdate = false): Promise<AssignmentRow | null> {
  const q = db.select().from(fundingAssignments).where(eq(fundingAssignments.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function expertOfUser(db: DbOrTx, userId: string | null): Promise<ExpertRow | null> {
  if (!userId) return null;
  const [e] = await db.select().from(experts).where(eq(experts.userId, userId));
  return e ?? null;
}

export async function assignmentOf(db: DbOrTx, applicationId: string, expertId: string, forUpdate = false): Promise<AssignmentRow | null> {
  const q = db.select().from(fundingAssignments).where(and(eq(fundingAssignments.applicationId, applicationId), eq(fundingAssignments.expertId, expertId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The awards decided on a call and still standing (not withdrawn). */
export async function awardedFen(db: DbOrTx, callId: string): Promise<number> {
  const r = await db.execute<{ s: string }>(sql`SELECT coalesce(sum(award_fen), 0)::text AS s FROM funding_applications WHERE call_id = ${callId} AND status IN ('ranked', 'awarded', 'accepted') AND award_fen IS NOT NULL`);
  return Number(r.rows[0]!.s);
}

export async function disbursedFen(db: DbOrTx, applicationId: string): Promise<number> {
  const r = await db.execute<{ s: string }>(sql`SELECT coalesce(sum(amount_fen), 0)::text AS s FROM funding_disbursements WHERE application_id = ${applicationId}`);
  return Number(r.rows[0]!.s);
}

/** An expert's deadline: their own, or (rows from before per-assignment deadlines) the call's. */
export function deadlineOf(asg: AssignmentRow, call: CallRow): Date {
  return asg.deadline ?? call.reviewDeadline;
}

export async function addEvent(tx: DbOrTx, applicationId: string, event: string, now: Date, note: string | null = null): Promise<void> {
  await tx.insert(fundingEvents).values({ applicationId, event, note, at: now });
}

/** The bureau's people who run funding reviews (reviewers and bureau administrators). */
export async function bureauUserIds(tx: DbOrTx): Promise<string[]> {
  return [...new Set([...(await activeUserIdsWithRole(tx, 'reviewer')), ...(await activeUserIdsWithRole(tx, 'bureau_admin'))])];
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);
export const when = (d: Date) => districtDateTime(d);
export const applicationLink = (id: string) => `/console/funding/applications/${id}`;
export const callLink = (id: string) => `/console/funding/calls/${id}`;
