import { sql } from 'drizzle-orm';
import type { RegistryKind } from '../../../shared/contracts/registries.js';
import type { DbOrTx } from '../../db/client.js';
import { ensureDictionary } from '../catalog/search/dictionary.js';
import { segmenter, tsvectorText, weightedTokens } from '../search/index.js';
import { type EntryRow, KINDS } from './kinds.js';
import { organisationName } from './repository.js';

/**
 * Writes an entry's search vector in the transaction that publishes or
 * withdraws it (an entry is small; the directory shows it at once): published
 * entries get their weighted jieba tokens, others a NULL vector so they never
 * match. Uses the catalog's dictionary (administrators' terms) so both search
 * the same words.
 */
export async function indexEntry(tx: DbOrTx, kind: RegistryKind, row: EntryRow): Promise<void> {
  const def = KINDS[kind];
  const table = sql.identifier(def.sqlName);
  if (row.status !== 'published') {
    await tx.execute(sql`UPDATE ${table} SET search_vector = NULL, search_dictionary_version = NULL WHERE id = ${row.id}`);
    return;
  }
  const version = await ensureDictionary(tx);
  const text = tsvectorText(weightedTokens(def.texts(row, await organisationName(tx, row.organisationId)), segmenter()));
  await tx.execute(sql`UPDATE ${table} SET search_vector = ${text}::tsvector, search_dictionary_version = ${version} WHERE id = ${row.id}`);
}

/** The vector text of an entry, for bulk loads (bench, import). */
export function entryVectorText(kind: RegistryKind, row: EntryRow, organisation: string | null): string {
  return tsvectorText(weightedTokens(KINDS[kind].texts(row, organisation), segmenter()));
}
