import { eq, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { assertPasswordPolicy, hashPassword } from '../identity/passwords.js';
import { setRoles } from '../identity/repository.js';
import { users } from '../identity/schema.js';

type FieldProblem = { path: string; zh: string; en: string };

/**
 * Field problems for a username or e-mail that another account already uses
 * (`prefix` is the body path of the user object, e.g. "user."). Empty when
 * both are free. E-mail is compared case-insensitively, as sign-in does.
 */
export async function accountConflicts(
  db: DbOrTx,
  input: { username?: string; email?: string | null; exceptUserId?: string },
  prefix = '',
): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (input.username) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username.toLowerCase())).limit(1);
    if (u && u.id !== input.exceptUserId) {
      out.push({ path: `${prefix}username`, zh: '该用户名已被使用', en: 'This username is taken' });
    }
  }
  if (input.email) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()))
      .limit(1);
    if (u && u.id !== input.exceptUserId) {
      out.push({ path: `${prefix}email`, zh: '该邮箱已被其他账号使用', en: 'Another account uses this e-mail address' });
    }
  }
  return out;
}

export type NewAccount = {
  username: string;
  displayName: string;
  email: string | null;
  phone?: string | null;
  password: string;
  /** Check the password policy (off for generated one-time passwords, which satisfy it by construction). */
  checkPolicy: boolean;
  mustChangePassword: boolean;
  organisationId: string | null;
  roles: readonly Role[];
  now: Date;
};

/**
 * Insert an account with its roles. The one way accounts come into being:
 * registration, invitation acceptance and the system administrator all call
 * it. Refuses a taken username or e-mail with field errors under `prefix`.
 * Writes no audit row: the caller audits the operation it is part of.
 */
export async function createAccount(tx: Tx, input: NewAccount, prefix = ''): Promise<typeof users.$inferSelect> {
  if (input.checkPolicy) assertPasswordPolicy(input.password, input.username, `${prefix}password`);
  const conflicts = await accountConflicts(tx, input, prefix);
  if (conflicts.length > 0) throw new AppError('CONFLICT', { fields: conflicts });
  const passwordHash = await hashPassword(input.password);
  const [user] = await tx
    .insert(users)
    .values({
      username: input.username.toLowerCase(),
      displayName: input.displayName,
      email: input.email,
      phone: input.phone ?? null,
      passwordHash,
      mustChangePassword: input.mustChangePassword,
      passwordChangedAt: input.now,
      organisationId: input.organisationId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning()
    .catch((e: unknown) => {
      // Two requests for the same name at once: the unique index decides.
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', { fields: [{ path: `${prefix}username`, zh: '该用户名或邮箱已被使用', en: 'This username or e-mail is taken' }] });
      throw e;
    });
  await setRoles(tx, user!.id, input.roles);
  return user!;
}

/** Whether a database error is a unique-constraint violation (PostgreSQL 23505), however the driver wrapped it. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: string }).code === '23505') return true;
  }
  return false;
}
