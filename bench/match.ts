/**
 * `npm run bench:match`: matching quality and latency on real third-party
 * records (/work/shared/data, benchmark only: loaded into a throwaway
 * database, never copied anywhere; the report holds only figures).
 *
 * Every task of the data README with its protocol, three systems on the same
 * records and tokens (see bench/match/systems.ts), then an ablation of the
 * engine's signals and match latency at 10k / 100k achievements.
 *
 * Env: BENCH_TASKS (comma list of demand,similar,csl,csl-hard,chinaxiv,cranfield),
 * BENCH_QUERY_LIMIT (cap per task, every k-th query; default all),
 * BENCH_QUERY_CAPS (per-task caps, default similar=500,csl-hard=1000,chinaxiv=1000 so a
 *   run fits in half an hour on two shared cores; `similar=0,csl-hard=0,chinaxiv=0` runs every query),
 * BENCH_ABLATION_TASKS (default demand,similar,csl,cranfield),
 * BENCH_ABLATION_QUERIES (default 150; 0 skips the ablation),
 * BENCH_SCALE (comma list of corpus sizes, default none: see bench:match-latency),
 * BENCH_MATCH_CONFIG (a config file to try instead of config/matching.json),
 * BENCH_SPLIT (dev | test | all, default all: which half of each task's queries; tune on dev, report test),
 * BENCH_DATABASE_URL (else an embedded PostgreSQL in a temp dir), BENCH_DATA_DIR.
 */
import { loadMatchConfig, Synonyms, type MatchConfig } from '../server/modules/matching/engine/index.js';
import { segmenter } from '../server/modules/search/index.js';
import { table, writeReport } from './report.js';
import { loadChinaxiv, loadCranfield, loadCsl, loadZhibei, type BenchQuery, type Corpus, type Task } from './match/data.js';
import { loadCorpus, startDb } from './match/db.js';
import { evaluate, percentile } from './match/metrics.js';
import { runScale } from './match/scale.js';
import { bm25System, engineCorpus, engineSystem, tsRankCdSystem, type EngineCorpus, type SearchFn } from './match/systems.js';
import { tokenizeCorpus, type FieldTokens } from './match/tokens.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const wanted = new Set((process.env.BENCH_TASKS ?? 'demand,similar,csl,csl-hard,chinaxiv,cranfield').split(',').map((s) => s.trim()));
const QUERY_LIMIT = Number(process.env.BENCH_QUERY_LIMIT ?? 0);
const CAPS = new Map(
  (process.env.BENCH_QUERY_CAPS ?? 'similar=500,csl-hard=1000,chinaxiv=1000')
    .split(',')
    .filter((s) => s.includes('='))
    .map((s) => s.split('=').map((x) => x.trim()) as [string, string])
    .map(([k, v]) => [k, Number(v)] as const),
);
const TASK_KEY: Record<string, string> = {
  'zhibei demand→achievement': 'demand',
  'zhibei achievement→similar': 'similar',
  'CSL title→abstract': 'csl',
  'CSL title→abstract + distractors': 'csl-hard',
  'ChinaXiv title→abstract': 'chinaxiv',
  'Cranfield (en)': 'cranfield',
};
const capFor = (task: Task) => {
  const cap = CAPS.get(TASK_KEY[task.name] ?? '');
  const limits = [QUERY_LIMIT, cap ?? 0].filter((x) => x > 0);
  return limits.length ? Math.min(...limits) : 0;
};
/** For tuning runs only: the report needs all three (BENCH_SYSTEMS=bm25,chengguo skips the slow baseline). */
const ONLY_SYSTEMS = new Set((process.env.BENCH_SYSTEMS ?? 'ts_rank_cd,bm25,chengguo').split(','));
const ABLATION_QUERIES = Number(process.env.BENCH_ABLATION_QUERIES ?? 150);
/** Tuning runs: only the variants whose names contain one of these (comma list). */
const ONLY_VARIANTS = process.env.BENCH_ABLATION_VARIANTS?.split(',');
const ABLATION_TASKS = new Set((process.env.BENCH_ABLATION_TASKS ?? 'demand,similar,csl,cranfield').split(','));
/** Latency at volume has its own bench (bench:match-latency, a reusable database up to 1M records); this quick in-run variant is off unless asked for. */
const SCALE = (process.env.BENCH_SCALE ?? '').split(',').filter(Boolean).map(Number);

/**
 * Held-out split of the queries: `dev` to tune on, `test` to report on, `all`.
 * CSL has its own dev/test split; every other task's queries are split in two
 * halves by a hash of the query id (FNV-1a, stable across runs and machines).
 * The records ranked are always the whole corpus.
 */
const SPLIT = (process.env.BENCH_SPLIT ?? 'all') as 'dev' | 'test' | 'all';
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
export function splitOf(qid: string): 'dev' | 'test' {
  const own = /^csl-(dev|test)-/.exec(qid);
  if (own) return own[1] as 'dev' | 'test';
  return fnv1a(qid) % 2 === 0 ? 'dev' : 'test';
}
const inSplit = (q: BenchQuery) => SPLIT === 'all' || splitOf(q.qid) === SPLIT;

