import { and, eq, isNull, sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { notify } from '../notifications/notify.js';
import { finaliseNotice } from './move-call.js';
import { applicationLink, bureauUserIds, when } from './repository.js';
import { fundingAssignments, fundingCalls } from './schema.js';

export const REMINDER_MS = 2 * 86_400_000;

type Due = { id: string; application_id: string; title: string; expert_user_id: string; expert_name: string; call_id: string; deadline: Date | string };

/**
 * The hourly sweep, all with the injected clock:
 * - an expert whose review is due within two days and not submitted is
 *   reminded once (per deadline: an extension resets the mark);
 * - an overdue review is reported once to the bureau's reviewers and
 *   administrators;
 * - a notice past its period with no open objection becomes final.
 * Each mark is claimed with an UPDATE … WHERE mark IS NULL, so two sweeps
 * at once send each message once.
 */
export async function fundingSweep(db: Db, now: Date): Promise<{ reminded: number; overdue: number; finalised: number }> {
  const base = sql`FROM funding_assignments s
    JOIN funding_applications a ON a.id = s.application_id
    JOIN funding_calls c ON c.id = a.call_id
    JOIN funding_experts e ON e.id = s.expert_id
    WHERE s.submitted_at IS NULL AND a.status = 'in_review' AND c.review_closed_at IS NULL`;
  const cols = sql`s.id, s.application_id, a.title, e.user_id AS expert_user_id, e.name AS expert_name, c.id AS call_id, coalesce(s.deadline, c.review_deadline) AS deadline`;
  const soon = (await db.execute<Due>(sql`SELECT ${cols} ${base} AND s.reminded_at IS NULL AND coalesce(s.deadline, c.review_deadline) > ${now.toISOString()}::timestamptz AND coalesce(s.deadline, c.review_deadline) <= ${new Date(now.getTime() + REMINDER_MS).toISOString()}::timestamptz`)).rows;
  let reminded = 0;
  for (const d of soon) {
    const ok = await withTx(db, async (tx) => {
      const [claimed] = await tx.update(fundingAssignments).set({ remindedAt: now }).where(and(eq(fundingAssignments.id, d.id), isNull(fundingAssignments.remindedAt))).returning({ id: fundingAssignments.id });
      if (!claimed) return false;
      await notify(tx, { userIds: [d.expert_user_id], kind: 'funding.review_reminder', params: { title: d.title, deadline: when(new Date(d.deadline)) }, link: applicationLink(d.application_id) });
      return true;
    });
    if (ok) reminded++;
  }
  const late = (await db.execute<Due>(sql`SELECT ${cols} ${base} AND s.overdue_notified_at IS NULL AND coalesce(s.deadline, c.review_deadline) < ${now.toISOString()}::timestamptz`)).rows;
  let overdue = 0;
  for (const d of late) {
    const ok = await withTx(db, async (tx) => {
      const [claimed] = await tx.update(fundingAssignments).set({ overdueNotifiedAt: now }).where(and(eq(fundingAssignments.id, d.id), isNull(fundingAssignments.overdueNotifiedAt))).returning({ id: fundingAssignments.id });
      if (!claimed) return false;
      await notify(tx, { userIds: await bureauUserIds(tx), kind: 'funding.review_overdue', params: { title: d.title, expert: d.expert_name, deadline: when(new Date(d.deadline)) }, link: applicationLink(d.application_id) });
      return true;
    });
    if (ok) overdue++;
  }
  const ended = await db.select({ id: fundingCalls.id }).from(fundingCalls).where(and(eq(fundingCalls.status, 'notice'), sql`${fundingCalls.noticeEndsAt} <= ${now.toISOString()}::timestamptz`));
  let finalised = 0;
  for (const { id } of ended) if (await withTx(db, (tx) => finaliseNotice(tx, systemActor(), id, now))) finalised++;
  return { reminded, overdue, finalised };
}
