import { and, eq } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { userRoles, users } from './schema.js';

/** Ids of every active user holding `role` (e.g. every reviewer, to notify them). */
export async function activeUserIdsWithRole(db: DbOrTx, role: Role): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, role), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
