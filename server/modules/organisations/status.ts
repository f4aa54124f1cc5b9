import type { VerificationStatus } from '../../../shared/roles.js';

/**
 * The verification workflow of a self-registered organisation, in one table:
 *
 *   pending  → verified | rejected   (reviewer's decision)
 *   rejected → verified              (reviewer changes their mind after a call)
 *   rejected → pending               (the organisation edits its data: back in the queue)
 *
 * A verified organisation stays verified; government units and organisations
 * created by the bureau start verified.
 */
export const VERIFICATION_TRANSITIONS: Record<VerificationStatus, readonly VerificationStatus[]> = {
  pending: ['verified', 'rejected'],
  rejected: ['verified', 'pending'],
  verified: [],
};

export function canTransition(from: string, to: VerificationStatus): boolean {
  return (VERIFICATION_TRANSITIONS[from as VerificationStatus] ?? []).includes(to);
}

/** Whether a reviewer may decide on an organisation in this state. */
export function awaitsDecision(status: string): boolean {
  return canTransition(status, 'verified');
}
