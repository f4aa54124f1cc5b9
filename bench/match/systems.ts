/**
 * The three systems scored on the same records and the same tokens:
 * (a) PostgreSQL ts_rank_cd over the jieba tsvector, queried the way the search
 *     library queries (OR of the query's terms, keywords() for long texts);
 * (b) plain Okapi BM25 (k1 1.2, b 0.75) over the same tokens, one field, no other signal;
 * (c) Chengguo: PostgreSQL candidates + the engine's re-ranking.
 */
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { keywords, MAX_QUERY_TERMS, queryTerms, segmenter, tsqueryText } from '../../server/modules/search/index.js';
import {
  buildQuery,
  CorpusStats,
  PgCandidateSource,
  rank,
  Synonyms,
  type MatchConfig,
  type SqlExecutor,
  type TableSpec,
  type MatchDoc,
} from '../../server/modules/matching/engine/index.js';
import type { BenchQuery, Corpus, Task } from './data.js';
import { tableName } from './db.js';
import { fieldTerms, type FieldTokens } from './tokens.js';

export const DEPTH = 100;
/** A fixed "now" so freshness (and so every score) is reproducible. */
export const BENCH_NOW = '2021-01-01T00:00:00Z';

export type SearchFn = (q: BenchQuery) => Promise<string[]>;

const fullText = (q: BenchQuery) => [q.title ?? '', q.text].filter(Boolean).join('\n');

// ---- (a) ts_rank_cd ----

export function tsRankCdSystem(pool: pg.Pool, corpus: string): SearchFn {
  const table = tableName(corpus);
  return async (q) => {
    const text = fullText(q);
    const terms = queryTerms(text);
    const tokens = terms.length > MAX_QUERY_TERMS ? keywords(text, MAX_QUERY_TERMS).map((k) => k.keyword) : terms;
    const tsq = tsqueryText(tokens, 'or');
    if (!tsq) return [];
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE search_vector @@ $1::tsquery AND id <> $2
       ORDER BY ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, $1::tsquery, 1) DESC, id LIMIT ${DEPTH}`,
      [tsq, q.selfId ?? ''],
    );
    return rows.map((r) => r.id);
  };
}

// ---- (b) plain BM25 ----

export function bm25System(corpus: Corpus, tokens: ReadonlyMap<string, FieldTokens>, k1 = 1.2, b = 0.75): SearchFn {
  const ids: string[] = [];
  const lens: number[] = [];
  const postings = new Map<string, [number, number][]>();
  for (const d of corpus.docs) {
    const t = tokens.get(d.id)!;
    const all = [...t.title, ...t.keywords, ...t.body, ...t.indicators];
    const idx = ids.length;
    ids.push(d.id);
    lens.push(all.length);
    const tf = new Map<string, number>();
    for (const x of all) tf.set(x, (tf.get(x) ?? 0) + 1);
    for (const [x, n] of tf) {
      let p = postings.get(x);
      if (!p) postings.set(x, (p = []));
      p.push([idx, n]);
    }
  }
  const n = ids.length;
  const avg = lens.reduce((s, x) => s + x, 0) / Math.max(n, 1);
  const seg = segmenter();
  return async (q) => {
    const qtf = new Map<string, number>();
    for (const x of seg.tokensForIndex(fullText(q))) qtf.set(x, (qtf.get(x) ?? 0) + 1);
    const scores = new Float64Array(n);
    for (const [term, c] of qtf) {
      const p = postings.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5));
      for (const [i, tf] of p) scores[i]! += c * idf * ((k1 + 1) * tf) / (tf + k1 * (1 - b + (b * lens[i]!) / avg));
    }
    return topIds(scores, ids, q.selfId);
  };
}

function topIds(scores: Float64Array, ids: readonly string[], selfId?: string): string[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > 0 && ids[i] !== selfId) idx.push(i);
  idx.sort((a, b) => scores[b]! - scores[a]! || (ids[a]! < ids[b]! ? -1 : 1));
  return idx.slice(0, DEPTH).map((i) => ids[i]!);
}

// ---- (c) Chengguo ----

/** What the engine needs per corpus: statistics over every record and the table to retrieve from. */
export type EngineCorpus = { stats: CorpusStats; db: SqlExecutor; spec: TableSpec };

export function engineCorpus(db: NodePgDatabase, corpus: Corpus, tokens: ReadonlyMap<string, FieldTokens>, stats?: CorpusStats): EngineCorpus {
  return {
    stats: stats ?? CorpusStats.from(corpus.docs.map((d) => fieldTerms(tokens.get(d.id)!))),
    db: db as unknown as SqlExecutor,
    spec: {
      table: tableName(corpus.name),
      titleColumn: 'title',
      columns: ['external_id', 'facets'],
      toDoc: (row) => ({ id: String(row.id), externalId: (row.external_id as string | null) ?? null, fields: {}, facets: row.facets as MatchDoc['facets'] }),
    },
  };
}

export type EngineOptions = { config: MatchConfig; synonyms: Synonyms; useFacets: boolean; rerank: boolean };

export function engineSystem(task: Task, ec: EngineCorpus, opts: EngineOptions): SearchFn {
  const source = new PgCandidateSource(ec.db, ec.spec, opts.config, ec.stats);
  return async (q) => {
    const query = buildQuery(
      {
        direction: task.direction,
        source: { text: q.text, ...(q.title ? { title: q.title } : {}) },
        facets: opts.useFacets ? (q.facets ?? {}) : {},
        now: BENCH_NOW,
      },
      { stats: ec.stats, config: opts.config, synonyms: opts.synonyms },
    );
    if (q.selfId) query.selfId = q.selfId;
    const candidates = await source.candidates(query);
    if (!opts.rerank) return candidates.map((c) => c.id).filter((id) => id !== q.selfId).slice(0, DEPTH);
    return rank(query, candidates, ec.stats, opts.config, { limit: DEPTH }).map((m) => m.id);
  };
}
