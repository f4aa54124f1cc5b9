/**
 * Tuning aid for the matching engine (dev half only; never for choosing settings on test):
 * `npx tsx bench/match-diagnose.ts`. For each known-item task, lists the queries where
 * plain BM25 has the known item in its top 10 and the engine does not (and the reverse),
 * with the item's rank in each, whether the engine's candidate stage retrieved it, and
 * its rank under the engine's text score alone; then Recall@10 / MRR@10 hits for each
 * configuration given.
 *
 * Env: DIAG_TASKS (csl,csl-hard,chinaxiv,cranfield; default csl,csl-hard), DIAG_SPLIT (dev; the
 * test half is for reporting, not for this), DIAG_CONFIGS (comma list of config files to
 * compare; default config/matching.json), DIAG_LIMIT (queries per task, every k-th; 0 = all),
 * DIAG_VERBOSE (1: print every lost / won query, and those neither has in its top 10).
 */
import { bm25f, buildQuery, pairIdfsFrom, loadMatchConfig, termsOf, type MatchDoc, type Query, PgCandidateSource, rank, Synonyms, type MatchConfig } from '../server/modules/matching/engine/index.js';
import { segmenter } from '../server/modules/search/index.js';
import { loadChinaxiv, loadCranfield, loadCsl, loadZhibei, type BenchQuery, type Corpus, type Task } from './match/data.js';
import { loadCorpus, startDb } from './match/db.js';
import { evaluate } from './match/metrics.js';
import { BENCH_NOW, bm25System, engineCorpus, type EngineCorpus } from './match/systems.js';
import { tokenizeCorpus, type FieldTokens } from './match/tokens.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const TASKS = new Set((process.env.DIAG_TASKS ?? 'csl,csl-hard').split(','));
const SPLIT = process.env.DIAG_SPLIT ?? 'dev';
if (SPLIT === 'test') throw new Error('match-diagnose is for the dev half: settings are never chosen on test');
const CONFIGS = (process.env.DIAG_CONFIGS ?? '').split(',').filter(Boolean);
const LIMIT = Number(process.env.DIAG_LIMIT ?? 0);
const VERBOSE = process.env.DIAG_VERBOSE === '1';
/** Query ids to take apart: the item's and the engine's top records' unigram and proximity scores. */
const DETAIL = new Set((process.env.DIAG_QIDS ?? '').split(',').filter(Boolean));

function detail(q: BenchQuery, query: Query, cands: MatchDoc[], ec: EngineCorpus, config: MatchConfig, bm: string[], task: Task) {
  const noProx = structuredClone(config);
  noProx.proximity.weight = 0;
  const item = [...(task.qrels.get(q.qid) ?? [])].find(([, g]) => g > 0)?.[0];
  // As rank() does: pair idfs (proximity.pairIdf 'pair') estimated from the distinct candidates.
  const pairIdfs = pairIdfsFrom(query.pairs, [...new Map(cands.map((d) => [d.id, d])).values()].map((d) => termsOf(d)), ec.stats, config);
  const rows = cands.map((d) => {
    const full = bm25f(query.terms, termsOf(d), ec.stats, config, query.pairs, pairIdfs).score;
    const uni = bm25f(query.terms, termsOf(d), ec.stats, noProx, query.pairs);
    return { id: d.id, full, uni: uni.score, terms: [...uni.perTerm.keys()].join(' ') };
  });
  rows.sort((a, b) => b.full - a.full);
  const byUni = [...rows].sort((a, b) => b.uni - a.uni).map((r) => r.id);
  console.log(`  DETAIL ${q.qid} ${q.title}`);
  console.log(`    terms: ${query.terms.map((t) => `${t.term}(${t.weight.toFixed(2)}·idf ${ec.stats.idf(t.term).toFixed(2)}${t.source === 'synonym' ? ' syn' : ''})`).join(' ')}`);
  console.log(`    pairs: ${query.pairs.map((p) => p.join('+')).join(' ')}`);
  rows.forEach((r, i) => {
    if (i < 15 || r.id === item) console.log(`    ${r.id === item ? '*' : ' '}#${i + 1} uni#${byUni.indexOf(r.id) + 1} bm25#${bm.indexOf(r.id) + 1} full ${r.full.toFixed(2)} uni ${r.uni.toFixed(2)} prox ${(r.full - r.uni).toFixed(2)} [${r.terms}]`);
  });
}

