import type { Logger } from 'pino';
import { systemActor } from '../../core/access.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { notify, notifyRole } from '../notifications/notify.js';
import { caseLink, reminderMail, sideRecipients } from './notices.js';
import { type CaseRow, casesAwaiting, findCase, findCaseWithRefs, insertEvent, updateCase } from './repository.js';
import { isOpen } from './transitions.js';
import { districtDate, isWorkingDay, workingDaysBetween } from './working-days.js';

/** Whole working days of silence after which the silent side is reminded, and again after which the case escalates. */
export const SILENCE_WORKING_DAYS = 5;

type Due = 'remind' | 'escalate' | null;

/**
 * What a case is due for on `today` (a working day): a reminder once five
 * whole working days have passed since the last party action (so on the sixth
 * working day), an escalation five whole working days after the reminder.
 */
export function dueFor(c: Pick<CaseRow, 'status' | 'awaiting' | 'lastActivityAt' | 'remindedAt' | 'escalatedAt'>, today: string): Due {
  if (!isOpen(c.status) || !c.awaiting || c.escalatedAt) return null;
  if (!c.remindedAt) return workingDaysBetween(districtDate(c.lastActivityAt), today) > SILENCE_WORKING_DAYS ? 'remind' : null;
  return workingDaysBetween(districtDate(c.remindedAt), today) > SILENCE_WORKING_DAYS ? 'escalate' : null;
}

async function remind(tx: Tx, c: CaseRow, now: Date, log?: Logger): Promise<void> {
  const side = c.awaiting as 'initiator' | 'counterpart';
  const refs = (await findCaseWithRefs(tx, c.id))!;
  const title = refs.demandTitle ?? refs.achievementTitle ?? '';
  const silentName = side === 'initiator' ? refs.initiatorName : refs.counterpartName;
  const otherName = side === 'initiator' ? refs.counterpartName : refs.initiatorName;
  const days = workingDaysBetween(districtDate(c.lastActivityAt), districtDate(now));
  const recipients = await sideRecipients(tx, c, side);
  if (recipients.length === 0) log?.warn({ caseId: c.id, side }, 'case reminder: the silent side has no one to tell');
  await notify(tx, { userIds: recipients.map((r) => r.id), kind: 'case.reminder', params: { caseId: c.id, title, otherName, days }, link: caseLink(c.id) });
  for (const r of recipients) if (r.email) await queueMail(tx, { to: r.email, ...reminderMail({ title, otherName, days }, r.locale) });
  await updateCase(tx, c.id, { remindedAt: now });
  await insertEvent(tx, { caseId: c.id, type: 'reminder', body: silentName, now });
  await recordAudit(tx, systemActor(), {
    action: 'case.remind',
    entityType: 'match_case',
    entityId: c.id,
    changes: { awaiting: side, workingDays: days, recipients: recipients.length, remindedAt: { before: null, after: now.toISOString() } },
  });
}

async function escalate(tx: Tx, c: CaseRow, now: Date): Promise<void> {
  const refs = (await findCaseWithRefs(tx, c.id))!;
  const silentName = c.awaiting === 'initiator' ? refs.initiatorName : refs.counterpartName;
  const params = { caseId: c.id, title: refs.demandTitle ?? refs.achievementTitle ?? '', silentName, toBroker: Boolean(c.brokerUserId) };
  // The broker is the first to chase; without one the bureau's reviewers are.
  if (c.brokerUserId) await notify(tx, { userIds: [c.brokerUserId], kind: 'case.escalated', params, link: caseLink(c.id) });
  else await notifyRole(tx, 'reviewer', { kind: 'case.escalated', params, link: caseLink(c.id) });
  await updateCase(tx, c.id, { escalatedAt: now });
  await insertEvent(tx, { caseId: c.id, type: 'escalation', body: c.brokerUserId ? 'broker' : 'bureau', now });
  await recordAudit(tx, systemActor(), {
    action: 'case.escalate',
    entityType: 'match_case',
    entityId: c.id,
    changes: { to: c.brokerUserId ? 'broker' : 'reviewers', escalatedAt: { before: null, after: now.toISOString() } },
  });
}

/**
 * The daily round: on working days only, remind silent sides and escalate
 * cases still silent after the reminder. Each case in its own transaction
 * under its row lock, re-checked there, so a retried or concurrent run never
 * reminds twice; a case is reminded once per silence period (any party
 * action clears `remindedAt` and `escalatedAt`).
 */
export async function sendCaseReminders(db: Db, now: Date, log?: Logger): Promise<{ reminded: number; escalated: number }> {
  const today = districtDate(now);
  const out = { reminded: 0, escalated: 0 };
  if (!isWorkingDay(today)) return out;
  for (const candidate of await casesAwaiting(db)) {
    const done = await withTx(db, async (tx) => {
      const c = await findCase(tx, candidate.id, { forUpdate: true });
      const due = c ? dueFor(c, today) : null;
      if (due === 'remind') await remind(tx, c!, now, log);
      if (due === 'escalate') await escalate(tx, c!, now);
      return due;
    });
    if (done === 'remind') out.reminded++;
    if (done === 'escalate') out.escalated++;
  }
  return out;
}
