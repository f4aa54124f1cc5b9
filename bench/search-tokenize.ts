/**
 * `npm run bench:tokenize`: how fast the Chinese search library turns text
 * into lexemes, and how long building the Segmenter (jieba's default
 * dictionary + config/dictionary) takes.
 *
 * Input: the abstracts in /work/shared/data/zhibei/achievements.jsonl (or
 * BENCH_TOKENIZE_FILE), third-party data read for measurement only: nothing
 * from it is written anywhere, the report holds only counts and timings.
 *
 * Env: BENCH_RUNS (default 5), BENCH_TOKENIZE_FILE.
 */
import { readFileSync } from 'node:fs';
import { snippet } from '../server/modules/search/highlight.js';
import { Segmenter } from '../server/modules/search/tokenizer.js';
import { tsvectorText } from '../server/modules/search/tsvector.js';
import { median, table, writeReport } from './report.js';

const FILE = process.env.BENCH_TOKENIZE_FILE ?? '/work/shared/data/zhibei/achievements.jsonl';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

type Row = { title?: unknown; abstract?: unknown };

function loadTexts(): { titles: string[]; abstracts: string[] } {
  const titles: string[] = [];
  const abstracts: string[] = [];
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Row;
    if (typeof row.title === 'string') titles.push(row.title);
    if (typeof row.abstract === 'string' && row.abstract.trim()) abstracts.push(row.abstract);
  }
  return { titles, abstracts };
}

/** Median wall time (ms) of `runs` passes of `fn` over all texts, after one warm-up pass. */
function time(texts: string[], fn: (t: string) => unknown): number {
  for (const t of texts) fn(t);
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (const t of texts) fn(t);
    ms.push(performance.now() - start);
  }
  return median(ms);
}

function main() {
  const coldStart = performance.now();
  const seg = Segmenter.build();
  const coldMs = performance.now() - coldStart;
  const rebuilds: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    Segmenter.build(['黄羊镇', '清源镇', '凉州区科技局']);
    rebuilds.push(performance.now() - start);
  }
  const rebuildMs = median(rebuilds);

  const { titles, abstracts } = loadTexts();
  const bytes = abstracts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const chars = abstracts.reduce((n, t) => n + t.length, 0);
  let tokenCount = 0;
  for (const t of abstracts) tokenCount += seg.tokensForIndex(t).length;
  const queryTokens = titles.map((t) => seg.tokensForQuery(t));

  const cases: { name: string; texts: string[]; fn: (t: string) => unknown }[] = [
    { name: 'tokensForIndex (abstracts)', texts: abstracts, fn: (t) => seg.tokensForIndex(t) },
    { name: 'tsvector text (abstracts)', texts: abstracts, fn: (t) => tsvectorText({ C: seg.tokensForIndex(t) }) },
    { name: 'tokensForQuery (abstracts)', texts: abstracts, fn: (t) => seg.tokensForQuery(t) },
    { name: 'keywords top 10 (abstracts)', texts: abstracts, fn: (t) => seg.keywords(t, 10) },
  ];
  const results = cases.map(({ name, texts, fn }) => {
    const ms = time(texts, fn);
    return { name, texts: texts.length, ms: Math.round(ms), textsPerSecond: Math.round((texts.length / ms) * 1000), mbPerSecond: Number((bytes / 2 ** 20 / (ms / 1000)).toFixed(2)) };
  });
  let i = 0;
  const snippetMs = time(abstracts, (t) => snippet(t, queryTokens[i++ % queryTokens.length] ?? []));
  results.push({ name: 'snippet 80 chars (abstracts)', texts: abstracts.length, ms: Math.round(snippetMs), textsPerSecond: Math.round((abstracts.length / snippetMs) * 1000), mbPerSecond: Number((bytes / 2 ** 20 / (snippetMs / 1000)).toFixed(2)) });

  console.log(`\nCorpus: ${abstracts.length} abstracts, ${(bytes / 2 ** 20).toFixed(2)} MiB UTF-8, ${chars} UTF-16 units, ${tokenCount} index tokens (median of ${RUNS} passes)\n`);
  console.log(table(['operation', 'texts', 'ms', 'texts/s', 'MiB/s'], results.map((r) => [r.name, r.texts, r.ms, r.textsPerSecond, r.mbPerSecond])));
  console.log('\nSegmenter build (jieba default dict + project dictionary)\n');
  console.log(table(['build', 'ms'], [['first in process (reads dictionaries)', coldMs.toFixed(0)], ['rebuild with 3 admin words (median)', rebuildMs.toFixed(0)]]));
  const file = writeReport('search-tokenize', {
    corpus: { texts: abstracts.length, bytes, chars, indexTokens: tokenCount },
    runs: RUNS,
    results,
    segmenterBuildMs: { cold: Math.round(coldMs), rebuildMedian: Math.round(rebuildMs) },
    dictionaryVersion: seg.version,
  });
  console.log(`\nwrote ${file}`);
}

main();
