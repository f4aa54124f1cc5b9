import { eq } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { sha256 } from '../../core/tokens.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { invitations } from '../identity/schema.js';
import { notify } from '../notifications/notify.js';
import { createAccount } from '../users/create-account.js';
import { findInvitationByTokenHash, findOrganisation, type InvitationRow, type OrganisationRow } from './repository.js';

/**
 * The invitation behind a link, if it can still be used. An unknown token is
 * NOT_FOUND; a used, revoked or expired one says which, so the person knows to
 * ask for a new invitation.
 */
export async function usableInvitation(
  db: DbOrTx,
  token: string,
  now: Date,
  opts: { forUpdate?: boolean } = {},
): Promise<{ invitation: InvitationRow; organisation: OrganisationRow }> {
  const invitation = await findInvitationByTokenHash(db, sha256(token), opts);
  if (!invitation) {
    throw new AppError('NOT_FOUND', { message: { zh: '邀请链接无效。', en: 'This invitation link is not valid.' } });
  }
  if (invitation.acceptedAt) {
    throw new AppError('INVALID_STATE', { message: { zh: '该邀请已被使用，请直接登录。', en: 'This invitation has already been used; sign in instead.' } });
  }
  if (invitation.revokedAt) {
    throw new AppError('INVALID_STATE', { message: { zh: '该邀请已被撤销，请联系邀请人。', en: 'This invitation was revoked; contact the person who invited you.' } });
  }
  if (invitation.expiresAt <= now) {
    throw new AppError('INVALID_STATE', { message: { zh: '该邀请已过期，请联系邀请人重新发送。', en: 'This invitation has expired; ask for a new one.' } });
  }
  const organisation = await findOrganisation(db, invitation.organisationId);
  if (!organisation) throw new AppError('NOT_FOUND');
  return { invitation, organisation };
}

/**
 * Create the invited person's account in the organisation, with the roles the
 * invitation names and the e-mail it was sent to. The invitation is then used up.
 */
export async function acceptInvitation(
  tx: Tx,
  actor: Actor,
  token: string,
  input: { username: string; displayName: string; password: string },
  now: Date,
): Promise<void> {
  const { invitation, organisation } = await usableInvitation(tx, token, now, { forUpdate: true });
  const user = await createAccount(tx, {
    username: input.username,
    displayName: input.displayName,
    email: invitation.email,
    password: input.password,
    checkPolicy: true,
    mustChangePassword: false,
    organisationId: organisation.id,
    roles: invitation.roles as Role[],
    now,
  });
  await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id));
  if (invitation.invitedBy) {
    await notify(tx, {
      userIds: [invitation.invitedBy],
      kind: 'invitation.accepted',
      params: { username: user.username, organisationName: organisation.name },
      link: '/console/organisation',
    });
  }
  await recordAudit(tx, { ...actor, userId: user.id, username: user.username, organisationId: organisation.id }, {
    action: 'invitation.accept',
    entityType: 'invitation',
    entityId: invitation.id,
    changes: { userId: { before: null, after: user.id }, username: { before: null, after: user.username }, roles: { before: null, after: invitation.roles } },
  });
}
