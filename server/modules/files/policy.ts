import { definePolicy, type Permission } from '../../core/access.js';
import { ROLES, type Role } from '../../../shared/roles.js';

/**
 * Uploaded files. Members of an organisation upload for it and read their
 * organisation's files; reviewers and the bureau read every file (they review
 * attachments) and upload import sources without belonging to an
 * organisation. Every signed-in account may upload files of its own and read
 * them (scope `own`: the uploader), so people without an organisation
 * (experts, anyone objecting to a public notice) can attach evidence; such a
 * file belongs to no organisation, so no organisation member reads it. The
 * anonymous visitor holds nothing here. Attachments of published listings are
 * public: the download operation checks that, not the route.
 */
const OWN: readonly Permission[] = ['upload:file:own', 'read:file:own'];
const MEMBER: readonly Permission[] = ['upload:file:org', 'read:file:org', ...OWN];
const SIGNED_IN = Object.fromEntries(ROLES.filter((r) => r !== 'visitor').map((r) => [r, OWN])) as Partial<Record<Role, readonly Permission[]>>;

definePolicy('file', {
  ...SIGNED_IN,
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  broker: MEMBER,
  commissioner: MEMBER,
  dept_reporter: MEMBER,
  org_admin: MEMBER,
  reviewer: ['upload:file:any', 'read:file:any'],
  bureau_admin: ['upload:file:any', 'read:file:any'],
});
