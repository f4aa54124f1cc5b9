import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Locale } from '../../../shared/roles.js';
import { systemActor } from '../../core/access.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { activeUserIdsWithRole } from '../identity/find-users.js';
import { recordAudit } from '../audit/record-audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { notify } from '../notifications/notify.js';
import { renderNotification } from '../notifications/templates.js';
import { addDays, daysBetween, districtToday } from '../projects/due-dates.js';
import { listOrgMembers } from '../users/repository.js';
import { periodEnd, periodsBetween } from './periods.js';
import { milestonesOf, type PlanRow, planIndicatorRows, planTaskRows, responsibleUnits } from './repository.js';
import { planReports, plans, planSupervisionItems } from './schema.js';
import { COUNTS_AS_REPORTED } from './transitions.js';
import { indicatorValue } from './values.js';
import { districtYear } from './targets.js';

/** Days after an item is raised (the day after it fell due) at which it escalates to level 2 and 3. */
export const ESCALATE_AFTER_DAYS = [7, 14] as const;

/** Level of an item `daysOverdue` days past its due date (1 on the first day after it). */
export function escalationLevel(daysOverdue: number): 1 | 2 | 3 {
  const sinceRaised = daysOverdue - 1;
  if (sinceRaised >= ESCALATE_AFTER_DAYS[1]) return 3;
  if (sinceRaised >= ESCALATE_AFTER_DAYS[0]) return 2;
  return 1;
}

type Wanted = { taskId: string; organisationId: string; kind: 'missing_report' | 'overdue_milestone'; period: string | null; milestoneId: string | null; dueDate: string };

/**
 * What is missing in a plan today: for every responsible unit (lead or co)
 * every period of the task's cadence that ended, whose report is past due
 * (`reportDueDays` after the period) and that has no submitted or accepted
 * report; and every milestone past its due date and not reached (for the
 * task's lead unit). Periods ending before `reportingFrom` are not demanded.
 */
export async function wantedItems(db: Db | Tx, plan: PlanRow, now: Date): Promise<Wanted[]> {
  const today = districtToday(now);
  const tasks = await planTaskRows(db, plan.id);
  const units = await responsibleUnits(db, tasks);
  const reported = await db
    .select({ taskId: planReports.taskId, organisationId: planReports.organisationId, period: planReports.period })
    .from(planReports)
    .where(and(eq(planReports.planId, plan.id), inArray(planReports.status, [...COUNTS_AS_REPORTED])));
  const done = new Set(reported.map((r) => `${r.taskId}|${r.organisationId}|${r.period}`));
  const out: Wanted[] = [];
  const lastDay = plan.endDate < today ? plan.endDate : today;
  for (const t of tasks) {
    for (const period of periodsBetween(t.cadence === 'monthly' ? 'monthly' : 'quarterly', plan.startDate, lastDay)) {
      const end = periodEnd(period);
      if (end < plan.reportingFrom) continue;
      const due = addDays(end, plan.reportDueDays);
      if (due >= today) continue;
      for (const u of units.filter((x) => x.taskId === t.id)) {
        if (!done.has(`${t.id}|${u.organisationId}|${period}`)) out.push({ taskId: t.id, organisationId: u.organisationId, kind: 'missing_report', period, milestoneId: null, dueDate: due });
      }
    }
  }
  const indicators = new Map((await planIndicatorRows(db, plan.id)).map((i) => [i.id, i]));
  for (const m of await milestonesOf(db, tasks.map((t) => t.id))) {
    if (m.dueDate >= today || m.dueDate < plan.reportingFrom) continue;
    const ind = m.indicatorId ? indicators.get(m.indicatorId) : undefined;
    const reached = ind
      ? (await indicatorValue(db, plan, ind, Math.min(districtYear(now), Number(plan.endDate.slice(0, 4))), now)).value >= (m.target ?? 0)
      : m.reachedAt !== null;
    if (reached) continue;
    const lead = units.find((u) => u.taskId === m.taskId && u.role === 'lead');
    if (lead) out.push({ taskId: m.taskId, organisationId: lead.organisationId, kind: 'overdue_milestone', period: null, milestoneId: m.id, dueDate: m.dueDate });
  }
  return out;
}

type Recipient = { id: string; email: string | null; locale: Locale };

