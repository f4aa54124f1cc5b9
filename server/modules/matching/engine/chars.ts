/**
 * Character backoff for Chinese (decision 0015, "Fourth pass"). A title and its
 * abstract often say the same thing in different words of the same characters
 * (口唇 / 唇部, 制售假冒 / 制假): word tokens then share nothing, while the
 * characters do. Mixing word and character evidence is the standard remedy in
 * Chinese retrieval (words carry precision, characters recall). Here the
 * characters are pseudo-terms beside the words: a record's field counts each
 * Han character of its words, the corpus statistics count the records holding
 * it, and a query gets its words' characters at `query.charWeight` of the
 * word's weight. They never select candidates, only re-rank them.
 */

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Marks a character pseudo-term; never in a lexeme (the tokenizer keeps no control characters). */
export const CHAR_MARK = '\u0001';

/** The pseudo-term of a character. */
export const charKey = (c: string): string => CHAR_MARK + c;

export const isCharKey = (term: string): boolean => term.charCodeAt(0) === 1;

/**
 * Han characters counted: CJK Unified Ideographs and Extension A (both in the
 * Basic Multilingual Plane), the same ranges as the SQL that rebuilds the
 * statistics (HAN_CLASS_SQL).
 */
const isHan = (code: number): boolean => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
/** The same ranges as a PostgreSQL bracket expression. */
export const HAN_CLASS_SQL = '[\u3400-\u4dbf\u4e00-\u9fff]';

/**
 * A SELECT of the character pseudo-terms' document frequencies over a table's
 * search vectors (aliased `l` for `where`): `(term, df)` rows, one per Han character, counting
 * each record once however many of its lexemes hold the character. The
 * statistics rebuilds (pg-stats.ts, term-stats.ts) add these rows beside the
 * lexemes' own.
 */
export function charDfSql(table: SQLWrapper, vector: SQLWrapper, where: SQL): SQL {
  return sql`SELECT ${CHAR_MARK} || c.ch AS term, count(*)::int AS df FROM ${table} l,
    LATERAL (SELECT DISTINCT ch FROM unnest(l.${vector}) u, regexp_split_to_table(u.lexeme, '') ch WHERE ch ~ ${HAN_CLASS_SQL}) c
    WHERE ${where} GROUP BY c.ch`;
}

/** The Han characters of a word, with repeats, in order. */
export function hanChars(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) if (isHan(word.charCodeAt(i))) out.push(word[i]!);
  return out;
}

/** The characters (bare, without the mark) of the character pseudo-terms among `terms`. */
export function charsOfKeys(terms: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of terms) if (isCharKey(t)) out.add(t.slice(CHAR_MARK.length));
  return out;
}

/**
 * Adds `count` occurrences of each Han character of `word` to a field's term
 * frequencies; with `only` (bare characters), just those.
 */
export function addChars(tf: Map<string, number>, word: string, count: number, only?: ReadonlySet<string>): void {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (!isHan(code)) continue;
    const c = word[i]!;
    if (only && !only.has(c)) continue;
    const key = CHAR_MARK + c;
    tf.set(key, (tf.get(key) ?? 0) + count);
  }
}
