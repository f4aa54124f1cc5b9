import { definePolicy } from '../../../core/access.js';

/**
 * Search administration and syndication.
 *
 * - The search dictionary and index rebuilds belong to the bureau administrator.
 * - Syndication (the JSON API for partner platforms, called with an API token)
 *   is open to bureau staff (`any`) and to members of organisations (`org`);
 *   the route then requires the member's organisation to be verified, so a
 *   newly registered account cannot harvest the catalog. The data is public
 *   anyway (contacts are never syndicated); the token identifies the partner.
 */
definePolicy('dictionary', { bureau_admin: ['manage:dictionary:any'] });

const ORG_ROLES = ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'dept_reporter', 'org_admin'] as const;
const STAFF = ['reviewer', 'bureau_admin', 'sys_admin', 'auditor'] as const;

definePolicy('syndication', {
  ...Object.fromEntries(ORG_ROLES.map((r) => [r, ['read:syndication:org'] as const])),
  ...Object.fromEntries(STAFF.map((r) => [r, ['read:syndication:any'] as const])),
});
