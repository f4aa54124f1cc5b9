import { sql, type SQL } from 'drizzle-orm';
import { buildTsquery, rank as tsRank } from '../../search/index.js';
import type { MatchConfig } from './config.js';
import type { CorpusStats } from './corpus-stats.js';
import { FIELDS, type Field, type FieldTerms, type MatchDoc, type Query } from './types.js';

/** Where candidates come from: anything that can turn a query into a few hundred plausible records. */
export interface CandidateSource {
  candidates(query: Query, opts?: { limit?: number }): Promise<MatchDoc[]>;
}

/** Something that runs SQL: a drizzle database or transaction. */
export type SqlExecutor = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }> };

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

const WEIGHT_FIELD: Record<string, Field> = { A: 'title', B: 'keywords', C: 'body', D: 'indicators' };

/**
 * Field term frequencies from a tsvector's text output (`'lexeme':1A,7C 'x':3`):
 * the weight letter says the field (no letter = D), each position is one
 * occurrence. Saves tokenising candidates again; PostgreSQL keeps at most 256
 * positions per lexeme, which caps tf where it no longer matters.
 */
export function termsFromTsvector(text: string): FieldTerms {
  const tf = Object.fromEntries(FIELDS.map((f) => [f, new Map<string, number>()])) as Record<Field, Map<string, number>>;
  const len = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const pos = new Map<string, number[]>();
  const re = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lexeme = m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    const positions = m[2] ? m[2].split(',') : ['0D'];
    const at = positions.map((p) => parseInt(p, 10)).filter((n) => n > 0);
    if (at.length) pos.set(lexeme, at);
    for (const p of positions) {
      const letter = /[A-D]$/.test(p) ? p.slice(-1) : 'D';
      const field = WEIGHT_FIELD[letter]!;
      tf[field].set(lexeme, (tf[field].get(lexeme) ?? 0) + 1);
      len[field] += 1;
    }
  }
  return { tf, len, pos };
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

/**
 * Candidates from PostgreSQL: the records whose vector matches ANY of the
 * query's strongest words (GIN index), the best `limit` by ts_rank; the best
 * `selectiveLimit` matching any of its rarer words (see selectiveTerms); the
 * records whose title is most similar to the query's title (pg_trgm), which
 * catches titles the segmenter cut differently. Works on any table with a
 * search-library tsvector column; the catalog plugs in with a TableSpec.
 */
export class PgCandidateSource implements CandidateSource {
  constructor(
    private readonly db: SqlExecutor,
    private readonly spec: TableSpec,
    private readonly config: MatchConfig,
    /** The table's corpus statistics, for the selective candidate list (see selectiveTerms). */
    private readonly stats?: CorpusStats,
  ) {}

  async candidates(query: Query, opts: { limit?: number } = {}): Promise<MatchDoc[]> {
    const { spec, config } = this;
    const id = ident(spec.idColumn ?? 'id');
    const vec = ident(spec.vectorColumn ?? 'search_vector');
    const cols = sql.join([id, ...spec.columns.map(ident), sql`${vec}::text AS "__vector"`], sql`, `);
    const where = spec.where ?? sql`TRUE`;
    const limit = opts.limit ?? config.retrieval.limit;
    const parts: SQL[] = [];

    const lists: [string[], number][] = [
      [retrievalTerms(query, config), limit],
      [selectiveTerms(query, config, this.stats), config.retrieval.selectiveLimit],
    ];
    for (const [terms, n] of lists) {
      const tsq = n > 0 ? buildTsquery(terms, 'or') : null;
      if (!tsq) continue;
      parts.push(sql`(SELECT ${cols} FROM ${ident(spec.table)}
        WHERE ${where} AND ${vec} @@ ${tsq}
        ORDER BY ${tsRank(vec, tsq)} DESC, ${id} LIMIT ${n})`);
    }
    const title = query.title?.trim();
    if (spec.titleColumn && title && config.retrieval.trigramLimit > 0) {
      const t = ident(spec.titleColumn);
      parts.push(sql`(SELECT ${cols} FROM ${ident(spec.table)}
        WHERE ${where} AND ${t} % ${title} AND similarity(${t}, ${title}) >= ${config.retrieval.trigramThreshold}
        ORDER BY similarity(${t}, ${title}) DESC, ${id} LIMIT ${config.retrieval.trigramLimit})`);
    }
    if (parts.length === 0) return [];
    const { rows } = await this.db.execute(sql.join(parts, sql` UNION ALL `));
    const out = new Map<string, MatchDoc>();
    for (const row of rows) {
      const doc = spec.toDoc(row);
      if (out.has(doc.id)) continue;
      out.set(doc.id, { ...doc, terms: termsFromTsvector(String(row.__vector ?? '')) });
    }
    return [...out.values()];
  }
}
