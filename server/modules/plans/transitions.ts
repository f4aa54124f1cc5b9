import type { ReportStatus } from '../../../shared/contracts/plans.js';

/**
 * The progress-report workflow, in one table (drawn in docs/plan-file-format.md,
 * section "Reports"):
 *
 *   (none)    → submitted   a responsible unit reports for a period
 *   returned  → submitted   the unit reports again after a return
 *   submitted → accepted    the bureau accepts (final; its figures count)
 *   submitted → returned    the bureau returns it with a note
 *
 * Each arrow is one operation: submit-report.ts, accept-report.ts, return-report.ts.
 */
export const REPORT_TRANSITIONS: Record<ReportStatus | 'none', readonly ReportStatus[]> = {
  none: ['submitted'],
  returned: ['submitted'],
  submitted: ['accepted', 'returned'],
  accepted: [],
};

export function canTransition(from: ReportStatus | 'none', to: ReportStatus): boolean {
  return (REPORT_TRANSITIONS[from] ?? []).includes(to);
}

/** Report statuses that meet a period's reporting duty (a returned report does not). */
export const COUNTS_AS_REPORTED: readonly ReportStatus[] = ['submitted', 'accepted'];
