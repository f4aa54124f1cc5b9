import { definePolicy } from '../../core/access.js';

/**
 * Organisations and their members.
 *
 * Everyone, signed in or not, may read organisations, but only verified ones:
 * `read_unverified` is what lets a caller also see pending and rejected
 * records (staff all of them, members their own organisation's). The list and
 * get queries enforce that; the route-level check is only `read`.
 *
 * `verify` is the reviewer's permission; government units are created by the
 * bureau administrator only (create-organisation.ts).
 */
const MEMBER = ['read:organisation:org', 'read_unverified:organisation:org'] as const;
const STAFF_READ = ['read:organisation:any', 'read_unverified:organisation:any'] as const;

definePolicy('organisation', {
  visitor: ['read:organisation:any'],
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  broker: MEMBER,
  commissioner: MEMBER,
  dept_reporter: MEMBER,
  org_admin: [...MEMBER, 'update:organisation:org'],
  reviewer: [...STAFF_READ, 'verify:organisation:any'],
  bureau_admin: [...STAFF_READ, 'verify:organisation:any', 'create:organisation:any', 'update:organisation:any'],
  sys_admin: STAFF_READ,
  auditor: STAFF_READ,
});

/**
 * Members and invitations of an organisation. Inviting (and revoking and
 * listing invitations) is one permission: whoever may send an invitation may
 * also take it back.
 */
definePolicy('member', {
  org_admin: ['read:member:org', 'invite:member:org', 'remove:member:org'],
  reviewer: ['read:member:any'],
  bureau_admin: ['read:member:any'],
  sys_admin: ['read:member:any'],
});
