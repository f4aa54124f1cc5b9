import type { z } from 'zod';
import type { Contact as ContactSchema } from '../../../shared/contracts/catalog-content.js';
import type { CaseSummary, CaseView } from '../../../shared/contracts/matchmaking.js';
import { type Actor, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { loadOnePublished } from '../catalog/search/published.js';
import { findOrganisation } from '../organisations/repository.js';
import { type CasePart, maySee, partOf } from './load-case.js';
import { type CaseWithRefs, type EventWithRefs, everReached, findCaseWithRefs, listEvents } from './repository.js';
import { allows, type CaseAction, isOpen } from './transitions.js';

type Contact = z.infer<typeof ContactSchema>;

const MOVES: CaseAction[] = ['accept', 'decline', 'negotiate', 'agree', 'close'];

/** What the caller may do to the case now (the UI shows only these). */
export function caseActions(actor: Actor, c: CaseWithRefs, part: CasePart): string[] {
  const out: string[] = MOVES.filter((a) => allows(a, c.status, part.mover));
  if (part.mover && c.status !== 'closed') out.push('message');
  if (part.bureau && permissionsOf(actor).includes('assign:case:any') && isOpen(c.status)) out.push('assign_broker');
  const partyOrg = actor.organisationId !== null && (actor.organisationId === c.initiatorOrgId || actor.organisationId === c.counterpartOrgId);
  if (permissionsOf(actor).includes('claim:case:any') && isOpen(c.status) && !c.brokerUserId && !partyOrg) out.push('claim');
  return out;
}

export function presentSummary(actor: Actor, c: CaseWithRefs): CaseSummary {
  return {
    id: c.id,
    status: c.status as CaseSummary['status'],
    origin: c.origin as CaseSummary['origin'],
    achievement: c.achievementId ? { id: c.achievementId, title: c.achievementTitle ?? '' } : null,
    demand: c.demandId ? { id: c.demandId, title: c.demandTitle ?? '' } : null,
    initiator: { id: c.initiatorOrgId, name: c.initiatorName },
    counterpart: { id: c.counterpartOrgId, name: c.counterpartName },
    broker: c.brokerUserId ? { id: c.brokerUserId, displayName: c.brokerName ?? '' } : null,
    awaiting: (c.awaiting ?? null) as CaseSummary['awaiting'],
    industrySection: c.industrySection,
    lastActivityAt: c.lastActivityAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    actions: caseActions(actor, c, partOf(actor, c)),
  };
}

/** A side's listing contact (from the published content) and its organisation's contact fields. */
async function contactsOf(db: DbOrTx, c: CaseWithRefs, orgId: string): Promise<NonNullable<CaseView['initiator']['contacts']>> {
  let listing: Contact | null = null;
  for (const [kind, id] of [['demand', c.demandId], ['achievement', c.achievementId]] as const) {
    if (!id || listing) continue;
    const l = await loadOnePublished(db, kind, id);
    if (l?.organisationId === orgId) listing = (l.content.contact as Contact | undefined) ?? null;
  }
  const org = await findOrganisation(db, orgId);
  return {
    listing,
    organisation: {
      contactName: org?.contactName ?? null,
      contactPhone: org?.contactPhone ?? null,
      contactEmail: org?.contactEmail ?? null,
      address: org?.address ?? null,
    },
  };
}

function eventSide(c: CaseWithRefs, e: EventWithRefs): CaseView['events'][number]['side'] {
  if (!e.actorUserId) return 'system';
  if (e.actorOrgId === c.initiatorOrgId) return 'initiator';
  if (e.actorOrgId === c.counterpartOrgId) return 'counterpart';
  // Only parties and brokers write messages, files and moves; broker events are the bureau's unless the broker claimed.
  if (e.type === 'broker') return e.actorUserId === c.brokerUserId ? 'broker' : 'bureau';
  return 'broker';
}

/**
 * The case as the caller sees it, with its timeline. Contact details of both
 * sides appear only once the counterpart has accepted (and stay visible
 * after a case that got that far closes).
 */
export async function presentCase(db: DbOrTx, actor: Actor, id: string): Promise<CaseView> {
  const c = await findCaseWithRefs(db, id);
  if (!c) throw new AppError('NOT_FOUND');
  const part = partOf(actor, c);
  if (!maySee(part)) throw new AppError('NOT_FOUND');
  const exchanged = ['contact', 'negotiation', 'agreement'].includes(c.status) || (c.status === 'closed' && (await everReached(db, id, 'contact')));
  const events = await listEvents(db, id);
  return {
    ...presentSummary(actor, c),
    initiator: { organisation: { id: c.initiatorOrgId, name: c.initiatorName }, contacts: exchanged ? await contactsOf(db, c, c.initiatorOrgId) : null },
    counterpart: { organisation: { id: c.counterpartOrgId, name: c.counterpartName }, contacts: exchanged ? await contactsOf(db, c, c.counterpartOrgId) : null },
    mySide: part.side ?? (part.broker ? 'broker' : 'bureau'),
    brokerAssignedAt: c.brokerAssignedAt?.toISOString() ?? null,
    closedReason: (c.closedReason ?? null) as CaseView['closedReason'],
    closedNote: c.closedNote,
    contractId: c.contractId,
    remindedAt: c.remindedAt?.toISOString() ?? null,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      body: e.body,
      file: e.file,
      fromStatus: (e.fromStatus ?? null) as CaseView['events'][number]['fromStatus'],
      toStatus: (e.toStatus ?? null) as CaseView['events'][number]['toStatus'],
      actor: e.actorUserId ? { id: e.actorUserId, displayName: e.actorName ?? '' } : null,
      side: eventSide(c, e),
      createdAt: e.createdAt.toISOString(),
    })),
  };
}
