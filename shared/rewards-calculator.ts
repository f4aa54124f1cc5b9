/**
 * The researcher-reward calculator (奖励和报酬) of Article 45 of the Law on
 * Promoting the Transformation of S&T Achievements (2015 revision), shared by
 * the server (which records rewards) and the web app (which shows the working
 * as the user types). Pure integer arithmetic in BigInt: amounts in fen,
 * rates in basis points (5000 = 50%), shares of people as percent with up to
 * four decimals.
 *
 * - total reward = ceil(base × rate): rounding up, so the reward is never
 *   below the chosen rate (and so never below the minimum when the rate is not);
 * - allocation among the people by their recorded shares with the
 *   largest-remainder method, so the parts sum to the total exactly, to the fen.
 */

export type IncomeKind = 'transfer' | 'licence' | 'equity' | 'operating_profit';

export type Minimums = {
  transferMinimumBp: number;
  licenceMinimumBp: number;
  equityMinimumBp: number;
  operatingProfitMinimumBp: number;
  operatingProfitYearsMin: number;
  operatingProfitYearsMax: number;
};

export type Person = { name: string; unit?: string; share: number };

export type RewardInput = {
  kind: IncomeKind;
  grossFen: number;
  costsFen: number;
  /** Equity: shares received for the investment. */
  shares?: number | null;
  /** The rate applied, in basis points. */
  rateBp: number;
  /** The unit's own rule (may only be higher than the law's minimum). */
  unitRuleBp?: number | null;
  /** Operating profit: which year of implementation, and how many years the unit rewards (3–5). */
  profitYear?: number | null;
  rewardYears?: number | null;
  people: readonly Person[];
};

export type Allocation = { name: string; unit?: string; share: number; amountFen: number; shares: number | null };

export type Working = { zh: string; en: string };

export type RewardResult = {
  baseFen: number;
  legalMinimumBp: number;
  /** The minimum that applies: the law's, or the unit's rule when higher. */
  minimumBp: number;
  rateBp: number;
  belowMinimum: boolean;
  totalFen: number;
  totalShares: number | null;
  allocation: Allocation[];
  working: Working[];
  /** Problems that make the calculation impossible (not the below-minimum case, which needs a reason). */
  problems: { path: string; zh: string; en: string }[];
};

export function legalMinimumBp(kind: IncomeKind, m: Minimums): number {
  return kind === 'transfer' ? m.transferMinimumBp : kind === 'licence' ? m.licenceMinimumBp : kind === 'equity' ? m.equityMinimumBp : m.operatingProfitMinimumBp;
}

/** ceil(a × bp / 10000) for non-negative integers. */
export function ceilRate(a: number, bp: number): number {
  const n = BigInt(a) * BigInt(bp);
  return Number((n + 9999n) / 10000n);
}

/** People's shares as integer weights (percent × 10000). */
function weight(share: number): bigint {
  return BigInt(Math.round(share * 10000));
}

/**
 * Split `total` (a non-negative integer) among weights by the
 * largest-remainder method: floor of each exact quota, then one more unit to
 * the largest remainders (earlier entries first on ties). The parts sum to
 * `total` exactly.
 */
