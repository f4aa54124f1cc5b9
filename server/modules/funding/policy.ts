import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Funding programmes. Members of enterprises, institutes and service
 * institutions apply for their organisation and see only its applications;
 * experts see and score only the applications assigned to them (`own`); the
 * bureau manages calls, formal review, experts, assignments, awards,
 * disbursements and acceptance. Anyone signed in may object during a notice (the route is `authenticated`).
 */
const APPLICANT: Permission[] = ['read:funding_call:any', 'create:funding_application:org', 'read:funding_application:org'];
const BUREAU: Permission[] = ['read:funding_call:any', 'manage:funding_call:any', 'read:funding_application:any', 'review:funding_application:any'];

definePolicy('funding_call', {
  enterprise_member: ['read:funding_call:any'],
  researcher: ['read:funding_call:any'],
  service_member: ['read:funding_call:any'],
  org_admin: ['read:funding_call:any'],
  expert: ['read:funding_call:any'],
  reviewer: ['read:funding_call:any'],
  bureau_admin: ['read:funding_call:any', 'manage:funding_call:any'],
  auditor: ['read:funding_call:any'],
});

definePolicy('funding_application', {
  enterprise_member: APPLICANT.filter((p) => p.includes('funding_application')),
  researcher: APPLICANT.filter((p) => p.includes('funding_application')),
  service_member: APPLICANT.filter((p) => p.includes('funding_application')),
  org_admin: APPLICANT.filter((p) => p.includes('funding_application')),
  expert: ['read:funding_application:own', 'score:funding_application:own'],
  reviewer: BUREAU.filter((p) => p.includes('funding_application')),
  bureau_admin: [...BUREAU.filter((p) => p.includes('funding_application')), 'award:funding_application:any'],
  auditor: ['read:funding_application:any'],
});

definePolicy('funding_expert', {
  reviewer: ['read:funding_expert:any'],
  bureau_admin: ['read:funding_expert:any', 'manage:funding_expert:any'],
});