/** Every k-th query, so a capped run keeps the task's mix. */
function sample(qs: BenchQuery[], limit: number): BenchQuery[] {
  if (!limit || qs.length <= limit) return qs;
  const step = qs.length / limit;
  return Array.from({ length: limit }, (_, i) => qs[Math.floor(i * step)]!);
}

async function run(fn: SearchFn, queries: BenchQuery[]): Promise<{ runs: Map<string, string[]>; ms: number[] }> {
  const runs = new Map<string, string[]>();
  const ms: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    runs.set(q.qid, await fn(q));
    ms.push(performance.now() - t0);
  }
  return { runs, ms };
}

type Variant = { name: string; config: MatchConfig; useFacets: boolean; rerank: boolean; synonyms: Synonyms };

function variants(base: MatchConfig, synonyms: Synonyms): Variant[] {
  const clone = (f: (c: MatchConfig) => void): MatchConfig => {
    const c = structuredClone(base);
    f(c);
    return c;
  };
  const v = (name: string, config: MatchConfig, extra: Partial<Variant> = {}): Variant => ({ name, config, useFacets: true, rerank: true, synonyms, ...extra });
  return [
    v('full engine', base),
    v('− facet agreement', base, { useFacets: false }),
    v('− synonyms', clone((c) => (c.query.synonymWeight = 0))),
    v('+ jieba TF-IDF keyword boost 0.5', clone((c) => (c.query.keywordBoost = 0.5))),
    v('− proximity of word pairs', clone((c) => (c.proximity.weight = 0))),
    v('− selective candidate list', clone((c) => (c.retrieval.selectiveLimit = 0))),
    v('− query title weight', clone((c) => (c.query.titleWeight = 1))),
    v('− field weights (all 1)', clone((c) => (c.bm25.fieldWeights = { title: 1, keywords: 1, body: 1, indicators: 1 }))),
    v('− trigram candidates', clone((c) => (c.retrieval.trigramLimit = 0))),
    v('− re-ranking (SQL candidates only)', base, { rerank: false }),
  ];
}

