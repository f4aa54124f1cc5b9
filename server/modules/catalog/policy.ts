import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Achievements and demands. Members of an organisation (enterprises,
 * universities and institutes, service bodies, and its administrator) draft,
 * submit, withdraw and read their own organisation's listings; demands are
 * posted by enterprises and institutions alike. Submitting additionally needs
 * a VERIFIED organisation (checked by submit-listing.ts, not here: drafting
 * before verification is allowed). Reviewers and the bureau read everything
 * and decide on submitted revisions. Public reading of published listings is
 * the search part's ('public' routes).
 */
const ACHIEVEMENT_MEMBER: Permission[] = [
  'create:achievement:org',
  'update:achievement:org',
  'submit:achievement:org',
  'withdraw:achievement:org',
  'read:achievement:org',
];
const DEMAND_MEMBER: Permission[] = [
  'create:demand:org',
  'update:demand:org',
  'submit:demand:org',
  'withdraw:demand:org',
  'close:demand:org',
  'read:demand:org',
];
const STAFF_ACHIEVEMENT: Permission[] = ['read:achievement:any'];
const STAFF_DEMAND: Permission[] = ['read:demand:any'];

definePolicy('achievement', {
  enterprise_member: ACHIEVEMENT_MEMBER,
  researcher: ACHIEVEMENT_MEMBER,
  service_member: ACHIEVEMENT_MEMBER,
  org_admin: ACHIEVEMENT_MEMBER,
  reviewer: STAFF_ACHIEVEMENT,
  bureau_admin: STAFF_ACHIEVEMENT,
});

definePolicy('demand', {
  enterprise_member: DEMAND_MEMBER,
  researcher: DEMAND_MEMBER,
  service_member: DEMAND_MEMBER,
  org_admin: DEMAND_MEMBER,
  reviewer: STAFF_DEMAND,
  bureau_admin: STAFF_DEMAND,
});

/** The review desk: queue, approve, return, bulk approve. */
definePolicy('listing', { reviewer: ['review:listing:any'], bureau_admin: ['review:listing:any'] });
