import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import type { UserWithContext } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/** Escape LIKE wildcards so a search for "50%" finds "50%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// `users.id` spelled out: Drizzle leaves `${users.id}` unqualified in single-table selects.
const rolesOf = sql<Role[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = users.id), '{}')`;

export type UserFilter = {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  organisationId?: string;
};

/** A page of accounts with roles and organisation, for the account administration list. */
export async function listUsers(
  db: DbOrTx,
  filter: UserFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: UserWithContext[]; total: number }> {
  const conds: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    conds.push(or(ilike(users.username, p), ilike(users.displayName, p), ilike(users.email, p))!);
  }
  if (filter.role) conds.push(sql`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = ${filter.role})`);
  if (filter.status) conds.push(eq(users.status, filter.status));
  if (filter.organisationId) conds.push(eq(users.organisationId, filter.organisationId));
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select({
      user: users,
      roles: rolesOf,
      org: { id: organisations.id, name: organisations.name, type: organisations.type, verificationStatus: organisations.verificationStatus },
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(asc(users.username))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { items: rows.map((r) => ({ ...r.user, roles: r.roles, organisation: r.org?.id ? r.org : null })), total };
}

/** Lock an account row for the rest of the transaction (concurrent admin edits serialise on it). */
export async function lockUser(tx: DbOrTx, id: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
}

/**
 * Active system administrators other than `exceptUserId`. Callers hold the
 * sys_admin advisory lock so two administrators cannot demote each other at once.
 */
export async function otherActiveSysAdmins(tx: DbOrTx, exceptUserId: string): Promise<number> {
  const rows = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM users u JOIN user_roles r ON r.user_id = u.id
    WHERE r.role = 'sys_admin' AND u.status = 'active' AND u.id <> ${exceptUserId}`);
  return rows.rows[0]?.n ?? 0;
}

/** Serialise changes that could leave the platform without an active sys_admin (same key as bootstrap-admin). */
export async function lockSysAdmins(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7301002)`);
}

/** The members of an organisation, by username. */
export async function listOrgMembers(db: DbOrTx, organisationId: string): Promise<(typeof users.$inferSelect & { roles: Role[] })[]> {
  const rows = await db
    .select({ user: users, roles: rolesOf })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ ...r.user, roles: r.roles }));
}
