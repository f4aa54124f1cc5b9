import type { z } from 'zod';
import type { InvitationView, MemberView, OrganisationView } from '../../../shared/contracts/organisations.js';
import type { OrgType, Role, VerificationStatus } from '../../../shared/roles.js';
import { type Actor, can } from '../../core/access.js';
import type { InvitationRow, OrganisationWithCount } from './repository.js';
import { awaitsDecision } from './status.js';

export const ORGANISATION_ACTIONS = ['update', 'verify', 'invite', 'read_members'] as const;

/** What the caller may do with this organisation (the web client shows only these). */
export function organisationActions(actor: Actor, org: { id: string; verificationStatus: string }): string[] {
  const own = { organisationId: org.id };
  return ORGANISATION_ACTIONS.filter((a) => {
    switch (a) {
      case 'update':
        return can(actor, 'update', 'organisation', own);
      case 'verify':
        return can(actor, 'verify', 'organisation', own) && awaitsDecision(org.verificationStatus);
      case 'invite':
        // Only verified organisations may bring in members (invite-member.ts refuses otherwise).
        return can(actor, 'invite', 'member', own) && org.verificationStatus === 'verified';
      case 'read_members':
        return can(actor, 'read', 'member', own);
    }
  });
}

export function presentOrganisation(actor: Actor, org: OrganisationWithCount): z.input<typeof OrganisationView> {
  return {
    id: org.id,
    parentId: org.parentId,
    code: org.code,
    type: org.type as OrgType,
    name: org.name,
    nameEn: org.nameEn,
    creditCode: org.creditCode,
    regionCode: org.regionCode,
    address: org.address,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    verificationStatus: org.verificationStatus as VerificationStatus,
    verificationNote: org.verificationNote,
    verifiedAt: org.verifiedAt?.toISOString() ?? null,
    createdAt: org.createdAt.toISOString(),
    memberCount: org.memberCount,
    actions: organisationActions(actor, org),
  };
}

export function presentMember(
  actor: Actor,
  organisationId: string,
  m: { id: string; username: string; displayName: string; email: string | null; roles: Role[]; status: string; lastLoginAt: Date | null },
): z.input<typeof MemberView> {
  const removable = can(actor, 'remove', 'member', { organisationId }) && m.id !== actor.userId;
  return {
    id: m.id,
    username: m.username,
    displayName: m.displayName,
    email: m.email,
    roles: m.roles,
    status: m.status,
    lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
    actions: removable ? ['remove'] : [],
  };
}

export function presentInvitation(inv: InvitationRow): z.input<typeof InvitationView> {
  return {
    id: inv.id,
    email: inv.email,
    roles: inv.roles as z.input<typeof InvitationView>['roles'],
    expiresAt: inv.expiresAt.toISOString(),
    acceptedAt: inv.acceptedAt?.toISOString() ?? null,
    revokedAt: inv.revokedAt?.toISOString() ?? null,
    createdAt: inv.createdAt.toISOString(),
  };
}
