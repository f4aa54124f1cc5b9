import { normalise } from './normalise.js';

/**
 * An ILIKE pattern matching `text` as a substring, with LIKE's wildcards and
 * escape character escaped. For what lexemes cannot find: a single character
 * inside a longer word (甜 in 甜高粱) or a code fragment, typically over short
 * columns (titles, names) with a pg_trgm GIN index (`gin_trgm_ops`), which
 * serves ILIKE '%…%' for patterns of three or more characters.
 * The pattern is normalised (NFKC, lower case) like every search input, so
 * match it against a normalised expression, e.g. `lower(normalize(title, NFKC))`
 * with the trigram index built on that same expression.
 */
export function likePattern(text: string): string {
  return `%${normalise(text).trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