/** Who hears of an item at each level: 1 the unit's reporters and admins; 2 its admins and the bureau; 3 the bureau's administrators. */
async function recipients(tx: Tx, organisationId: string, level: number): Promise<Recipient[]> {
  const members = (await listOrgMembers(tx, organisationId)).filter((m) => m.status === 'active');
  const pick = (roles: string[]) => members.filter((m) => m.roles.some((r) => roles.includes(r)));
  const unit = level === 1 ? pick(['dept_reporter', 'org_admin']) : level === 2 ? pick(['org_admin']) : [];
  const bureauIds = level === 1 ? [] : [...(level === 2 ? await activeUserIdsWithRole(tx, 'reviewer') : []), ...(await activeUserIdsWithRole(tx, 'bureau_admin'))];
  const bureau = bureauIds.length ? await tx.query.users.findMany({ where: (u, { inArray: inA }) => inA(u.id, bureauIds) }) : [];
  const all = [...unit, ...bureau].map((u) => ({ id: u.id, email: u.email, locale: (u.locale === 'en' ? 'en' : 'zh-CN') as Locale }));
  return [...new Map(all.map((r) => [r.id, r])).values()];
}

/**
 * The daily supervision round over every active plan: raise new items,
 * escalate open ones whose level rose (notifying and mailing that level's
 * recipients once), resolve those no longer wanted. Each item changes in its
 * own transaction under a row lock, so a retried or concurrent run notifies
 * once. Returns how many notices went out.
 */
export async function runSupervision(db: Db, now: Date, log?: Logger): Promise<number> {
  const today = districtToday(now);
  let noticed = 0;
  for (const plan of await db.select().from(plans).where(eq(plans.status, 'active'))) {
    const wanted = await wantedItems(db, plan, now);
    const keyOf = (w: { taskId: string; organisationId: string; period: string | null; milestoneId: string | null }) => `${w.taskId}|${w.organisationId}|${w.period ?? ''}|${w.milestoneId ?? ''}`;
    const open = await db.select().from(planSupervisionItems).where(and(eq(planSupervisionItems.planId, plan.id), isNull(planSupervisionItems.resolvedAt)));
    const wantedKeys = new Set(wanted.map(keyOf));
    for (const item of open.filter((o) => !wantedKeys.has(keyOf(o)))) {
      await db.update(planSupervisionItems).set({ resolvedAt: now }).where(and(eq(planSupervisionItems.id, item.id), isNull(planSupervisionItems.resolvedAt)));
    }
    for (const w of wanted) {
      const level = escalationLevel(daysBetween(w.dueDate, today));
      const sent = await withTx(db, async (tx) => {
        const match = and(
          eq(planSupervisionItems.taskId, w.taskId),
          eq(planSupervisionItems.organisationId, w.organisationId),
          w.period ? eq(planSupervisionItems.period, w.period) : eq(planSupervisionItems.milestoneId, w.milestoneId!),
        );
        await tx
          .insert(planSupervisionItems)
          .values({ planId: plan.id, ...w, level: 0, raisedAt: now, escalatedAt: now })
          .onConflictDoNothing();
        const [item] = await tx.select().from(planSupervisionItems).where(match).for('update');
        if (!item) return false;
        if (item.resolvedAt) {
          // Wanted again (e.g. its report was returned): reopen at the level it has now.
          await tx.update(planSupervisionItems).set({ resolvedAt: null }).where(eq(planSupervisionItems.id, item.id));
        }
        if (item.level >= level) return false;
        await tx.update(planSupervisionItems).set({ level, escalatedAt: now }).where(eq(planSupervisionItems.id, item.id));
        await sendNotice(tx, plan, item.id, w, level, daysBetween(w.dueDate, today), log);
        await recordAudit(tx, systemActor(), {
          action: 'plan_supervision.escalate',
          entityType: 'plan_supervision_item',
          entityId: item.id,
          changes: { level: { before: item.level, after: level } },
        });
        return true;
      });
      if (sent) noticed++;
    }
  }
  return noticed;
}

async function sendNotice(tx: Tx, plan: PlanRow, itemId: string, w: Wanted, level: number, daysOverdue: number, log?: Logger): Promise<void> {
  const task = (await planTaskRows(tx, plan.id)).find((t) => t.id === w.taskId)!;
  const milestone = w.milestoneId ? (await milestonesOf(tx, [task.id])).find((m) => m.id === w.milestoneId) : undefined;
  const org = await tx.query.organisations.findFirst({ where: (o, { eq: e }) => e(o.id, w.organisationId) });
  const kind = `plan.supervision_${level}`;
  const params = {
    kind: w.kind,
    organisationName: org?.name ?? '',
    taskNumber: task.number,
    taskTitle: task.title,
    period: w.period,
    milestone: milestone?.title ?? null,
    dueDate: w.dueDate,
    daysOverdue,
    level,
  };
  const to = await recipients(tx, w.organisationId, level);
  if (to.length === 0) log?.warn({ itemId, organisationId: w.organisationId, level }, 'plan supervision: nobody to notify');
  await notify(tx, { userIds: to.map((r) => r.id), kind, params, link: `/console/plans/${plan.id}/supervision` });
  for (const r of to) {
    if (!r.email) continue;
    const text = renderNotification(kind, params, r.locale);
    await queueMail(tx, { to: r.email, subject: text.title, bodyText: text.body });
  }
}
