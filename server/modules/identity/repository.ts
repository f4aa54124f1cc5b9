import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../organisations/schema.js';
import { userRoles, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;
export type UserWithContext = UserRow & {
  roles: Role[];
  organisation: { id: string; name: string; type: string; verificationStatus: string } | null;
};

/**
 * Display names of users, by id, in one query (other domains show who asked,
 * filed or confirmed something). Ids that are null, repeated or of deleted
 * users are fine: they are simply absent from the map.
 */
export async function displayNames(db: DbOrTx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One query: the user, their roles and their organisation summary. */
export async function loadUser(db: DbOrTx, where: { id: string } | { login: string }): Promise<UserWithContext | null> {
  const cond =
    'id' in where
      ? eq(users.id, where.id)
      : or(eq(users.username, where.login.toLowerCase()), eq(sql`lower(${users.email})`, where.login.toLowerCase()));
  const rows = await db
    .select({
      user: users,
      roles: sql<Role[]>`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles r WHERE r.user_id = ${users.id}), '{}')`,
      org: {
        id: organisations.id,
        name: organisations.name,
        type: organisations.type,
        verificationStatus: organisations.verificationStatus,
      },
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(cond)
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  return { ...r.user, roles: r.roles, organisation: r.org?.id ? r.org : null };
}

export async function setRoles(tx: DbOrTx, userId: string, roles: readonly Role[]): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length > 0) await tx.insert(userRoles).values([...new Set(roles)].map((role) => ({ userId, role })));
}
