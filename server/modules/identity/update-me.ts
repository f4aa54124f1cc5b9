import { and, eq, ne, sql } from 'drizzle-orm';
import type { Locale } from '../../../shared/roles.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { reauthenticate } from './reauthenticate.js';
import { loadUser } from './repository.js';
import { users } from './schema.js';

export type ProfileChanges = {
  displayName?: string;
  email?: string | null;
  phone?: string | null;
  locale?: Locale;
};

const EMAIL_TAKEN = { zh: '该邮箱已被其他账号使用', en: 'Another account already uses this e-mail address' };

const PASSWORD_FOR_EMAIL = { zh: '修改电子邮箱需要输入当前密码', en: 'Enter your current password to change the e-mail address' };

/**
 * Change one's own display name, e-mail, phone or language. Fields left out
 * stay as they are. A new e-mail address needs the current password
 * (`reauthenticate`, counted toward the lockout): the address is where a
 * password reset is sent, so a session left open or stolen must not be able
 * to point it elsewhere and take the account over.
 */
export async function updateMe(db: Db, actor: Actor, input: ProfileChanges & { currentPassword?: string }, now: Date): Promise<void> {
  const user = actor.userId ? await loadUser(db, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const email = input.email ? input.email.trim().toLowerCase() : null;
  if (email && email !== user.email?.toLowerCase()) {
    if (!input.currentPassword) throw AppError.field('currentPassword', PASSWORD_FOR_EMAIL.zh, PASSWORD_FOR_EMAIL.en);
    await reauthenticate(db, actor, input.currentPassword, now, { action: 'user.update_profile', entityType: 'user', entityId: user.id, field: 'currentPassword' });
  }
  await withTx(db, (tx) => applyProfile(tx, actor, input, now));
}

async function applyProfile(tx: Tx, actor: Actor, input: ProfileChanges, now: Date): Promise<void> {
  const user = actor.userId ? await loadUser(tx, { id: actor.userId }) : null;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const next: ProfileChanges = {};
  if (input.displayName !== undefined) next.displayName = input.displayName;
  if (input.phone !== undefined) next.phone = input.phone;
  if (input.locale !== undefined) next.locale = input.locale;
  if (input.email !== undefined) {
    // Sign-in and reset look e-mail up case-insensitively, so it is stored lower-case.
    next.email = input.email === null ? null : input.email.trim().toLowerCase();
    if (next.email) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, next.email), ne(users.id, user.id)))
        .limit(1);
      if (taken) throw AppError.field('email', EMAIL_TAKEN.zh, EMAIL_TAKEN.en);
    }
  }
  const before = { displayName: user.displayName, email: user.email, phone: user.phone, locale: user.locale };
  const changes = diff(before, { ...before, ...next });
  if (Object.keys(changes).length === 0) return;
  try {
    await tx.update(users).set({ ...next, updatedAt: now }).where(eq(users.id, user.id));
  } catch (e) {
    // A concurrent change took the address between the check and the write.
    if (isUniqueViolation(e)) throw AppError.field('email', EMAIL_TAKEN.zh, EMAIL_TAKEN.en);
    throw e;
  }
  await recordAudit(tx, actor, { action: 'user.update_profile', entityType: 'user', entityId: user.id, changes });
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}