async function main() {
  const started = performance.now();
  segmenter();
  const config = loadMatchConfig(process.env.BENCH_MATCH_CONFIG); // another file for tuning runs
  const synonyms = Synonyms.load();
  log(`synonym lexemes: ${synonyms.size}`);

  const corpora = new Map<string, Corpus>();
  const tasks: Task[] = [];
  const zhibei = loadZhibei();
  if (wanted.has('demand') || wanted.has('similar') || wanted.has('csl-hard')) corpora.set('zhibei', zhibei.corpus);
  if (wanted.has('demand')) tasks.push(zhibei.demandTask);
  if (wanted.has('similar')) tasks.push(zhibei.similarTask);
  const csl = loadCsl();
  const chinaxiv = wanted.has('chinaxiv') || wanted.has('csl-hard') ? loadChinaxiv() : null;
  if (wanted.has('csl')) {
    corpora.set('csl', csl.corpus);
    tasks.push(csl.task);
  }
  if (wanted.has('csl-hard') && chinaxiv) {
    // Harder variant: the same queries over CSL + ChinaXiv + zhibei abstracts.
    const hard: Corpus = { name: 'csl_hard', docs: [...csl.corpus.docs, ...chinaxiv.corpus.docs, ...zhibei.abstracts] };
    corpora.set('csl_hard', hard);
    tasks.push({ ...csl.task, name: 'CSL title→abstract + distractors', corpus: 'csl_hard', relevance: 'known item among CSL + ChinaXiv + zhibei abstracts' });
  }
  if (wanted.has('chinaxiv') && chinaxiv) {
    corpora.set('chinaxiv', chinaxiv.corpus);
    tasks.push(chinaxiv.task);
  }
  if (wanted.has('cranfield')) {
    const c = loadCranfield();
    corpora.set('cranfield', c.corpus);
    tasks.push(c.task);
  }

  const db = await startDb(log);
  try {
    const tokens = new Map<string, FieldTokens>();
    const engines = new Map<string, EngineCorpus>();
    for (const corpus of corpora.values()) {
      const t0 = performance.now();
      tokenizeCorpus(corpus.docs, tokens);
      await loadCorpus(db.pool, corpus, tokens);
      engines.set(corpus.name, engineCorpus(db.db, corpus, tokens));
      log(`loaded ${corpus.name}: ${corpus.docs.length} records in ${Math.round(performance.now() - t0)} ms`);
    }

    const quality: Record<string, unknown>[] = [];
    const latency: Record<string, unknown>[] = [];
    const qualityRows: (string | number)[][] = [];
    const latencyRows: (string | number)[][] = [];
    const allMs: Record<string, number[]> = { ts_rank_cd: [], bm25: [], chengguo: [] };
    for (const task of tasks) {
      const corpus = corpora.get(task.corpus)!;
      const queries = sample(task.queries.filter(inSplit), capFor(task));
      const systems: [string, SearchFn][] = [
        ['ts_rank_cd', tsRankCdSystem(db.pool, corpus.name)],
        ['bm25', bm25System(corpus, tokens)],
        ['chengguo', engineSystem(task, engines.get(corpus.name)!, { config, synonyms, useFacets: true, rerank: true })],
      ];
      const scores: Record<string, Record<string, number>> = {};
      for (const [name, fn] of systems.filter(([n]) => ONLY_SYSTEMS.has(n))) {
        const t0 = performance.now();
        const { runs, ms } = await run(fn, queries);
        scores[name] = evaluate(task.metrics, runs, task.qrels);
        allMs[name]!.push(...ms);
        const p50 = percentile(ms, 50);
        const p95 = percentile(ms, 95);
        latency.push({ task: task.name, system: name, queries: queries.length, p50Ms: p50, p95Ms: p95 });
        latencyRows.push([task.name, name, queries.length, p50.toFixed(1), p95.toFixed(1)]);
        log(`${task.name} / ${name}: ${JSON.stringify(scores[name])} (${Math.round(performance.now() - t0)} ms)`);
      }
      for (const m of task.metrics) {
        const [a, b, c] = [scores.ts_rank_cd?.[m] ?? NaN, scores.bm25?.[m] ?? NaN, scores.chengguo?.[m] ?? NaN];
        quality.push({ task: task.name, metric: m, split: SPLIT, queries: queries.length, queriesInTask: task.queries.length, corpus: corpus.docs.length, relevance: task.relevance, ts_rank_cd: a, bm25: b, chengguo: c, beatsBoth: c > a && c > b });
        qualityRows.push([task.name, m, `${queries.length}/${task.queries.filter(inSplit).length}`, a.toFixed(4), b.toFixed(4), c.toFixed(4), c > a && c > b ? 'yes' : 'NO']);
      }
    }
    for (const [name, ms] of Object.entries(allMs)) latencyRows.push(['all tasks', name, ms.length, percentile(ms, 50).toFixed(1), percentile(ms, 95).toFixed(1)]);

    console.log('\nQuality (same records, same jieba tokens)\n');
    console.log(table(['task', 'metric', 'queries', 'ts_rank_cd', 'bm25', 'chengguo', 'beats both'], qualityRows));
    console.log('\nQuery latency (ms, one query at a time, includes tokenising the query)\n');
    console.log(table(['task', 'system', 'queries', 'p50', 'p95'], latencyRows));

    const ablation: Record<string, unknown>[] = [];
    if (ABLATION_QUERIES > 0) {
      const rows: (string | number)[][] = [];
      for (const task of tasks.filter((t) => ABLATION_TASKS.has(TASK_KEY[t.name] ?? ''))) {
        const corpus = corpora.get(task.corpus)!;
        const queries = sample(task.queries.filter(inSplit), ABLATION_QUERIES);
        for (const v of variants(config, synonyms).filter((x) => !ONLY_VARIANTS || ONLY_VARIANTS.some((w) => x.name.includes(w)))) {
          const { runs } = await run(engineSystem(task, engines.get(corpus.name)!, v), queries);
          const s = evaluate(task.metrics, runs, task.qrels);
          const m = task.metrics[0]!;
          ablation.push({ task: task.name, variant: v.name, queries: queries.length, ...s });
          rows.push([task.name, v.name, queries.length, ...task.metrics.map((k) => `${k} ${s[k]!.toFixed(4)}`)]);
          log(`ablation ${task.name} / ${v.name}: ${m} ${s[m]!.toFixed(4)}`);
        }
      }
      console.log(`\nAblation (engine variants, up to ${ABLATION_QUERIES} queries per task)\n`);
      console.log(table(['task', 'variant', 'queries', 'metrics'], rows.map((r) => [r[0]!, r[1]!, r[2]!, r.slice(3).join('  ')])));
    }

    const scale = SCALE.length && corpora.has('zhibei') ? await runScale(db, zhibei, tokens, config, synonyms, SCALE, log) : [];
    if (scale.length) {
      console.log('\nMatch latency at volume (zhibei achievements repeated under new ids; 100 demand queries)\n');
      console.log(table(['achievements', 'system', 'p50 ms', 'p95 ms'], scale.map((s) => [s.size, s.system, s.p50Ms.toFixed(1), s.p95Ms.toFixed(1)])));
    }

    const file = writeReport('match', {
      sources: 'zhibei (sbx0/Zhibei be2ef89), CSL (ydli-ai/CSL 0f1ac06), ChinaXiv (DreamBlooms/ChinaXiv-201601-to-202209 b13a740, CC BY 4.0), Cranfield (fbergh/IR_Project 1249c3f)',
      config,
      quality,
      latency,
      ablation,
      scale,
      seconds: Math.round((performance.now() - started) / 1000),
    });
    console.log(`\nwritten ${file}`);
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
