import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { facilities } from './schema.js';

/** Read-only lookups other domains use (the registries' innovation platforms). Keep the signature stable. */

/** The published shared facilities (labs, R&D centres, instruments) of an organisation, by name (at most `limit`). */
export async function publishedFacilitiesOf(db: DbOrTx, organisationId: string, limit = 50): Promise<{ id: string; name: string; kind: string }[]> {
  return db
    .select({ id: facilities.id, name: facilities.name, kind: facilities.kind })
    .from(facilities)
    .where(and(eq(facilities.organisationId, organisationId), eq(facilities.status, 'published')))
    .orderBy(asc(facilities.name), asc(facilities.id))
    .limit(limit);
}
