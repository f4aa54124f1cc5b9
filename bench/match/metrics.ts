import type { Metric, Qrels } from './data.js';

/** One metric of one ranked list (ids best first) against graded judgments. */
export function metric(name: Metric, ranked: readonly string[], rel: ReadonlyMap<string, number>): number {
  switch (name) {
    case 'P@10':
      return ranked.slice(0, 10).filter((id) => (rel.get(id) ?? 0) > 0).length / 10;
    case 'MRR@10': {
      const i = ranked.slice(0, 10).findIndex((id) => (rel.get(id) ?? 0) > 0);
      return i < 0 ? 0 : 1 / (i + 1);
    }
    case 'Recall@1':
    case 'Recall@10':
    case 'Recall@100': {
      const k = Number(name.split('@')[1]);
      const total = [...rel.values()].filter((g) => g > 0).length;
      if (total === 0) return 0;
      return ranked.slice(0, k).filter((id) => (rel.get(id) ?? 0) > 0).length / total;
    }
    case 'nDCG@10': {
      // Linear gain, as trec_eval's ndcg_cut (what BEIR reports): g / log2(i + 2).
      const gain = (g: number) => g;
      const dcg = ranked.slice(0, 10).reduce((s, id, i) => s + gain(rel.get(id) ?? 0) / Math.log2(i + 2), 0);
      const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
      return ideal > 0 ? dcg / ideal : 0;
    }
  }
}

/** Mean of each metric over the queries that have judgments. */
export function evaluate(metrics: readonly Metric[], runs: ReadonlyMap<string, readonly string[]>, qrels: Qrels): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics) {
    let sum = 0;
    let n = 0;
    for (const [qid, ranked] of runs) {
      const rel = qrels.get(qid);
      if (!rel || rel.size === 0) continue;
      sum += metric(m, ranked, rel);
      n += 1;
    }
    out[m] = n ? sum / n : 0;
  }
  return out;
}

export { percentile } from '../report.js';
