import { definePolicy } from '../../core/access.js';

/**
 * Uploaded files. Members of an organisation upload for it and read their
 * organisation's files; reviewers and the bureau read every file (they review
 * attachments) and upload import sources without belonging to an
 * organisation. Attachments of published listings are public: the download
 * operation checks that, not the route.
 */
const MEMBER = ['upload:file:org', 'read:file:org'] as const;

definePolicy('file', {
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
