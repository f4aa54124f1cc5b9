import { type CaseStatus, OPEN_CASE_STATUSES } from '../../../shared/contracts/matchmaking.js';
import { AppError } from '../../core/errors.js';

export type CaseAction = 'accept' | 'decline' | 'negotiate' | 'agree' | 'close';
/** Who moves a case: one of the two organisations, or the case's broker. */
export type Mover = 'initiator' | 'counterpart' | 'broker';

type Row = { action: CaseAction; from: readonly CaseStatus[]; to: CaseStatus; by: readonly Mover[] };

const ANYONE: readonly Mover[] = ['initiator', 'counterpart', 'broker'];

/**
 * The case workflow in one table (drawn in docs/workflows/matchmaking.md).
 * Opening a case (→ interest) is the only transition not listed: there is no
 * state before it. agreement and closed are final.
 */
export const CASE_TRANSITIONS: readonly Row[] = [
  // Only the side that was asked can open the door; contacts are exchanged from here on.
  { action: 'accept', from: ['interest'], to: 'contact', by: ['counterpart'] },
  { action: 'decline', from: ['interest'], to: 'closed', by: ['counterpart'] },
  { action: 'negotiate', from: ['contact'], to: 'negotiation', by: ANYONE },
  { action: 'agree', from: ['negotiation'], to: 'agreement', by: ANYONE },
  // Withdrawing interest, giving up, or the broker closing a dead case.
  { action: 'close', from: OPEN_CASE_STATUSES, to: 'closed', by: ANYONE },
];

function rowOf(action: CaseAction): Row {
  return CASE_TRANSITIONS.find((r) => r.action === action)!;
}

/** Whether `mover` may take `action` from `status` (for the `actions` of a view). */
export function allows(action: CaseAction, status: string, mover: Mover | null): boolean {
  const r = rowOf(action);
  return mover !== null && r.by.includes(mover) && r.from.includes(status as CaseStatus);
}

/**
 * The next status, or FORBIDDEN when this mover may never take the action,
 * INVALID_STATE when the case is not in a state that allows it.
 */
export function transition(action: CaseAction, status: string, mover: Mover | null): CaseStatus {
  const r = rowOf(action);
  if (mover === null || !r.by.includes(mover)) throw new AppError('FORBIDDEN');
  if (!r.from.includes(status as CaseStatus)) throw new AppError('INVALID_STATE');
  return r.to;
}

export function isOpen(status: string): boolean {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(status);
}
