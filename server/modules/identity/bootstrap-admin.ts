import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertPasswordPolicy, generateOneTimePassword, hashPassword } from './passwords.js';
import { setRoles } from './repository.js';
import { userRoles, users } from './schema.js';

/**
 * On a database without a system administrator, create one. With
 * ADMIN_PASSWORD the password is used as given (it must meet the policy);
 * without it a one-time password is returned for printing once, and a change
 * is forced at first sign-in.
 */
export async function bootstrapAdmin(
  db: Db,
  opts: { username: string; password: string | undefined },
): Promise<{ created: false } | { created: true; username: string; oneTimePassword: string | null }> {
  return withTx(db, async (tx) => {
    // Serialise concurrent first starts of several instances.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7301002)`);
    const existing = await tx.select().from(userRoles).where(eq(userRoles.role, 'sys_admin')).limit(1);
    if (existing.length > 0) return { created: false as const };
    if (opts.password) assertPasswordPolicy(opts.password, opts.username, 'ADMIN_PASSWORD');
    const oneTime = opts.password ? null : generateOneTimePassword();
    const [user] = await tx
      .insert(users)
      .values({
        username: opts.username.toLowerCase(),
        displayName: '系统管理员',
        passwordHash: await hashPassword(opts.password ?? oneTime!),
        mustChangePassword: oneTime !== null,
      })
      .returning();
    await setRoles(tx, user!.id, ['sys_admin']);
    await recordAudit(tx, systemActor(), { action: 'user.bootstrap_admin', entityType: 'user', entityId: user!.id, changes: { username: { before: null, after: user!.username } } });
    return { created: true as const, username: user!.username, oneTimePassword: oneTime };
  });
}
