import type { MEMBER_ROLES } from '../../../shared/contracts/organisations.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { newSecret, sha256 } from '../../core/tokens.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { invitations } from '../identity/schema.js';
import { queueMail } from '../mail/queue-mail.js';
import { accountConflicts } from '../users/create-account.js';
import { findOrganisation, type InvitationRow } from './repository.js';

export const INVITATION_VALID_DAYS = 7;

/**
 * Invite someone by e-mail to join a verified organisation with the given
 * roles. The link carries a random token; only its SHA-256 is stored, so the
 * e-mail is the only place the token exists.
 */
export async function inviteMember(
  tx: Tx,
  actor: Actor,
  organisationId: string,
  input: { email: string; roles: (typeof MEMBER_ROLES)[number][] },
  ctx: { now: Date; publicUrl: string },
): Promise<InvitationRow> {
  requireCan(actor, 'invite', 'member', { organisationId });
  const org = await findOrganisation(tx, organisationId);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  const email = input.email.trim().toLowerCase();
  if ((await accountConflicts(tx, { email })).length > 0) {
    throw new AppError('CONFLICT', {
      fields: [{ path: 'email', zh: '该邮箱已有账号，请联系系统管理员调整其所属机构', en: 'An account with this e-mail exists; ask the system administrator to move it to your organisation' }],
    });
  }
  const token = newSecret();
  const roles = [...new Set(input.roles)];
  const [inv] = await tx
    .insert(invitations)
    .values({
      organisationId,
      email,
      roles,
      tokenHash: sha256(token),
      invitedBy: actor.userId,
      expiresAt: new Date(ctx.now.getTime() + INVITATION_VALID_DAYS * 86_400_000),
      createdAt: ctx.now,
    })
    .returning();
  const link = `${ctx.publicUrl.replace(/\/$/, '')}/invite/${token}`;
  await queueMail(tx, {
    to: email,
    subject: `邀请您加入「${org.name}」 / Invitation to join ${org.name}`,
    bodyText: [
      `您好：`,
      ``,
      `${actor.username ?? ''} 邀请您以本机构成员身份加入科技成果转移转化服务平台上的「${org.name}」。`,
      `请在 ${INVITATION_VALID_DAYS} 天内打开以下链接设置账号：`,
      link,
      ``,
      `如果您不认识邀请人，请忽略本邮件。`,
      ``,
      `---`,
      ``,
      `Hello,`,
      ``,
      `${actor.username ?? ''} invites you to join ${org.name} on the achievement transfer platform.`,
      `Open this link within ${INVITATION_VALID_DAYS} days to set up your account:`,
      link,
      ``,
      `If you do not know who invited you, ignore this e-mail.`,
    ].join('\n'),
  });
  await recordAudit(tx, actor, {
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: inv!.id,
    changes: { ...diff(null, { email, roles, expiresAt: inv!.expiresAt }), organisationId: { before: null, after: organisationId } },
  });
  return inv!;
}
