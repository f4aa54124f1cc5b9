import type { FacetValues } from './facets.js';
import type { Explanation, Factor, FactorKey, MatchedFacet } from './types.js';

/** What each factor means, for people. */
export const FACTOR_LABELS: Record<FactorKey, { zh: string; en: string }> = {
  text: { zh: '内容相关', en: 'Content relevance' },
  industry: { zh: '行业一致', en: 'Same industry' },
  techField: { zh: '技术领域一致', en: 'Same technology field' },
  cooperation: { zh: '合作方式相容', en: 'Compatible cooperation mode' },
  readiness: { zh: '技术成熟度', en: 'Technology readiness' },
  budget: { zh: '价格在预算内', en: 'Price within budget' },
  region: { zh: '地域相近', en: 'Nearby' },
  freshness: { zh: '发布时间较新', en: 'Recently published' },
};

const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The explanation of one match: each factor's share of the score (shares add
 * up to 1), the matched words (strongest first) and the facets that agreed,
 * with a one-sentence summary in each language.
 */
export function explain(
  contributions: Partial<Record<FactorKey, number>>,
  facets: FacetValues,
  matchedTerms: string[],
  textValue: number,
): Explanation {
  const total = Object.values(contributions).reduce((s, v) => s + (v ?? 0), 0);
  const factors: Factor[] = [];
  for (const [key, c] of Object.entries(contributions) as [FactorKey, number][]) {
    if (!(c > 0)) continue;
    const share = total > 0 ? c / total : 0;
    const value = key === 'text' ? textValue : (facets[key as keyof FacetValues]?.value ?? 0);
    factors.push({ key, share, value, ...FACTOR_LABELS[key] });
  }
  factors.sort((a, b) => b.share - a.share || (a.key < b.key ? -1 : 1));

  const matchedFacets: MatchedFacet[] = [];
  for (const [key, v] of Object.entries(facets) as [FactorKey, FacetValues[keyof FacetValues]][]) {
    if (!v || v.value <= 0 || !v.detail || key === 'freshness') continue;
    matchedFacets.push({ key, fit: v.value >= 1 ? 'full' : 'partial', ...v.detail });
  }

  const top = factors.slice(0, 3);
  const terms = matchedTerms.slice(0, 5);
  const zhTerms = terms.length ? `匹配词：${terms.join('、')}。` : '没有共同的关键词。';
  const enTerms = terms.length ? `Matched words: ${terms.join(', ')}.` : 'No words in common.';
  const summary = {
    zh: `${zhTerms}得分主要来自${top.map((f) => `${f.zh}（${pct(f.share)}）`).join('、') || '无'}。`,
    en: `${enTerms} Score mostly from ${top.map((f) => `${f.en.toLowerCase()} (${pct(f.share)})`).join(', ') || 'nothing'}.`,
  };
  return { factors, matchedTerms, matchedFacets, summary };
}
