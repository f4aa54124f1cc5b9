import * as c from '../../../shared/contracts/organisations.js';
import { requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { withTx } from '../../db/tx.js';
import { type App, route } from '../../http/route.js';
import { listOrgMembers } from '../users/repository.js';
import { acceptInvitation, usableInvitation } from './accept-invitation.js';
import { inviteMember } from './invite-member.js';
import { presentInvitation, presentMember } from './present.js';
import { removeMember } from './remove-member.js';
import { findOrganisation, listInvitations } from './repository.js';
import { revokeInvitation } from './revoke-invitation.js';

/** Invitation links are public: limit guessing (the tokens are 256-bit, this is belt and braces). */
const INVITATION_LIMIT = { max: 20, timeWindow: '1 minute' };

/** Members and invitations of an organisation, and the public invitation links. */
export function memberRoutes(app: App): void {
  route(app, c.listMembers, { access: 'read:member' }, async ({ actor, params, deps }) => {
    if (!(await findOrganisation(deps.db, params.id))) throw new AppError('NOT_FOUND');
    requireCan(actor, 'read', 'member', { organisationId: params.id });
    const members = await listOrgMembers(deps.db, params.id);
    return { items: members.map((m) => presentMember(actor, params.id, m)) };
  });

  route(app, c.removeMember, { access: 'remove:member' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => removeMember(tx, actor, params.id, params.userId, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.listInvitations, { access: 'invite:member' }, async ({ actor, params, deps }) => {
    if (!(await findOrganisation(deps.db, params.id))) throw new AppError('NOT_FOUND');
    requireCan(actor, 'invite', 'member', { organisationId: params.id });
    return { items: (await listInvitations(deps.db, params.id)).map(presentInvitation) };
  });

  route(app, c.inviteMember, { access: 'invite:member' }, async ({ actor, params, body, deps }) => {
    const inv = await withTx(deps.db, (tx) => inviteMember(tx, actor, params.id, body, { now: deps.clock(), publicUrl: deps.config.publicUrl }));
    return presentInvitation(inv);
  });

  route(app, c.revokeInvitation, { access: 'invite:member' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => revokeInvitation(tx, actor, params.id, params.invitationId, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.previewInvitation, { access: 'public', rateLimit: INVITATION_LIMIT }, async ({ params, deps }) => {
    const { invitation, organisation } = await usableInvitation(deps.db, params.token, deps.clock());
    return { organisationName: organisation.name, email: invitation.email, roles: invitation.roles, expiresAt: invitation.expiresAt.toISOString() };
  });

  route(app, c.acceptInvitation, { access: 'public', rateLimit: INVITATION_LIMIT }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => acceptInvitation(tx, actor, params.token, body, deps.clock()));
    return { ok: true as const };
  });
}