export function largestRemainder(total: number, weights: readonly bigint[]): number[] {
  const W = weights.reduce((s, w) => s + w, 0n);
  if (W === 0n) return weights.map(() => 0);
  const T = BigInt(total);
  const floors = weights.map((w) => (T * w) / W);
  const rema = weights.map((w, i) => ({ i, r: (T * w) % W }));
  let left = Number(T - floors.reduce((s, f) => s + f, 0n));
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = floors.map(Number);
  for (const { i } of rema) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
const pct = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export function calculateReward(input: RewardInput, m: Minimums): RewardResult {
  const problems: RewardResult['problems'] = [];
  const working: Working[] = [];
  const legal = legalMinimumBp(input.kind, m);
  const minimumBp = Math.max(legal, input.unitRuleBp ?? 0);
  const baseFen = Math.max(0, input.grossFen - input.costsFen);
  if (input.costsFen > input.grossFen) problems.push({ path: 'costsFen', zh: '成本不能超过收入', en: 'Costs exceed the income' });
  if (input.people.length === 0) problems.push({ path: 'people', zh: '成果没有登记完成人及其贡献比例', en: 'The achievement records no people with shares' });
  const shareSum = input.people.reduce((s, p) => s + weight(p.share), 0n);
  if (input.people.length > 0 && (shareSum < 999_990n || shareSum > 1_000_010n)) problems.push({ path: 'people', zh: '完成人贡献比例合计须为 100%', en: 'The people’s shares must add up to 100%' });
  if (input.rateBp < 0 || input.rateBp > 10000) problems.push({ path: 'rateBp', zh: '比例须在 0–100% 之间', en: 'The rate must be between 0 and 100%' });
  if (input.kind === 'operating_profit') {
    const years = input.rewardYears ?? m.operatingProfitYearsMin;
    if (years < m.operatingProfitYearsMin || years > m.operatingProfitYearsMax) {
      problems.push({ path: 'rewardYears', zh: `奖励年限须为 ${m.operatingProfitYearsMin}–${m.operatingProfitYearsMax} 年`, en: `The reward period must be ${m.operatingProfitYearsMin}–${m.operatingProfitYearsMax} years` });
    }
    if (!input.profitYear || input.profitYear < 1 || input.profitYear > years) {
      problems.push({ path: 'profitYear', zh: `实施年度须在第 1–${years} 年内`, en: `The year of implementation must be 1–${years}` });
    }
  }
  if (input.kind === 'equity' && (!input.shares || input.shares <= 0)) problems.push({ path: 'shares', zh: '请填写作价投资取得的股份数', en: 'Enter the number of shares received' });

  const KIND: Record<IncomeKind, Working> = {
    transfer: { zh: '转让净收入', en: 'Net transfer income' },
    licence: { zh: '许可净收入', en: 'Net licence income' },
    equity: { zh: '作价投资取得股份的评估价值', en: 'Appraised value of the shares received' },
    operating_profit: { zh: `实施第 ${input.profitYear ?? '?'} 年营业利润`, en: `Operating profit of year ${input.profitYear ?? '?'} of implementation` },
  };
  working.push({
    zh: `${KIND[input.kind].zh} = ${yuan(input.grossFen)} 元 − ${yuan(input.costsFen)} 元 = ${yuan(baseFen)} 元`,
    en: `${KIND[input.kind].en} = CNY ${yuan(input.grossFen)} − CNY ${yuan(input.costsFen)} = CNY ${yuan(baseFen)}`,
  });
  working.push({
    zh: `法定最低比例 ${pct(legal)}${input.unitRuleBp && input.unitRuleBp > legal ? `，本单位规定 ${pct(input.unitRuleBp)}` : ''}；采用比例 ${pct(input.rateBp)}`,
    en: `Legal minimum ${pct(legal)}${input.unitRuleBp && input.unitRuleBp > legal ? `, the unit’s rule ${pct(input.unitRuleBp)}` : ''}; rate applied ${pct(input.rateBp)}`,
  });
  const rate = Math.min(Math.max(input.rateBp, 0), 10000);
  const totalFen = ceilRate(baseFen, rate);
  working.push({ zh: `奖励总额 = ${yuan(baseFen)} 元 × ${pct(rate)}（分以下进位）= ${yuan(totalFen)} 元`, en: `Total reward = CNY ${yuan(baseFen)} × ${pct(rate)} (rounded up to the fen) = CNY ${yuan(totalFen)}` });
  let totalShares: number | null = null;
  if (input.kind === 'equity' && input.shares && input.shares > 0) {
    totalShares = Math.min(input.shares, ceilRate(input.shares, rate));
    working.push({ zh: `奖励股份 = ${input.shares} 股 × ${pct(rate)}（进位取整）= ${totalShares} 股`, en: `Shares awarded = ${input.shares} × ${pct(rate)} (rounded up) = ${totalShares}` });
  }
  const weights = input.people.map((p) => weight(p.share));
  const amounts = largestRemainder(totalFen, weights);
  const shareParts = totalShares === null ? null : largestRemainder(totalShares, weights);
  const allocation: Allocation[] = input.people.map((p, i) => ({ name: p.name, unit: p.unit, share: p.share, amountFen: amounts[i]!, shares: shareParts ? shareParts[i]! : null }));
  working.push({ zh: '按完成人贡献比例分配（最大余数法，合计与总额分毫不差）：', en: 'Allocated by the people’s shares (largest remainder, summing exactly to the total):' });
  for (const a of allocation) {
    working.push({
      zh: `  ${a.name} ${a.share}% → ${yuan(a.amountFen)} 元${a.shares !== null ? `，${a.shares} 股` : ''}`,
      en: `  ${a.name} ${a.share}% → CNY ${yuan(a.amountFen)}${a.shares !== null ? `, ${a.shares} shares` : ''}`,
    });
  }
  const belowMinimum = rate < minimumBp;
  if (belowMinimum) working.push({ zh: `注意：采用比例低于应执行的最低比例 ${pct(minimumBp)}，须记录理由`, en: `Note: the rate is below the applicable minimum ${pct(minimumBp)}; a reason must be recorded` });
  return { baseFen, legalMinimumBp: legal, minimumBp, rateBp: rate, belowMinimum, totalFen, totalShares, allocation, working, problems };
}

/**
 * Tax-deferral instalments of an equity award: the tax due split into
 * `years` yearly instalments (at most `maxYears`, 5 by the policy), due on
 * the anniversaries of the award, summing exactly to the tax.
 */
export function deferralSchedule(taxFen: number, awardedOn: string, years: number): { dueOn: string; amountFen: number }[] {
  const parts = largestRemainder(taxFen, Array.from({ length: years }, () => 1n));
  const [y, mo, d] = awardedOn.split('-').map(Number) as [number, number, number];
  return parts.map((amountFen, i) => {
    const due = new Date(Date.UTC(y + i + 1, mo - 1, d));
    // 29 February rolls back to 28 February in common years.
    if (due.getUTCMonth() !== mo - 1) due.setUTCDate(0);
    return { dueOn: due.toISOString().slice(0, 10), amountFen };
  });
}
