import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Technology contracts. Members of the seller-side organisation draft,
 * submit, amend and terminate its registrations (`org`). The registrar is a
 * reviewer holding `register:contract`; the bureau administrator reads
 * everything. Statistics are the bureau's (and departments' for plan
 * tracking); a summary is public.
 */
const MEMBER: Permission[] = ['create:contract:org', 'read:contract:org', 'act:contract:org'];

definePolicy('contract', {
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  org_admin: MEMBER,
  reviewer: ['read:contract:any', 'register:contract:any'],
  bureau_admin: ['read:contract:any'],
});

definePolicy('contractstats', {
  reviewer: ['read:contractstats:any'],
  bureau_admin: ['read:contractstats:any'],
  dept_reporter: ['read:contractstats:any'],
});

/**
 * Transformation income and researcher rewards: the achievement holder's
 * organisation records income and rewards (its administrators and
 * researchers); the bureau reads them.
 */
definePolicy('income', {
  researcher: ['create:income:org', 'read:income:org'],
  org_admin: ['create:income:org', 'read:income:org'],
  reviewer: ['read:income:any'],
  bureau_admin: ['read:income:any'],
});

/** Major achievements: reviewers propose and decide; the bureau reads. */
definePolicy('major', {
  reviewer: ['read:major:any', 'decide:major:any'],
  bureau_admin: ['read:major:any'],
});
