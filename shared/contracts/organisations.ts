import { z } from 'zod';
import { ORG_TYPES, ROLES, VERIFICATION_STATUSES } from '../roles.js';
import { endpoint, Id, IdParams, IsoDateTime, Ok, PageQuery, pageOf } from './endpoint.js';
import { Email, Password, Phone, Username } from './identity.js';

export const OrganisationView = z.object({
  id: Id,
  parentId: Id.nullable(),
  code: z.string().nullable(),
  type: z.enum(ORG_TYPES),
  name: z.string(),
  nameEn: z.string().nullable(),
  creditCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  verificationStatus: z.enum(VERIFICATION_STATUSES),
  verificationNote: z.string().nullable(),
  verifiedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  memberCount: z.number().int(),
  /** What the caller may do with this organisation. */
  actions: z.array(z.string()),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const OrgTreeNode: z.ZodType<{ id: string; name: string; nameEn: string | null; type: string; code: string | null; children: unknown[] }> =
  z.lazy(() =>
    z.object({
      id: Id,
      name: z.string(),
      nameEn: z.string().nullable(),
      type: z.string(),
      code: z.string().nullable(),
      children: z.array(OrgTreeNode),
    }),
  );

export const listOrganisations = endpoint({
  method: 'GET',
  path: '/api/v1/organisations',
  summary: 'Organisations (public callers see verified ones only)',
  tags: ['organisations'],
  query: PageQuery.extend({
    q: z.string().trim().max(100).optional(),
    type: z.enum(ORG_TYPES).optional(),
    status: z.enum(VERIFICATION_STATUSES).optional(),
  }),
  response: pageOf(OrganisationView),
});

export const organisationTree = endpoint({
  method: 'GET',
  path: '/api/v1/organisations/tree',
  summary: 'The government units as a tree (responsible units)',
  tags: ['organisations'],
  response: z.object({ roots: z.array(OrgTreeNode) }),
});

export const getOrganisation = endpoint({
  method: 'GET',
  path: '/api/v1/organisations/:id',
  summary: 'One organisation',
  tags: ['organisations'],
  params: IdParams,
  response: OrganisationView,
});

export const OrganisationPatch = z
  .object({
    name: z.string().trim().min(2).max(100),
    nameEn: z.string().trim().max(200).nullable(),
    regionCode: z.string().regex(/^\d{6}$/).nullable(),
    address: z.string().trim().max(200).nullable(),
    contactName: z.string().trim().max(60).nullable(),
    contactPhone: Phone.nullable(),
    contactEmail: Email.nullable(),
  })
  .partial();

export const updateOrganisation = endpoint({
  method: 'PATCH',
  path: '/api/v1/organisations/:id',
  summary: 'Edit an organisation',
  tags: ['organisations'],
  params: IdParams,
  body: OrganisationPatch,
  response: OrganisationView,
});

export const createOrganisation = endpoint({
  method: 'POST',
  path: '/api/v1/organisations',
  summary: 'Create an organisation (bureau administrators; government units go in the tree)',
  tags: ['organisations'],
  body: z.object({
    type: z.enum(ORG_TYPES),
    name: z.string().trim().min(2).max(100),
    nameEn: z.string().trim().max(200).optional(),
    parentId: Id.optional(),
    code: z.string().regex(/^[a-z0-9_-]{2,40}$/).optional(),
    creditCode: z.string().trim().max(18).optional(),
    regionCode: z.string().regex(/^\d{6}$/).optional(),
  }),
  response: OrganisationView,
});

export const verifyOrganisation = endpoint({
  method: 'POST',
  path: '/api/v1/organisations/:id/verification',
  summary: 'Verify or reject a registered organisation',
  tags: ['organisations'],
  params: IdParams,
  body: z.object({
    decision: z.enum(['verified', 'rejected']),
    note: z.string().trim().max(500).optional(),
  }),
  response: OrganisationView,
});

export const MemberView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  status: z.string(),
  lastLoginAt: IsoDateTime.nullable(),
  actions: z.array(z.string()),
});

export const listMembers = endpoint({
  method: 'GET',
  path: '/api/v1/organisations/:id/members',
  summary: 'Members of an organisation',
  tags: ['organisations'],
  params: IdParams,
  response: z.object({ items: z.array(MemberView) }),
});

export const removeMember = endpoint({
  method: 'DELETE',
  path: '/api/v1/organisations/:id/members/:userId',
  summary: 'Remove a member from the organisation (disables the account)',
  tags: ['organisations'],
  params: z.object({ id: Id, userId: Id }),
  response: Ok,
});

/** Roles an organisation admin may give members; staff roles are given only by the system administrator. */
export const MEMBER_ROLES = ['enterprise_member', 'researcher', 'service_member', 'broker', 'commissioner', 'dept_reporter', 'org_admin'] as const;

export const InvitationView = z.object({
  id: Id,
  email: z.string(),
  roles: z.array(z.enum(MEMBER_ROLES)),
  expiresAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});

export const listInvitations = endpoint({
  method: 'GET',
  path: '/api/v1/organisations/:id/invitations',
  summary: 'Invitations sent by an organisation',
  tags: ['organisations'],
  params: IdParams,
  response: z.object({ items: z.array(InvitationView) }),
});

export const inviteMember = endpoint({
  method: 'POST',
  path: '/api/v1/organisations/:id/invitations',
  summary: 'Invite a member by e-mail',
  tags: ['organisations'],
  params: IdParams,
  body: z.object({ email: Email, roles: z.array(z.enum(MEMBER_ROLES)).min(1) }),
  response: InvitationView,
});

export const revokeInvitation = endpoint({
  method: 'DELETE',
  path: '/api/v1/organisations/:id/invitations/:invitationId',
  summary: 'Revoke an invitation',
  tags: ['organisations'],
  params: z.object({ id: Id, invitationId: Id }),
  response: Ok,
});

export const previewInvitation = endpoint({
  method: 'GET',
  path: '/api/v1/invitations/:token',
  summary: 'What an invitation link is for',
  tags: ['organisations'],
  params: z.object({ token: z.string().min(20).max(200) }),
  response: z.object({ organisationName: z.string(), email: z.string(), roles: z.array(z.string()), expiresAt: IsoDateTime }),
});

export const acceptInvitation = endpoint({
  method: 'POST',
  path: '/api/v1/invitations/:token/accept',
  summary: 'Create an account from an invitation',
  tags: ['organisations'],
  params: z.object({ token: z.string().min(20).max(200) }),
  body: z.object({ username: Username, displayName: z.string().trim().min(1).max(60), password: Password }),
  response: z.object({ ok: z.literal(true) }),
});
