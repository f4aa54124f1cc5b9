import { and, eq, isNotNull } from 'drizzle-orm';
import type { Locale } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { findListing } from '../catalog/repository.js';
import { notify } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';
import type { CasePart } from './load-case.js';
import type { CaseRow } from './repository.js';
import { caseEvents } from './schema.js';

export type Recipient = { id: string; email: string | null; locale: Locale };
type Side = 'initiator' | 'counterpart';

/** Where a case opens in the console. */
export const caseLink = (id: string) => `/console/cases/${id}`;

/**
 * Who hears for one side of a case: that organisation's active members who
 * are its administrators, who opened the case (initiator) or created the
 * listing it is about, or who have written in the case.
 */
export async function sideRecipients(db: DbOrTx, c: CaseRow, side: Side): Promise<Recipient[]> {
  const orgId = side === 'initiator' ? c.initiatorOrgId : c.counterpartOrgId;
  const involved = new Set<string>();
  if (side === 'initiator' && c.initiatorUserId) involved.add(c.initiatorUserId);
  for (const [kind, id] of [['achievement', c.achievementId], ['demand', c.demandId]] as const) {
    if (!id) continue;
    const listing = await findListing(db, kind, id);
    if (listing?.organisationId === orgId && listing.createdBy) involved.add(listing.createdBy);
  }
  const writers = await db
    .selectDistinct({ id: caseEvents.actorUserId })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.actorOrgId, orgId), isNotNull(caseEvents.actorUserId)));
  for (const w of writers) involved.add(w.id!);
  return (await listOrgMembers(db, orgId))
    .filter((m) => m.status === 'active' && (m.roles.includes('org_admin') || involved.has(m.id)))
    .map((m) => ({ id: m.id, email: m.email, locale: m.locale === 'en' ? 'en' : 'zh-CN' }));
}

/**
 * Tell everyone in the case but the caller's own side: the other
 * organisation, and the broker unless the broker is the one acting. A bureau
 * or broker action reaches both organisations.
 */
export async function notifyOthers(
  tx: DbOrTx,
  c: CaseRow,
  part: Pick<CasePart, 'side' | 'broker'>,
  kind: string,
  params: Record<string, unknown>,
): Promise<void> {
  const sides: Side[] = part.side ? [part.side === 'initiator' ? 'counterpart' : 'initiator'] : ['initiator', 'counterpart'];
  const ids = (await Promise.all(sides.map((s) => sideRecipients(tx, c, s)))).flat().map((r) => r.id);
  if (c.brokerUserId && !part.broker) ids.push(c.brokerUserId);
  await notify(tx, { userIds: ids, kind, params, link: caseLink(c.id) });
}

/** The reminder e-mail to a silent side, in the reader's language (the in-app text is in notification-texts.ts). */
export function reminderMail(p: { title: string; otherName: string; days: number }, locale: Locale): { subject: string; bodyText: string } {
  if (locale === 'en') {
    return {
      subject: `Waiting for your reply: ${p.title}`,
      bodyText: `${p.otherName} has been waiting ${p.days} working days for your reply in the matchmaking case “${p.title}”. Please sign in to the platform to answer, or close the case with a reason.`,
    };
  }
  return {
    subject: `【对接提醒】${p.title}`,
    bodyText: `“${p.otherName}”在对接事项“${p.title}”中已等待您回复 ${p.days} 个工作日，请登录平台回复，或说明原因后关闭对接。`,
  };
}
