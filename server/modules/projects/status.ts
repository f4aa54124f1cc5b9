import type { ObligationStatus } from '../../../shared/contracts/projects.js';

/**
 * The obligation workflow, in one table (drawn in docs/workflows/obligations.md):
 *
 *   pending   → submitted   (the undertaking unit submits)
 *   returned  → submitted   (the unit submits again after a return)
 *   submitted → accepted    (the bureau accepts; final)
 *   submitted → returned    (the bureau returns it with a note)
 *
 * Each arrow is one operation: submit-obligation.ts, accept-obligation.ts,
 * return-obligation.ts.
 */
export const OBLIGATION_TRANSITIONS: Record<ObligationStatus, readonly ObligationStatus[]> = {
  pending: ['submitted'],
  returned: ['submitted'],
  submitted: ['accepted', 'returned'],
  accepted: [],
};

export function canTransition(from: string, to: ObligationStatus): boolean {
  return (OBLIGATION_TRANSITIONS[from as ObligationStatus] ?? []).includes(to);
}

/** The unit's turn: reminders go out only for these (a submitted one waits on the bureau). */
export const AWAITING_UNIT: readonly ObligationStatus[] = ['pending', 'returned'];
