import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateReward, ceilRate, deferralSchedule, largestRemainder, type IncomeKind, type Minimums } from './rewards-calculator.js';

const LAW: Minimums = {
  transferMinimumBp: 5000,
  licenceMinimumBp: 5000,
  equityMinimumBp: 5000,
  operatingProfitMinimumBp: 500,
  operatingProfitYearsMin: 3,
  operatingProfitYearsMax: 5,
};

/** People with shares in hundredths of a percent summing to exactly 100%. */
const people = fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }).map((ws) => {
  const parts = largestRemainder(10000, ws.map(BigInt));
  return parts.map((p, i) => ({ name: `完成人${i + 1}`, share: p / 100 })).filter((p) => p.share > 0);
});

const kind = fc.constantFrom<IncomeKind>('transfer', 'licence', 'equity', 'operating_profit');

describe('the Article 45 reward calculator', () => {
  it('is never below the minimum when the rate is at least the minimum, and allocates exactly to the fen', () => {
    fc.assert(
      fc.property(
        kind,
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 1, max: 1e9 }),
        people,
        (k, a, b, extra, unitRule, shares, ps) => {
          fc.pre(ps.length > 0);
          const gross = Math.max(a, b);
          const costs = Math.min(a, b);
          const legal = k === 'operating_profit' ? LAW.operatingProfitMinimumBp : 5000;
          const minimum = Math.max(legal, unitRule);
          const rate = Math.min(10000, minimum + (extra % (10001 - minimum)));
          const r = calculateReward({ kind: k, grossFen: gross, costsFen: costs, shares, rateBp: rate, unitRuleBp: unitRule, profitYear: 1, rewardYears: 3, people: ps }, LAW);
          expect(r.problems).toEqual([]);
          expect(r.belowMinimum).toBe(false);
          // total × 10000 ≥ base × minimum, in exact integer arithmetic
          expect(BigInt(r.totalFen) * 10000n >= BigInt(r.baseFen) * BigInt(minimum)).toBe(true);
          expect(r.totalFen).toBeLessThanOrEqual(r.baseFen);
          expect(r.allocation.reduce((s, x) => s + x.amountFen, 0)).toBe(r.totalFen);
          for (const x of r.allocation) expect(Number.isInteger(x.amountFen) && x.amountFen >= 0).toBe(true);
          if (k === 'equity') {
            expect(r.allocation.reduce((s, x) => s + (x.shares ?? 0), 0)).toBe(r.totalShares);
            expect(BigInt(r.totalShares!) * 10000n >= BigInt(shares) * BigInt(minimum)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('flags any rate below the applicable minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 4999 }), (gross, rate) => {
        const r = calculateReward({ kind: 'transfer', grossFen: gross, costsFen: 0, rateBp: rate, people: [{ name: '甲', share: 100 }] }, LAW);
        expect(r.belowMinimum).toBe(true);
      }),
    );
    const unit = calculateReward({ kind: 'licence', grossFen: 100, costsFen: 0, rateBp: 6000, unitRuleBp: 7000, people: [{ name: '甲', share: 100 }] }, LAW);
    expect(unit).toMatchObject({ minimumBp: 7000, belowMinimum: true });
  });

  it('splits by largest remainder: parts sum exactly and differ from the exact quota by less than one fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 }), (total, ws) => {
        fc.pre(ws.some((w) => w > 0));
        const parts = largestRemainder(total, ws.map(BigInt));
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        const W = ws.reduce((s, w) => s + w, 0);
        parts.forEach((p, i) => expect(Math.abs(p - (total * ws[i]!) / W)).toBeLessThan(1.000001));
      }),
    );
  });

  it('shows the working for a worked example', () => {
    const r = calculateReward(
      { kind: 'transfer', grossFen: 100_000_000, costsFen: 3_333_333, rateBp: 5000, people: [{ name: '李研究员', share: 33.33 }, { name: '王工', share: 33.33 }, { name: '赵博士', share: 33.34 }] },
      LAW,
    );
    expect(r.baseFen).toBe(96_666_667);
    expect(r.totalFen).toBe(48_333_334); // 48,333,333.5 rounded up
    expect(r.allocation.map((a) => a.amountFen)).toEqual([16_109_500, 16_109_500, 16_114_334]);
    expect(r.working[0]!.zh).toContain('转让净收入 = 1,000,000.00 元 − 33,333.33 元 = 966,666.67 元');
  });

  it('refuses operating profit outside the 3–5 year period and people whose shares do not add up', () => {
    const base = { kind: 'operating_profit' as const, grossFen: 1000, costsFen: 0, rateBp: 500, people: [{ name: '甲', share: 100 }] };
    expect(calculateReward({ ...base, profitYear: 4, rewardYears: 3 }, LAW).problems.map((p) => p.path)).toEqual(['profitYear']);
    expect(calculateReward({ ...base, profitYear: 1, rewardYears: 6 }, LAW).problems.map((p) => p.path)).toContain('rewardYears');
    expect(calculateReward({ ...base, profitYear: 1, rewardYears: 5, people: [{ name: '甲', share: 60 }] }, LAW).problems.map((p) => p.path)).toEqual(['people']);
    expect(ceilRate(1, 500)).toBe(1);
  });

  it('schedules the tax deferral in yearly instalments summing to the tax', () => {
    expect(deferralSchedule(1_000_01, '2024-02-29', 3)).toEqual([
      { dueOn: '2025-02-28', amountFen: 33_334 },
      { dueOn: '2026-02-28', amountFen: 33_334 },
      { dueOn: '2027-02-28', amountFen: 33_333 },
    ]);
  });
});