/** The bench's split (bench/match.ts splitOf): CSL's own, else FNV-1a of the query id, even = dev. */
function splitOf(qid: string): 'dev' | 'test' {
  const own = /^csl-(dev|test)-/.exec(qid);
  if (own) return own[1] as 'dev' | 'test';
  let h = 0x811c9dc5;
  for (let i = 0; i < qid.length; i++) h = Math.imul(h ^ qid.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2 === 0 ? 'dev' : 'test';
}

function sample(qs: BenchQuery[], limit: number): BenchQuery[] {
  if (!limit || qs.length <= limit) return qs;
  const step = qs.length / limit;
  return Array.from({ length: limit }, (_, i) => qs[Math.floor(i * step)]!);
}

async function main() {
  segmenter();
  const synonyms = Synonyms.load();
  const configs: [string, MatchConfig][] = CONFIGS.length ? CONFIGS.map((f) => [f, loadMatchConfig(f)]) : [['config/matching.json', loadMatchConfig()]];
  const corpora = new Map<string, Corpus>();
  const tasks: Task[] = [];
  const csl = loadCsl();
  if (TASKS.has('csl')) {
    corpora.set('csl', csl.corpus);
    tasks.push(csl.task);
  }
  if (TASKS.has('csl-hard') || TASKS.has('chinaxiv')) {
    const chinaxiv = loadChinaxiv();
    if (TASKS.has('csl-hard')) {
      const zhibei = loadZhibei();
      corpora.set('csl_hard', { name: 'csl_hard', docs: [...csl.corpus.docs, ...chinaxiv.corpus.docs, ...zhibei.abstracts] });
      tasks.push({ ...csl.task, name: 'CSL + distractors', corpus: 'csl_hard' });
    }
    if (TASKS.has('chinaxiv')) {
      corpora.set('chinaxiv', chinaxiv.corpus);
      tasks.push(chinaxiv.task);
    }
  }
  if (TASKS.has('cranfield')) {
    const c = loadCranfield();
    corpora.set('cranfield', c.corpus);
    tasks.push(c.task);
  }
  const db = await startDb(log);
  try {
    const tokens = new Map<string, FieldTokens>();
    const engines = new Map<string, EngineCorpus>();
    for (const corpus of corpora.values()) {
      tokenizeCorpus(corpus.docs, tokens);
      await loadCorpus(db.pool, corpus, tokens);
      engines.set(corpus.name, engineCorpus(db.db, corpus, tokens));
      log(`loaded ${corpus.name}: ${corpus.docs.length}`);
    }
    for (const task of tasks) {
      const ec = engines.get(task.corpus)!;
      const queries = sample(task.queries.filter((q) => splitOf(q.qid) === SPLIT), LIMIT);
      const bm25 = bm25System(corpora.get(task.corpus)!, tokens);
      const bmRuns = new Map<string, string[]>();
      for (const q of queries) bmRuns.set(q.qid, await bm25(q));
      const hits = (runs: Map<string, string[]>, k: number) =>
        [...runs].filter(([qid, r]) => r.slice(0, k).some((id) => (task.qrels.get(qid)?.get(id) ?? 0) > 0)).length;
      console.log(`\n== ${task.name} (${SPLIT}, ${queries.length} queries)`);
      console.log(`bm25: R@10 ${hits(bmRuns, 10)}  R@1 ${hits(bmRuns, 1)}  ${JSON.stringify(evaluate(task.metrics, bmRuns, task.qrels))}`);
      for (const [name, config] of configs) {
        const source = new PgCandidateSource(ec.db, ec.spec, config, ec.stats);
        const runs = new Map<string, string[]>();
        const lost: string[] = [];
        const won: string[] = [];
        const missed: string[] = [];
        let notCand = 0;
        for (const q of queries) {
          const query = buildQuery({ direction: task.direction, source: { text: q.text, ...(q.title ? { title: q.title } : {}) }, facets: q.facets ?? {}, now: BENCH_NOW }, { stats: ec.stats, config, synonyms });
          if (q.selfId) query.selfId = q.selfId;
          const cands = await source.candidates(query);
          if (DETAIL.has(q.qid)) detail(q, query, cands, ec, config, bmRuns.get(q.qid)!, task);
          const ranked = rank(query, cands, ec.stats, config, { limit: 1000 }).map((m) => m.id);
          runs.set(q.qid, ranked.slice(0, 100));
          const rel = task.qrels.get(q.qid);
          const item = rel ? [...rel].find(([, g]) => g > 0)?.[0] : undefined;
          if (!item) continue;
          if (!cands.some((c) => c.id === item)) notCand += 1;
          const er = ranked.indexOf(item);
          const br = bmRuns.get(q.qid)!.indexOf(item);
          const lostHere = br >= 0 && br < 10 && !(er >= 0 && er < 10);
          const wonHere = er >= 0 && er < 10 && !(br >= 0 && br < 10);
          const inCands = cands.some((c) => c.id === item);
          if (!(er >= 0 && er < 10) && !(br >= 0 && br < 10)) missed.push(`${q.qid} bm25#${br + 1} engine#${er + 1} candidate:${inCands} title:${(q.title ?? '').slice(0, 60)}`);
          if (!lostHere && !wonHere) continue;
          const line = `${q.qid} bm25#${br + 1} engine#${er + 1} candidate:${inCands} cands:${cands.length} terms:${query.terms.length} title:${(q.title ?? '').slice(0, 60)}`;
          (lostHere ? lost : won).push(line);
        }
        console.log(`${name}: R@10 ${hits(runs, 10)}  R@1 ${hits(runs, 1)}  ${JSON.stringify(evaluate(task.metrics, runs, task.qrels))}  lost ${lost.length} won ${won.length} item-not-a-candidate ${notCand}`);
        if (VERBOSE) for (const l of lost) console.log(`  LOST ${l}`);
        if (VERBOSE) for (const l of won) console.log(`  WON  ${l}`);
        if (VERBOSE) for (const l of missed) console.log(`  MISS ${l}`);
      }
    }
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
