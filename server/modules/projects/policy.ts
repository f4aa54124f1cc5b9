import { definePolicy } from '../../core/access.js';

/**
 * Funded projects are registered and edited by the bureau (reviewers and the
 * bureau administrator); the undertaking unit's members read their own
 * organisation's projects and submit against their obligations.
 */
const UNIT_MEMBER = ['read:project:org'] as const;

definePolicy('project', {
  enterprise_member: UNIT_MEMBER,
  researcher: UNIT_MEMBER,
  service_member: UNIT_MEMBER,
  org_admin: UNIT_MEMBER,
  reviewer: ['read:project:any', 'manage:project:any'],
  bureau_admin: ['read:project:any', 'manage:project:any'],
});

/**
 * `submit` is the unit's (scope org: only its own projects); `review` (accept
 * or return) and `supervise` (the overdue list and its export) are the bureau's.
 */
const UNIT_SUBMIT = ['submit:obligation:org'] as const;

definePolicy('obligation', {
  enterprise_member: UNIT_SUBMIT,
  researcher: UNIT_SUBMIT,
  service_member: UNIT_SUBMIT,
  org_admin: UNIT_SUBMIT,
  reviewer: ['review:obligation:any', 'supervise:obligation:any'],
  bureau_admin: ['review:obligation:any', 'supervise:obligation:any'],
});
