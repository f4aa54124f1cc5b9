import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/access.js';
import { AppError } from '../../../core/errors.js';
import type { Db, DbOrTx } from '../../../db/client.js';
import { withTx } from '../../../db/tx.js';
import { recordAudit } from '../../audit/record-audit.js';
import { cleanDictionaryWord, currentDictionaryVersion, segmenter, setExtraWords } from '../../search/index.js';
import { dictionaryTerms } from '../schema.js';

/**
 * The administrators' dictionary terms (table dictionary_terms) and the
 * process's segmenter. The table is the truth; each process loads it into its
 * segmenter at start-up and after every change it makes, and jobs check it
 * before indexing so a worker never indexes with an outdated word list.
 */

async function readTerms(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ term: dictionaryTerms.term }).from(dictionaryTerms).orderBy(asc(dictionaryTerms.term));
  return rows.map((r) => r.term);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/**
 * Loads the admin terms into the segmenter (a few hundred ms). Call once at
 * start-up, before the HTTP server and the job worker start.
 */
export async function loadDictionary(db: DbOrTx): Promise<string> {
  return setExtraWords(await readTerms(db)).version;
}

/**
 * Reloads the segmenter only when the table differs from what it holds (one
 * small query otherwise). Returns the version in use.
 */
export async function ensureDictionary(db: DbOrTx): Promise<string> {
  const terms = await readTerms(db);
  const loaded = segmenter().extraWords.map((w) => w.word);
  if (!sameWords(terms, loaded)) return setExtraWords(terms).version;
  return currentDictionaryVersion();
}

export type DictionaryStateRow = {
  terms: { term: string; addedBy: string | null; createdAt: string }[];
  dictionaryVersion: string;
  staleListings: number;
};

/** The term list, the running version and how many published listings an index rebuild would change. */
export async function dictionaryState(db: DbOrTx): Promise<DictionaryStateRow> {
  const version = await ensureDictionary(db);
  const rows = await db.execute<{ term: string; added_by: string | null; created_at: Date }>(sql`
    SELECT t.term, u.username AS added_by, t.created_at
    FROM dictionary_terms t LEFT JOIN users u ON u.id = t.added_by ORDER BY t.term`);
  const stale = await db.execute<{ n: number }>(sql`
    SELECT (SELECT count(*) FROM achievements WHERE status = 'published' AND search_dictionary_version IS DISTINCT FROM ${version})
         + (SELECT count(*) FROM demands WHERE status = 'published' AND search_dictionary_version IS DISTINCT FROM ${version}) AS n`);
  return {
    terms: rows.rows.map((r) => ({ term: r.term, addedBy: r.added_by, createdAt: new Date(r.created_at).toISOString() })),
    dictionaryVersion: version,
    staleListings: Number(stale.rows[0]?.n ?? 0),
  };
}

/**
 * Adds a term (normalised as the segmenter will see it). Existing records keep
 * their old segmentation until the index is rebuilt; new indexing and queries
 * use the term at once.
 */
export async function addDictionaryTerm(db: Db, actor: Actor, input: { term: string }): Promise<void> {
  const clean = cleanDictionaryWord(input.term);
  if (!clean) {
    throw AppError.field('term', '词条须为 2–24 个字符且不含空格。', 'A term is 2–24 characters without spaces.');
  }
  await withTx(db, async (tx) => {
    const inserted = await tx
      .insert(dictionaryTerms)
      .values({ term: clean.word, addedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ term: dictionaryTerms.term });
    if (inserted.length === 0) {
      throw new AppError('CONFLICT', { fields: [{ path: 'term', zh: '该词条已存在。', en: 'This term is already in the dictionary.' }] });
    }
    await recordAudit(tx, actor, { action: 'dictionary.add', entityType: 'dictionary_term', entityId: null, changes: { term: clean.word } });
  });
  await loadDictionary(db);
}

/** Removes a term; NOT_FOUND when it is not in the list. */
export async function removeDictionaryTerm(db: Db, actor: Actor, input: { term: string }): Promise<void> {
  const word = cleanDictionaryWord(input.term)?.word ?? input.term;
  await withTx(db, async (tx) => {
    const deleted = await tx.delete(dictionaryTerms).where(eq(dictionaryTerms.term, word)).returning({ term: dictionaryTerms.term });
    if (deleted.length === 0) throw new AppError('NOT_FOUND');
    await recordAudit(tx, actor, { action: 'dictionary.remove', entityType: 'dictionary_term', entityId: null, changes: { term: word } });
  });
  await loadDictionary(db);
}
