/** Jobs of the organisations domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob } from '../../core/jobs/queue.js';
import { withTx } from '../../db/tx.js';
import { notify } from '../notifications/notify.js';
import { activeUserIdsWithRole } from '../identity/find-users.js';
import { listOrgMembers } from '../users/repository.js';

/** Where each notification goes: the review queue, or the organisation's own administrators. */
export const ORGANISATION_NOTICES = {
  'organisation.registered': { audience: 'reviewers', link: '/console/org-review' },
  'organisation.verified': { audience: 'org_admins', link: '/console/organisation' },
  'organisation.rejected': { audience: 'org_admins', link: '/console/organisation' },
} as const;

/**
 * Tell the people concerned about a registration or a verification decision.
 * Recipients are resolved when the job runs, so a reviewer added meanwhile is
 * told too. Notification rows are written in one transaction: a retry after a
 * failure does not leave half of them.
 */
export const notifyOrganisationEvent = defineJob({
  name: 'organisations.notify',
  payload: z.object({
    organisationId: z.uuid(),
    kind: z.enum(Object.keys(ORGANISATION_NOTICES) as [keyof typeof ORGANISATION_NOTICES]),
    params: z.object({ organisationName: z.string(), note: z.string().nullable().optional() }),
  }),
  handler: async (p, { db }) => {
    const notice = ORGANISATION_NOTICES[p.kind];
    const userIds =
      notice.audience === 'reviewers'
        ? await activeUserIdsWithRole(db, 'reviewer')
        : (await listOrgMembers(db, p.organisationId)).filter((m) => m.status === 'active' && m.roles.includes('org_admin')).map((m) => m.id);
    if (userIds.length === 0) return;
    const link = notice.audience === 'reviewers' ? `${notice.link}?id=${p.organisationId}` : notice.link;
    await withTx(db, (tx) => notify(tx, { userIds, kind: p.kind, params: p.params, link }));
  },
});
