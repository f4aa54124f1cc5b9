import { describe, expect, it } from 'vitest';
import { exactSum, expectedPosition, progressStatus, targetFor, yearStart } from './targets.js';
import { periodEnd, periodMatchesCadence, periodOf, periodsBetween } from './periods.js';

const turnover = [
  { year: 2017, value: 50_000_000_000 },
  { year: 2020, value: 75_000_000_000 },
];
const major = [
  { year: 2017, value: 3 },
  { year: 2020, value: 20 },
];

describe('targets by year', () => {
  it('takes explicit targets, interpolates between them rounding down, holds the last and has none before the first', () => {
    expect(targetFor(major, 2017)).toBe(3);
    expect(targetFor(major, 2018)).toBe(8);
    expect(targetFor(major, 2019)).toBe(14);
    expect(targetFor(major, 2020)).toBe(20);
    expect(targetFor(major, 2021)).toBe(20);
    expect(targetFor(major, 2016)).toBeNull();
    // Exact fen: 500 m + 250 m / 3, rounded down to the fen.
    expect(targetFor(turnover, 2018)).toBe(58_333_333_333);
  });
});

describe('expected position by date (UTC+8)', () => {
  it('is zero at the district new year and the full target at its end, for yearly amounts', () => {
    expect(expectedPosition('yearly', turnover, 2017, yearStart(2017))).toBe(0);
    expect(expectedPosition('yearly', turnover, 2017, yearStart(2018))).toBe(50_000_000_000);
    // 31 Dec 2016 16:00 UTC is already 1 Jan 2017 in Wuwei.
    expect(expectedPosition('yearly', turnover, 2017, new Date('2016-12-31T16:00:00Z'))).toBe(0);
  });

  it('is linear within the year for yearly amounts, exact in fen', () => {
    // 2017 has 365 days; after 73 days exactly a fifth of the year has passed.
    const at = new Date(yearStart(2017).getTime() + 73 * 86_400_000);
    expect(expectedPosition('yearly', turnover, 2017, at)).toBe(10_000_000_000);
    const oneMs = new Date(yearStart(2017).getTime() + 1);
    expect(expectedPosition('yearly', turnover, 2017, oneMs)).toBe(Math.floor((50_000_000_000 * 1) / (365 * 86_400_000)));
  });

  it('interpolates cumulative targets from the previous year’s target to this year’s', () => {
    const half2018 = new Date(yearStart(2018).getTime() + (365 * 86_400_000) / 2);
    expect(expectedPosition('cumulative', major, 2018, half2018)).toBe(3 + Math.floor((8 - 3) / 2));
    // In the first target year the previous target is 0.
    expect(expectedPosition('cumulative', major, 2017, new Date(yearStart(2017).getTime() + 73 * 86_400_000))).toBe(0);
    expect(expectedPosition('cumulative', major, 2017, yearStart(2018))).toBe(3);
    expect(expectedPosition('cumulative', [], 2017, yearStart(2018))).toBeNull();
  });
});

describe('status against the target', () => {
  const mid = new Date(yearStart(2020).getTime() + 183 * 86_400_000);
  it('is reached, on track, at risk beyond the margin, or overdue after the year', () => {
    expect(progressStatus(20, 20, 17, 2020, mid, 100)).toBe('reached');
    expect(progressStatus(16, 20, 17, 2020, mid, 100)).toBe('on_track'); // 16 ≥ 17 × 0.9
    expect(progressStatus(15, 20, 17, 2020, mid, 100)).toBe('at_risk');
    expect(progressStatus(15, 20, 17, 2020, mid, 200)).toBe('on_track');
    expect(progressStatus(19, 20, 20, 2020, yearStart(2021), 100)).toBe('overdue');
    expect(progressStatus(5, null, null, 2020, mid, 100)).toBe('no_target');
  });

  it('sums money exactly and refuses to lose precision', () => {
    expect(exactSum([12_345_678_901, '98_765'.replace('_', ''), 1n])).toBe(12_345_777_667);
    expect(() => exactSum([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('reporting periods', () => {
  it('spells, bounds and lists monthly and quarterly periods', () => {
    expect(periodMatchesCadence('2026-Q2', 'quarterly')).toBe(true);
    expect(periodMatchesCadence('2026-05', 'quarterly')).toBe(false);
    expect(periodMatchesCadence('2026-05', 'monthly')).toBe(true);
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2026-Q4')).toBe('2026-12-31');
    expect(periodOf('2026-06-01', 'quarterly')).toBe('2026-Q2');
    expect(periodsBetween('quarterly', '2025-11-15', '2026-04-01')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodsBetween('monthly', '2026-11-30', '2027-01-01')).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});
