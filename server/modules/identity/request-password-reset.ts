import type { Actor } from '../../core/access.js';
import { newSecret, sha256 } from '../../core/tokens.js';
import type { Tx } from '../../db/client.js';
import { maskIdentifier, recordAudit } from '../audit/record-audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { loadDistrict } from '../organisations/district-config.js';
import { loadUser } from './repository.js';
import { passwordResetTokens } from './schema.js';

export const RESET_TOKEN_SECONDS = 60 * 60;

/**
 * E-mail a reset link to the active account with this address. The caller
 * learns nothing either way (no account enumeration): the answer is the same,
 * and only the audit log says whether an account matched.
 */
export async function requestPasswordReset(
  tx: Tx,
  actor: Actor,
  input: { email: string },
  ctx: { now: Date; publicUrl: string },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const found = await loadUser(tx, { login: email });
  const user = found && found.status === 'active' && found.email?.toLowerCase() === email ? found : null;
  if (!user) {
    await recordAudit(tx, actor, {
      action: 'auth.password_reset_requested',
      entityType: 'user',
      changes: { email: maskIdentifier(email), reason: 'no_active_account' },
      outcome: 'failure',
    });
    return;
  }
  const token = newSecret();
  await tx.insert(passwordResetTokens).values({
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + RESET_TOKEN_SECONDS * 1000),
  });
  const link = `${ctx.publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
  const { platformName, platformNameEn } = loadDistrict().district;
  await queueMail(tx, {
    to: user.email!,
    subject: `重置密码 / Reset your password – ${platformName}`,
    bodyText: [
      `${user.displayName}，您好：`,
      '',
      `我们收到了重置您在“${platformName}”的登录密码的申请。请在 1 小时内打开以下链接设置新密码：`,
      link,
      '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
      '',
      '----',
      '',
      `Hello ${user.displayName},`,
      '',
      `Someone asked to reset your password for ${platformNameEn}. Open this link within one hour to choose a new password:`,
      link,
      'If this was not you, ignore this e-mail; your password stays as it is.',
    ].join('\n'),
  });
  await recordAudit(tx, actor, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id });
}
