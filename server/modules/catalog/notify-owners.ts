import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { DbOrTx } from '../../db/client.js';
import { notify } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';

/** Where the owner opens a listing in the console. */
export const consoleLink = (kind: ListingKind, id: string) => `/console/${kind === 'achievement' ? 'achievements' : 'demands'}/${id}`;

/**
 * Tell the person who submitted a revision, and the active administrators of
 * the listing's organisation, about a review decision ('listing.published' or
 * 'listing.returned'). Written in the decision's transaction, so a
 * rolled-back decision leaves no notification behind.
 */
export async function notifyListingOwners(
  tx: DbOrTx,
  input: {
    kind: 'listing.published' | 'listing.returned';
    listingKind: ListingKind;
    recordId: string;
    organisationId: string;
    submittedBy: string | null;
    params: { kind: ListingKind; title: string; reasons?: string };
  },
): Promise<void> {
  const admins = (await listOrgMembers(tx, input.organisationId))
    .filter((m) => m.status === 'active' && m.roles.includes('org_admin'))
    .map((m) => m.id);
  await notify(tx, {
    userIds: [...(input.submittedBy ? [input.submittedBy] : []), ...admins],
    kind: input.kind,
    params: input.params,
    link: consoleLink(input.listingKind, input.recordId),
  });
}
