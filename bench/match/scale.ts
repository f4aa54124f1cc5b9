/**
 * Match latency at volume: the zhibei achievements repeated under new ids
 * (`zb-a-00001#3`) until the table holds N records. Repeated text makes
 * document frequencies N/2812 times larger and posting lists longer, which is
 * what costs; the figures are latency only, not quality.
 */
import { CorpusStats, type MatchConfig, type Synonyms } from '../../server/modules/matching/engine/index.js';
import type { Corpus, Task } from './data.js';
import { loadCorpus, type BenchDb } from './db.js';
import { percentile } from './metrics.js';
import { engineCorpus, engineSystem, tsRankCdSystem, type SearchFn } from './systems.js';
import { fieldTerms, type FieldTokens } from './tokens.js';

export type ScaleRow = { size: number; system: string; p50Ms: number; p95Ms: number };

export async function runScale(
  db: BenchDb,
  zhibei: { corpus: Corpus; demandTask: Task },
  tokens: ReadonlyMap<string, FieldTokens>,
  config: MatchConfig,
  synonyms: Synonyms,
  sizes: readonly number[],
  log: (m: string) => void,
): Promise<ScaleRow[]> {
  const out: ScaleRow[] = [];
  const base = zhibei.corpus;
  const queries = zhibei.demandTask.queries.filter((_, i) => i % Math.ceil(zhibei.demandTask.queries.length / 100) === 0);
  for (const size of sizes) {
    const copies = Math.ceil(size / base.docs.length);
    const suffixes = Array.from({ length: copies }, (_, i) => (i === 0 ? '' : `#${i}`));
    const corpus: Corpus = { name: `zhibei_x${copies}`, docs: base.docs };
    const t0 = performance.now();
    await loadCorpus(db.pool, corpus, tokens, suffixes);
    const stats = new CorpusStats();
    for (let i = 0; i < copies; i++) for (const d of base.docs) stats.add(fieldTerms(tokens.get(d.id)!));
    log(`scale ${copies * base.docs.length}: loaded in ${Math.round(performance.now() - t0)} ms`);
    const systems: [string, SearchFn][] = [
      ['ts_rank_cd', tsRankCdSystem(db.pool, corpus.name)],
      ['chengguo', engineSystem(zhibei.demandTask, engineCorpus(db.db, corpus, tokens, stats), { config, synonyms, useFacets: true, rerank: true })],
    ];
    for (const [name, fn] of systems) {
      const ms: number[] = [];
      for (const q of queries) {
        const t = performance.now();
        await fn(q);
        ms.push(performance.now() - t);
      }
      out.push({ size: copies * base.docs.length, system: name, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) });
    }
    await db.pool.query(`DROP TABLE bench_${corpus.name}`);
  }
  return out;
}
