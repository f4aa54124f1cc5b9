import { sql, type SQL } from 'drizzle-orm';
import { rank as tsRank, tsqueryText } from '../../search/index.js';
import type { MatchConfig } from './config.js';
import { addChars, charsOfKeys } from './chars.js';
import type { CorpusStats } from './corpus-stats.js';
import { FIELDS, type Field, type FieldTerms, type MatchDoc, type Query } from './types.js';

/** Where candidates come from: anything that can turn a query into a few hundred plausible records. */
export interface CandidateSource {
  candidates(query: Query, opts?: { limit?: number }): Promise<MatchDoc[]>;
}

/**
 * Something that runs SQL: a drizzle database or transaction. With
 * `transaction` (both have it), candidate retrieval runs its statement with
 * sequential scans discouraged (see PgCandidateSource.run).
 */
export type SqlExecutor = {
  execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }>;
  transaction?: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
};

/** A table with a tsvector column built by the search library (A title, B keywords, C body, D indicators). */
export type TableSpec = {
  /** Table name (an identifier, not user input). */
  table: string;
  idColumn?: string;
  vectorColumn?: string;
  /** Text column for pg_trgm title matches (needs a gin_trgm_ops index); omit to skip them. */
  titleColumn?: string;
  /** Further columns `toDoc` needs. */
  columns: readonly string[];
  /** Extra condition every candidate must meet (published, not expired, …). */
  where?: SQL;
  /** Maps a row (with `columns`) to a MatchDoc; `terms` is filled from the vector. */
  toDoc: (row: Record<string, unknown>) => Omit<MatchDoc, 'terms'>;
};

const FIELD_BY_LETTER: Record<number, Field> = { 65: 'title', 66: 'keywords', 67: 'body', 68: 'indicators' };

/**
 * Field term frequencies from a tsvector's text output (`'lexeme':1A,7C 'x':3`):
 * the weight letter says the field (no letter = D), each position is one
 * occurrence. Saves tokenising candidates again; PostgreSQL keeps at most 256
 * positions per lexeme, which caps tf where it no longer matters.
 *
 * With `keep` (the query's lexemes), only those get term frequencies and
 * positions; every other lexeme is only counted into its field's length,
 * which is all BM25F needs of it, and into the character pseudo-terms
 * (chars.ts) that `keep` holds. A hand-written scanner: candidates come
 * back a megabyte of vector text per query, and the regular-expression
 * version spent more time here than PostgreSQL did finding them.
 */
export function termsFromTsvector(text: string, keep?: ReadonlySet<string>, keepChars?: ReadonlySet<string>): FieldTerms {
  return tsvectorReader(keep, keepChars)(text);
}

/**
 * termsFromTsvector for one query's many vectors: what depends only on the
 * query is worked out once. That includes which UTF-16 code units can begin
 * a kept lexeme or hold a kept character, so a lexeme that can be neither
 * (most of a record's) is only counted into its field's length, without
 * being cut out of the text or looked up.
 */
export function tsvectorReader(keep?: ReadonlySet<string>, keepChars?: ReadonlySet<string>): (text: string) => FieldTerms {
  // Character pseudo-terms (chars.ts): all of them, or with `keep` only the query's (none if it has
  // none); `keepChars` is charsOfKeys(keep), passed in when it is already at hand.
  const only = keep ? (keepChars ?? charsOfKeys(keep)) : undefined;
  let first: Uint8Array | undefined;
  let held: Uint8Array | undefined;
  if (keep) {
    first = new Uint8Array(0x10000);
    held = new Uint8Array(0x10000);
    for (const t of keep) if (t.length > 0) first[t.charCodeAt(0)] = 1;
    for (const c of only!) held[c.charCodeAt(0)] = 1;
  }
  /** Whether the lexeme text[from, to) (no escapes) can be kept or hold a kept character. */
  const mayMatter = (text: string, from: number, to: number): boolean => {
    if (!first || !held) return true;
    if (from < to && first[text.charCodeAt(from)]) return true;
    for (let k = from; k < to; k++) if (held[text.charCodeAt(k)]) return true;
    return false;
  };
  return (text) => scanTsvector(text, keep, only, mayMatter);
}

