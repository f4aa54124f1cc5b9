import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { userRoles } from '../identity/schema.js';

/** The roles an account holds (an expert in the registry must hold `expert`). */
export async function userRolesOf(db: DbOrTx, userId: string): Promise<string[]> {
  return (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role);
}
