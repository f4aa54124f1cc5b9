import { eq } from 'drizzle-orm';
import type { RegistryKind } from '../../../shared/contracts/registries.js';
import type { DbOrTx } from '../../db/client.js';
import type { EntryRow } from './kinds.js';
import { brokers, institutions } from './schema.js';

/** The one institution of an organisation, or the one broker profile of an account. */
export async function findEntryOf(db: DbOrTx, kind: RegistryKind, key: { organisationId?: string; userId?: string }): Promise<EntryRow | null> {
  if (kind === 'institution' && key.organisationId) {
    const [row] = await db.select().from(institutions).where(eq(institutions.organisationId, key.organisationId)).limit(1);
    return (row as unknown as EntryRow) ?? null;
  }
  if (kind === 'broker' && key.userId) {
    const [row] = await db.select().from(brokers).where(eq(brokers.userId, key.userId)).limit(1);
    return (row as unknown as EntryRow) ?? null;
  }
  return null;
}