function scanTsvector(
  text: string,
  keep: ReadonlySet<string> | undefined,
  only: ReadonlySet<string> | undefined,
  mayMatter: (text: string, from: number, to: number) => boolean,
): FieldTerms {
  const tf = { title: new Map<string, number>(), keywords: new Map<string, number>(), body: new Map<string, number>(), indicators: new Map<string, number>() };
  const len = { title: 0, keywords: 0, body: 0, indicators: 0 };
  const pos = new Map<string, number[]>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 39 /* ' */) {
      i++;
      continue;
    }
    // The lexeme: up to the closing quote ('' is a quote, \x is x).
    let j = i + 1;
    let escaped = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 39) {
        if (text.charCodeAt(j + 1) === 39) {
          escaped = true;
          j += 2;
          continue;
        }
        break;
      }
      if (c === 92 /* \ */) {
        escaped = true;
        j += 2;
        continue;
      }
      j++;
    }
    let wanted = false;
    let chars = false;
    let lexeme = '';
    if (escaped || mayMatter(text, i + 1, j)) {
      const raw = text.slice(i + 1, j);
      lexeme = escaped ? raw.replace(/''/g, "'").replace(/\\(.)/g, '$1') : raw;
      wanted = !keep || keep.has(lexeme);
      chars = !only || hasAnyChar(lexeme, only);
    }
    i = j + 1;
    const counts = wanted || chars ? { title: 0, keywords: 0, body: 0, indicators: 0 } : null;
    const at: number[] | null = wanted ? [] : null;
    if (text.charCodeAt(i) === 58 /* : */) {
      i++;
      for (;;) {
        let p = 0;
        let c = text.charCodeAt(i);
        while (c >= 48 && c <= 57) {
          p = p * 10 + (c - 48);
          c = text.charCodeAt(++i);
        }
        const field = FIELD_BY_LETTER[c];
        if (field) i++;
        const f: Field = field ?? 'indicators';
        len[f] += 1;
        if (counts) {
          counts[f] += 1;
          if (at && p > 0) at.push(p);
        }
        if (text.charCodeAt(i) !== 44 /* , */) break;
        i++;
      }
    } else {
      len.indicators += 1;
      if (counts) counts.indicators += 1;
    }
    if (counts) {
      for (const f of FIELDS) {
        if (counts[f] === 0) continue;
        if (wanted) tf[f].set(lexeme, (tf[f].get(lexeme) ?? 0) + counts[f]);
        if (chars) addChars(tf[f], lexeme, counts[f], only);
      }
      if (at?.length) pos.set(lexeme, at);
    }
  }
  return { tf, len, pos };
}

/** True when `word` holds one of `chars` (bare characters). */
function hasAnyChar(word: string, chars: ReadonlySet<string>): boolean {
  if (chars.size === 0) return false;
  for (let i = 0; i < word.length; i++) if (chars.has(word[i]!)) return true;
  return false;
}

/**
 * The lexemes of the candidate OR query: the query's strongest words (by
 * weight × idf, as buildQuery orders them) and their synonyms.
 */
export function retrievalTerms(query: Query, config: MatchConfig): string[] {
  const text = query.terms.filter((t) => t.source === 'text').slice(0, config.retrieval.keywords);
  const kept = new Set(text.map((t) => t.term));
  const syn = query.terms.filter((t) => t.source === 'synonym' && t.of !== undefined && kept.has(t.of));
  return [...text, ...syn].map((t) => t.term);
}

/**
 * The query's selective words: those in at most `retrieval.maxDocFrequency`
 * of the records. ts_rank knows no idf, so among thousands of records sharing
 * common words (研究, 方法, 系统) the one sharing the rare words can fall
 * below the cut; a second, short candidate list over only these words keeps
 * it. Empty when there are no statistics or every word is selective (the
 * first list already covers them).
 */
export function selectiveTerms(query: Query, config: MatchConfig, stats?: CorpusStats): string[] {
  if (!stats || stats.n === 0) return [];
  const all = retrievalTerms(query, config);
  const limit = config.retrieval.maxDocFrequency * stats.n;
  const rare = all.filter((t) => stats.docFreq(t) <= limit);
  return rare.length === all.length ? [] : rare;
}

const ident = (name: string) => sql.identifier(name);
/** Candidate order: list number × stride + rank within the list. */
const LIST_STRIDE = 1_000_000;

/**
 * Records an OR query over `terms` is expected to match, from the corpus
 * statistics, taking the words as independent: N · (1 − Π (1 − df/N)).
 */
export function estimatedMatches(terms: readonly string[], stats: CorpusStats): number {
  if (stats.n === 0) return 0;
  let none = 1;
  for (const t of terms) none *= 1 - Math.min(stats.docFreq(t), stats.n) / stats.n;
  return stats.n * (1 - none);
}

/** What a candidate list filters on: any of `terms`, or (when every single word is too common) any of the word `pairs` together. */
export type RetrievalFilter = { terms: string[]; pairs: [string, string][] };

