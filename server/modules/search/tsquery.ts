import { sql, type SQL } from 'drizzle-orm';
import { cleanSegment, isLexeme } from './normalise.js';
import type { QueryTerm } from './tokenizer.js';
import { quoteLexeme } from './tsvector.js';

/** 'and': every term must match (precise); 'or': any term or part may match (fallback). */
export type QueryMode = 'and' | 'or';

/**
 * Terms beyond this are ignored: a pasted page of text must not become a
 * tsquery of thousands of operands. Long texts go through keywords() instead.
 */
export const MAX_QUERY_TERMS = 32;

// Tokens reach us from tokensForQuery, but this is the boundary to PostgreSQL,
// so anything else is cleaned again rather than trusted.
function lexemesOf(token: string): string[] {
  return isLexeme(token) ? [token] : cleanSegment(token);
}

function termsOf(tokens: readonly (string | QueryTerm)[]): QueryTerm[] {
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    const candidates: QueryTerm[] =
      typeof t === 'string'
        ? lexemesOf(t).map((term) => ({ term, parts: [] }))
        : lexemesOf(t.term).map((term) => ({ term, parts: t.parts.flatMap(lexemesOf).filter((p) => p !== term) }));
    for (const c of candidates) {
      if (seen.has(c.term)) continue;
      seen.add(c.term);
      out.push(c);
      if (out.length === MAX_QUERY_TERMS) return out;
    }
  }
  return out;
}

/**
 * tsquery input text for query tokens, or null when nothing searchable is
 * left (the caller shows "no query" instead of running a search).
 *
 * - 'and': `'t1' & ('t2' | ('p1' & 'p2'))`: each term matches whole, or by
 *   all of its search-mode parts.
 * - 'or': every term and every part joined by `|`.
 *
 * Every operand is a single-quoted, escaped lexeme, so the result parses as a
 * tsquery for any input (property-tested against PostgreSQL).
 */
export function tsqueryText(tokens: readonly (string | QueryTerm)[], mode: QueryMode): string | null {
  const terms = termsOf(tokens);
  if (terms.length === 0) return null;
  if (mode === 'or') {
    const all = new Set<string>();
    for (const { term, parts } of terms) {
      all.add(term);
      for (const p of parts) all.add(p);
    }
    return [...all].map(quoteLexeme).join(' | ');
  }
  return terms
    .map(({ term, parts }) =>
      parts.length ? `(${quoteLexeme(term)} | (${parts.map(quoteLexeme).join(' & ')}))` : quoteLexeme(term),
    )
    .join(' & ');
}

/**
 * The tsquery for `tokens` as an SQL fragment (`$1::tsquery`, one bound
 * parameter; the cast parses without a text-search parser, so lexemes match
 * the index byte for byte), or null when the query has no searchable terms.
 */
export function buildTsquery(tokens: readonly (string | QueryTerm)[], mode: QueryMode): SQL | null {
  const text = tsqueryText(tokens, mode);
  return text === null ? null : sql`${text}::tsquery`;
}

/** `vector @@ query`; `vector` is a tsvector column or SQL expression. */
export function matches(vector: unknown, query: SQL): SQL {
  return sql`${vector} @@ ${query}`;
}

/**
 * ts_rank of `vector` for `query` with weights A 1.0, B 0.4, C 0.2, D 0.1 and
 * normalisation 1 (divide by 1 + log of the document length, so long
 * abstracts do not win by size alone).
 */
export function rank(vector: unknown, query: SQL): SQL<number> {
  return sql<number>`ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, ${query}, 1)`;
}

/** Rows found and the mode that found them (null: the query had no searchable terms). */
export type FallbackResult<T> = { rows: T[]; mode: QueryMode | null };

/**
 * Runs `search` with the AND query; if that finds nothing and the OR query is
 * different (more than one lexeme), runs it again with the OR query. The
 * caller tells users when results come from the broader query.
 */
export async function searchWithFallback<T>(
  tokens: readonly (string | QueryTerm)[],
  search: (query: SQL, mode: QueryMode) => Promise<T[]>,
): Promise<FallbackResult<T>> {
  const andText = tsqueryText(tokens, 'and');
  if (andText === null) return { rows: [], mode: null };
  const rows = await search(sql`${andText}::tsquery`, 'and');
  if (rows.length > 0) return { rows, mode: 'and' };
  const orText = tsqueryText(tokens, 'or');
  if (orText === null || orText === andText) return { rows, mode: 'and' };
  return { rows: await search(sql`${orText}::tsquery`, 'or'), mode: 'or' };
}
