import type { CaseStatus, CloseReason } from '../../../shared/contracts/matchmaking.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { type CasePart, loadCaseFor, otherSide } from './load-case.js';
import { notifyOthers } from './notices.js';
import { type CaseRow, findCaseWithRefs, insertEvent, updateCase } from './repository.js';
import { type CaseAction, transition } from './transitions.js';

type Extra = { text?: string; reason?: CloseReason; note?: string };

const NOTICE: Record<CaseAction, string> = {
  accept: 'case.accepted',
  decline: 'case.closed',
  negotiate: 'case.status',
  agree: 'case.status',
  close: 'case.closed',
};

/**
 * Whose move it is after a transition: after acceptance the side that asked
 * gets in touch; after a party moves, the other party answers; a broker's
 * move leaves the waiting side as it was; outcomes wait on no one.
 */
function awaitingAfter(action: CaseAction, to: CaseStatus, part: CasePart, before: string | null): string | null {
  if (to === 'agreement' || to === 'closed') return null;
  if (action === 'accept') return 'initiator';
  return part.side ? otherSide(part.side) : before;
}

/**
 * One step of the workflow, under the case's row lock: check the move in the
 * transition table, write the status, the timeline event, the notices to the
 * other side and the audit row in one transaction.
 */
async function moveCase(tx: Tx, actor: Actor, id: string, action: CaseAction, extra: Extra, now: Date): Promise<CaseRow> {
  const { row, part } = await loadCaseFor(tx, actor, id);
  const to = transition(action, row.status, part.mover);
  const closing = to === 'closed';
  const updated = await updateCase(tx, id, {
    status: to,
    awaiting: awaitingAfter(action, to, part, row.awaiting),
    // The silence clock restarts: a new period, a new reminder if it comes to that.
    lastActivityAt: now,
    remindedAt: null,
    escalatedAt: null,
    updatedAt: now,
    ...(closing ? { closedReason: extra.reason ?? null, closedNote: extra.note ?? null } : {}),
  });
  await insertEvent(tx, {
    caseId: id,
    type: 'status',
    fromStatus: row.status,
    toStatus: to,
    body: extra.text ?? extra.note ?? null,
    actorUserId: actor.userId,
    actorOrgId: part.side ? actor.organisationId : null,
    now,
  });
  const refs = (await findCaseWithRefs(tx, id))!;
  await notifyOthers(tx, updated, part, NOTICE[action], {
    caseId: id,
    title: refs.demandTitle ?? refs.achievementTitle ?? '',
    status: to,
    reason: extra.reason ?? null,
  });
  await recordAudit(tx, actor, {
    action: `case.${action}`,
    entityType: 'match_case',
    entityId: id,
    changes: {
      status: { before: row.status, after: to },
      as: part.mover,
      ...(closing ? { closedReason: { before: null, after: extra.reason ?? null } } : {}),
    },
  });
  return updated;
}

/** The counterpart accepts the interest: contact details are exchanged from now on. */
export function acceptCase(tx: Tx, actor: Actor, id: string, input: { message?: string }, now: Date): Promise<CaseRow> {
  return moveCase(tx, actor, id, 'accept', { text: input.message }, now);
}

/** The counterpart declines the interest, with a reason from the taxonomy. */
export function declineCase(tx: Tx, actor: Actor, id: string, input: { reason: CloseReason; note?: string }, now: Date): Promise<CaseRow> {
  return moveCase(tx, actor, id, 'decline', input, now);
}

/** Either party (or the broker) starts negotiating. */
export function negotiateCase(tx: Tx, actor: Actor, id: string, input: { note?: string }, now: Date): Promise<CaseRow> {
  return moveCase(tx, actor, id, 'negotiate', input, now);
}

/** Either party (or the broker) records the agreement; the contract link comes with the trading issue. */
export function agreeCase(tx: Tx, actor: Actor, id: string, input: { note: string }, now: Date): Promise<CaseRow> {
  return moveCase(tx, actor, id, 'agree', input, now);
}

/** Either party (or the broker) closes without agreement, with a reason from the taxonomy. */
export function closeCase(tx: Tx, actor: Actor, id: string, input: { reason: CloseReason; note?: string }, now: Date): Promise<CaseRow> {
  return moveCase(tx, actor, id, 'close', input, now);
}
