import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { findOrganisation } from '../organisations/repository.js';
import { listOrgMembers } from '../users/repository.js';
import type { ListingRow } from './repository.js';

/**
 * The caller's organisation as a buyer or bidder: it must be VERIFIED and must
 * not be the listing's holder. `permission` is the route's (buy or bid).
 */
export async function buyerOrgOf(db: DbOrTx, actor: Actor, listing: Pick<ListingRow, 'organisationId'>, permission: [string, string]) {
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  requireCan(actor, permission[0], permission[1], { organisationId: actor.organisationId });
  const org = await findOrganisation(db, actor.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  if (listing.organisationId === actor.organisationId) throw new AppError('OWN_LISTING');
  return org;
}

/** Active administrators of an organisation (who hear about its trades). */
export async function orgAdminIds(db: DbOrTx, organisationId: string): Promise<string[]> {
  return (await listOrgMembers(db, organisationId)).filter((m) => m.status === 'active' && m.roles.includes('org_admin')).map((m) => m.id);
}

export const listingLink = (id: string) => `/trading/listings/${id}`;
export const auctionLink = (id: string) => `/trading/auctions/${id}`;
export const dealLink = (id: string) => `/trading/deals/${id}`;
