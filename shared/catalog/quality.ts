import type { AchievementDraft, DemandDraft } from '../contracts/catalog-content.js';

/**
 * The listing-quality score shown live to the submitter, and stored on the
 * record (`quality_score`). It rewards the facts an enterprise needs to decide
 * whether to call: users of other tech-market sites say listings are too vague.
 * Pure and dependency-free: the browser runs the same function while editing.
 *
 * `missing` holds stable keys (the web client translates them):
 *  achievements: advantage, ip, maturity, route, price, summary, keywords;
 *  demands: indicators, budget, deadline, currentState, cooperationModes, problem.
 */
export type ListingQuality = { score: number; missing: string[] };

type Check<C> = { key: string; weight: number; ok: (c: C) => boolean };

/**
 * A quantified advantage: a number, a percentage, a multiple, or an explicit
 * comparison ("比传统工艺节水", "lower than", …). Plain praise ("效果好") is not enough.
 */
const QUANTIFIED = /\d|[%％‰倍]|[一二两三四五六七八九十百千万]+(?:成|倍)|(?:提高|提升|降低|减少|缩短|节约|节省|节水|节能|增加|优于|高于|低于|超过|相比|对比|较传统|较现有)|\b(?:than|compared|reduc\w*|increas\w*|faster|lower|higher|saves?)\b/i;

/** An explicit statement that no registered IP right is involved, when ipItems is empty. */
const IP_STATEMENT = /无专利|未申请专利|不涉及(?:知识产权|专利)|无知识产权|技术秘密|专有技术|\bno patents?\b|\bunpatented\b|\bknow-how\b/i;

const filled = (s: string | undefined, min = 1) => typeof s === 'string' && s.trim().length >= min;

const ACHIEVEMENT_CHECKS: Check<AchievementDraft>[] = [
  { key: 'advantage', weight: 20, ok: (c) => filled(c.advantage, 4) && QUANTIFIED.test(c.advantage!) },
  {
    key: 'ip',
    weight: 15,
    ok: (c) => (c.ipItems?.length ?? 0) > 0 || [c.summary, c.advantage, c.commercialRoute].some((t) => !!t && IP_STATEMENT.test(t)),
  },
  { key: 'maturity', weight: 15, ok: (c) => c.trl !== undefined && c.stage !== undefined },
  { key: 'route', weight: 15, ok: (c) => filled(c.commercialRoute, 10) },
  {
    key: 'price',
    weight: 15,
    ok: (c) => {
      if (!c.price) return false;
      if (c.price.kind === 'fixed') return true;
      // 面议 is fine only when the terms on offer are stated.
      const modes = c.transferModes ?? [];
      return modes.length > 0 && (!modes.includes('license') || (c.licenseKinds?.length ?? 0) > 0);
    },
  },
  { key: 'summary', weight: 10, ok: (c) => filled(c.summary, 100) },
  { key: 'keywords', weight: 10, ok: (c) => (c.keywords?.length ?? 0) >= 3 },
];

const DEMAND_CHECKS: Check<DemandDraft>[] = [
  { key: 'indicators', weight: 25, ok: (c) => filled(c.indicators, 10) },
  {
    key: 'budget',
    weight: 20,
    ok: (c) => !!c.budget && (c.budget.minFen !== undefined || c.budget.maxFen !== undefined || c.budget.negotiable === true),
  },
  { key: 'deadline', weight: 15, ok: (c) => filled(c.deadline) },
  { key: 'currentState', weight: 15, ok: (c) => filled(c.currentState, 10) },
  { key: 'cooperationModes', weight: 15, ok: (c) => (c.cooperationModes?.length ?? 0) > 0 },
  { key: 'problem', weight: 10, ok: (c) => filled(c.problem, 60) },
];

function evaluate<C>(checks: Check<C>[], content: C): ListingQuality {
  let score = 0;
  const missing: string[] = [];
  for (const check of checks) {
    if (check.ok(content)) score += check.weight;
    else missing.push(check.key);
  }
  return { score, missing };
}

/** Score 0–100 and the decisive facts still missing from a (possibly partial) listing. */
export function listingQuality(kind: 'achievement', content: Partial<AchievementDraft>): ListingQuality;
export function listingQuality(kind: 'demand', content: Partial<DemandDraft>): ListingQuality;
export function listingQuality(kind: 'achievement' | 'demand', content: Partial<AchievementDraft> | Partial<DemandDraft>): ListingQuality;
export function listingQuality(kind: 'achievement' | 'demand', content: Partial<AchievementDraft> | Partial<DemandDraft>): ListingQuality {
  return kind === 'achievement'
    ? evaluate(ACHIEVEMENT_CHECKS, content as AchievementDraft)
    : evaluate(DEMAND_CHECKS, content as DemandDraft);
}

/** The stable keys `missing` may contain, per kind (for the web client's translations). */
export const QUALITY_KEYS = {
  achievement: ACHIEVEMENT_CHECKS.map((c) => c.key),
  demand: DEMAND_CHECKS.map((c) => c.key),
} as const;
