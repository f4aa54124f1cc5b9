import { definePolicy, type Permission } from '../../core/access.js';

/**
 * Bulk imports. Members of an organisation import their organisation's
 * listings as drafts or (verified organisations) submitted for review;
 * reviewers and the bureau import for any organisation and may publish
 * directly (records of the municipal S&T achievement network, already
 * reviewed there): `publish:import:any`.
 */
const MEMBER: Permission[] = ['create:import:org', 'read:import:org', 'commit:import:org'];
const STAFF: Permission[] = ['create:import:any', 'read:import:any', 'commit:import:any', 'publish:import:any'];

definePolicy('import', {
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  org_admin: MEMBER,
  reviewer: STAFF,
  bureau_admin: STAFF,
});
