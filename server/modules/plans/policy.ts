import { definePolicy } from '../../core/access.js';

/**
 * Plans are public government documents: responsible units' reporters and
 * administrators read them to know what they owe. The bureau monitors
 * (dashboard, drill-down, exports) and supervises; its administrator imports
 * and edits plans.
 */
definePolicy('plan', {
  // Departments are responsible units: they watch the district's dashboard too (read-only).
  dept_reporter: ['read:plan:any', 'monitor:plan:any'],
  org_admin: ['read:plan:any'],
  auditor: ['read:plan:any', 'monitor:plan:any'],
  reviewer: ['read:plan:any', 'monitor:plan:any', 'supervise:plan:any'],
  bureau_admin: ['read:plan:any', 'monitor:plan:any', 'supervise:plan:any', 'manage:plan:any'],
});

/**
 * Responsible units report for their own organisation (scope org, and the
 * operation checks the organisation is responsible for the task); the bureau
 * accepts or returns.
 */
const UNIT = ['submit:plan_report:org', 'read:plan_report:org'] as const;
definePolicy('plan_report', {
  dept_reporter: UNIT,
  org_admin: UNIT,
  auditor: ['read:plan_report:any'],
  reviewer: ['read:plan_report:any', 'review:plan_report:any'],
  bureau_admin: ['read:plan_report:any', 'review:plan_report:any'],
});
