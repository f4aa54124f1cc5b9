/**
 * The aggregated score of an application: the mean of the experts' totals,
 * with the single highest and single lowest dropped when there are five or
 * more. Null without scores. Rounded to two decimals.
 */
export function aggregateScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  const sorted = [...totals].sort((a, b) => a - b);
  const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return Math.round((kept.reduce((a, b) => a + b, 0) / kept.length) * 100) / 100;
}

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4); unscored last without a rank. */
export function rankByScore<T extends { score: number | null }>(items: readonly T[]): (T & { rank: number | null })[] {
  const scored = items.filter((i) => i.score !== null).sort((a, b) => b.score! - a.score!);
  const out = scored.map((i, idx) => ({ ...i, rank: idx + 1 }));
  for (let i = 1; i < out.length; i++) if (out[i]!.score === out[i - 1]!.score) out[i]!.rank = out[i - 1]!.rank;
  return [...out, ...items.filter((i) => i.score === null).map((i) => ({ ...i, rank: null }))];
}