/**
 * Keeps a candidate list's first stage bounded at any corpus size: PostgreSQL
 * ranks every row the filter matches (detoasting each vector), so the filter
 * may match about `retrieval.maxRanked` records, not more. Words are taken in
 * the query's order (strongest weight × idf first) while the estimated
 * matches stay within that budget; a word that would break it is skipped, a
 * rarer one after it may still fit. When even the strongest words are each
 * in more records than the budget (a query of common words over a large
 * corpus), pairs of the strongest words must occur together
 * (df_a · df_b / N, rarest pairs first): records sharing two of the query's
 * main words, the ones BM25 would rank first. Corpora smaller than the
 * budget (or no statistics) keep every word: nothing changes there.
 */
export function budgetedFilter(terms: readonly string[], config: MatchConfig, stats?: CorpusStats): RetrievalFilter {
  const budget = config.retrieval.maxRanked;
  if (!stats || stats.n <= budget) return { terms: [...terms], pairs: [] };
  // Words no record contains would always "fit" and could end up the whole filter, matching nothing.
  const present = terms.filter((t) => stats.docFreq(t) > 0);
  if (present.length === 0) return { terms: [...terms], pairs: [] };
  const kept: string[] = [];
  let none = 1;
  for (const t of present) {
    const p = 1 - Math.min(stats.docFreq(t), stats.n) / stats.n;
    if (stats.n * (1 - none * p) > budget) continue;
    kept.push(t);
    none *= p;
  }
  if (kept.length > 0) return { terms: kept, pairs: [] };
  const strongest = present.slice(0, config.retrieval.pairTerms);
  const pairs: { pair: [string, string]; est: number }[] = [];
  for (let i = 0; i < strongest.length; i++) {
    for (let j = i + 1; j < strongest.length; j++) {
      const a = strongest[i]!;
      const b = strongest[j]!;
      pairs.push({ pair: [a, b], est: (stats.docFreq(a) * stats.docFreq(b)) / stats.n });
    }
  }
  pairs.sort((x, y) => x.est - y.est);
  const out: [string, string][] = [];
  let total = 0;
  for (const { pair, est } of pairs) {
    if (out.length > 0 && total + est > budget) break;
    out.push(pair);
    total += est;
  }
  // A one-word query of a common word: that word, the rows ranked capped (see PgCandidateSource).
  return out.length > 0 ? { terms: [], pairs: out } : { terms: present.slice(0, 1), pairs: [] };
}

/**
 * How many records the first list keeps: `limit`, or every record its filter
 * matches (up to `retrieval.rankAll`) when the statistics expect no more than
 * that, so a small catalog is ranked whole by the re-ranking's BM25F, not cut
 * first by ts_rank, which has no idf.
 */
export function firstListSize(filter: RetrievalFilter, limit: number, config: MatchConfig, stats?: CorpusStats): number {
  const all = config.retrieval.rankAll;
  if (!stats || all <= limit || filter.terms.length === 0) return limit;
  return estimatedMatches(filter.terms, stats) <= all ? all : limit;
}

/** The filter as tsquery text, or null when nothing searchable is left. */
export function filterTsquery(filter: RetrievalFilter): string | null {
  if (filter.terms.length > 0) return tsqueryText(filter.terms, 'or');
  const parts = filter.pairs.map((p) => tsqueryText(p, 'and')).filter((t): t is string => t !== null);
  return parts.length ? parts.map((p) => `(${p})`).join(' | ') : null;
}

/**
 * Candidates from PostgreSQL, in two stages.
 *
 * Stage 1 (ids only): the records whose vector matches any of the query's
 * strongest words (GIN index), the best `limit` by ts_rank (all of them, up
 * to `retrieval.rankAll`, when no more are expected: firstListSize); the best
 * `selectiveLimit` matching any of its rarer words (see selectiveTerms); the
 * records whose title is most similar to the query's title (pg_trgm), which
 * catches titles the segmenter cut differently. Each word list is cut to the
 * ranking budget first (budgetedFilter) and the rows ranked are capped at
 * twice the budget, so the cost stays flat from ten thousand records to a
 * million.
 *
 * Stage 2: the vectors (as text, parsed into field terms) of only those few
 * hundred records, by primary key. Reading every matching row's vector as
 * text was most of the time at volume.
 *
 * Works on any table with a search-library tsvector column; the catalog plugs
 * in with a TableSpec.
 */
export class PgCandidateSource implements CandidateSource {
  constructor(
    private readonly db: SqlExecutor,
    private readonly spec: TableSpec,
    private readonly config: MatchConfig,
    /** The table's corpus statistics, for the selective list and the ranking budget (see selectiveTerms, budgetedFilter). */
    private readonly stats?: CorpusStats,
  ) {}

