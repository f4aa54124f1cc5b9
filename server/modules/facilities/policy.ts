import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Shared facilities. Members of the owning organisation register its labs and
 * instruments, manage their calendars, decide on bookings and record usage
 * (`org`). Anyone signed in with an organisation may request a booking and
 * sees their own bookings (`own`). The bureau (reviewers, bureau
 * administrator) reviews new facilities and changes; the auditor reads.
 */
const OWNER: Permission[] = ['create:facility:org', 'read:facility:org', 'update:facility:org', 'manage:facility:org'];
const BOOKER: Permission[] = ['create:booking:own', 'read:booking:own', 'cancel:booking:own'];
const BUREAU: Permission[] = ['read:facility:any', 'review:facility:any'];

definePolicy('facility', {
  enterprise_member: OWNER,
  researcher: OWNER,
  service_member: OWNER,
  org_admin: OWNER,
  reviewer: BUREAU,
  bureau_admin: BUREAU,
  auditor: ['read:facility:any'],
});

definePolicy('booking', {
  enterprise_member: BOOKER,
  researcher: BOOKER,
  service_member: BOOKER,
  org_admin: BOOKER,
  broker: BOOKER,
  commissioner: BOOKER,
});