  async candidates(query: Query, opts: { limit?: number } = {}): Promise<MatchDoc[]> {
    const { spec, config, stats } = this;
    const id = ident(spec.idColumn ?? 'id');
    const vec = ident(spec.vectorColumn ?? 'search_vector');
    const where = spec.where ?? sql`TRUE`;
    const limit = opts.limit ?? config.retrieval.limit;
    const cap = Math.max(1, Math.round(2 * config.retrieval.maxRanked));
    const parts: SQL[] = [];

    const lists: [string[], number][] = [
      [retrievalTerms(query, config), limit],
      [selectiveTerms(query, config, stats), config.retrieval.selectiveLimit],
    ];
    let list = 0;
    for (const [terms, wanted] of lists) {
      list += 1;
      const filter = budgetedFilter(terms, config, stats);
      const n = list === 1 ? firstListSize(filter, wanted, config, stats) : wanted;
      const text = n > 0 ? filterTsquery(filter) : null;
      if (!text) continue;
      const tsq = sql`${text}::tsquery`;
      const order = sql`${tsRank(sql`"__s"."__v"`, tsq)} DESC, "__s"."__id"`;
      parts.push(sql`(SELECT "__s"."__id", ${list * LIST_STRIDE}::bigint + row_number() OVER (ORDER BY ${order}) AS "__ord" FROM (
          SELECT ${id} AS "__id", ${vec} AS "__v" FROM ${ident(spec.table)} WHERE ${where} AND ${vec} @@ ${tsq} LIMIT ${cap}
        ) "__s" ORDER BY ${order} LIMIT ${n})`);
    }
    const title = query.title?.trim();
    if (spec.titleColumn && title && config.retrieval.trigramLimit > 0) {
      const t = ident(spec.titleColumn);
      const order = sql`similarity(${t}, ${title}) DESC, ${id}`;
      parts.push(sql`(SELECT ${id} AS "__id", ${(lists.length + 1) * LIST_STRIDE}::bigint + row_number() OVER (ORDER BY ${order}) AS "__ord" FROM ${ident(spec.table)}
        WHERE ${where} AND ${t} % ${title} AND similarity(${t}, ${title}) >= ${config.retrieval.trigramThreshold}
        ORDER BY ${order} LIMIT ${config.retrieval.trigramLimit})`);
    }
    if (parts.length === 0) return [];
    const cols = sql.join([sql`"__t".${id}`, ...spec.columns.map((c) => sql`"__t".${ident(c)}`), sql`"__t".${vec}::text AS "__vector"`], sql`, `);
    // Each record once, in list order (rank order within a list), then its vector by primary key.
    const { rows } = await this.run(sql`WITH "__c" AS MATERIALIZED (
        SELECT "__id", min("__ord") AS "__ord" FROM (${sql.join(parts, sql` UNION ALL `)}) "__u" GROUP BY "__id")
      SELECT ${cols} FROM "__c" JOIN ${ident(spec.table)} "__t" ON "__t".${id} = "__c"."__id" ORDER BY "__c"."__ord"`);
    const read = tsvectorReader(new Set(query.terms.map((t) => t.term)));
    const out = new Map<string, MatchDoc>();
    for (const row of rows) {
      const doc = spec.toDoc(row);
      if (out.has(doc.id)) continue;
      out.set(doc.id, { ...doc, terms: read(String(row.__vector ?? '')) });
    }
    return [...out.values()];
  }

  /**
   * Runs the candidate statement with sequential scans and JIT off for that
   * statement only. The planner prices `vector @@ query` on a sequential scan
   * as cheap, but every row's vector has to be detoasted for it, while the
   * GIN bitmap scan reads only the matching rows: at 10 000 records and 20 %
   * matching, 330 ms against 90 ms. Inside the caller's transaction the
   * previous settings are put back afterwards; without `transaction` the
   * statement runs as it is.
   */
  private async run(statement: SQL): Promise<{ rows: Record<string, unknown>[] }> {
    const db = this.db;
    if (!db.transaction) return db.execute(statement);
    return db.transaction(async (tx) => {
      const before = await tx.execute(sql`SELECT current_setting('enable_seqscan') AS "seq", current_setting('jit') AS "jit",
        set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
      const result = await tx.execute(statement);
      const prev = before.rows[0] ?? {};
      await tx.execute(sql`SELECT set_config('enable_seqscan', ${String(prev.seq ?? 'on')}, true), set_config('jit', ${String(prev.jit ?? 'on')}, true)`);
      return result;
    });
  }
}
