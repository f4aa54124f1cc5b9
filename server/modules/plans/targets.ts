import type { Aggregation, ProgressStatus } from '../../../shared/contracts/plans.js';

/**
 * Target arithmetic, pure and exact: values are integers (count, fen,
 * hundredths of a percent, 0/1) and every division rounds down in BigInt, so
 * money is never off by a fen through floating point.
 */

export type Target = { year: number; value: number };

const DISTRICT_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant a district (UTC+8) calendar year begins. */
export function yearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - DISTRICT_OFFSET_MS);
}

/** The district calendar year of an instant. */
export function districtYear(now: Date): number {
  return new Date(now.getTime() + DISTRICT_OFFSET_MS).getUTCFullYear();
}

/**
 * The target for `year`: the explicit one, or linear between the nearest
 * targets around it (rounded down), or the last one held after it; null before
 * the first target. A cumulative plan of 3 in 2017 and 20 in 2020 gives 8 in
 * 2018 and 14 in 2019.
 */
export function targetFor(targets: readonly Target[], year: number): number | null {
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  const exact = sorted.find((t) => t.year === year);
  if (exact) return exact.value;
  const before = sorted.filter((t) => t.year < year).at(-1);
  const after = sorted.find((t) => t.year > year);
  if (!before) return null;
  if (!after) return before.value;
  const span = BigInt(after.year - before.year);
  const step = (BigInt(after.value - before.value) * BigInt(year - before.year)) / span;
  return before.value + Number(step);
}

/** Elapsed and total milliseconds of the district year `year` at `now` (elapsed clamped to the year). */
export function yearElapsed(year: number, now: Date): { elapsed: bigint; total: bigint } {
  const start = yearStart(year).getTime();
  const end = yearStart(year + 1).getTime();
  const elapsed = Math.min(Math.max(now.getTime() - start, 0), end - start);
  return { elapsed: BigInt(elapsed), total: BigInt(end - start) };
}

/**
 * Where the value should stand at `now` in `year`. Yearly: the year's target
 * pro rata of the year elapsed. Cumulative: from the previous year's target
 * (0 before the first) to this year's, by the fraction of the year elapsed.
 * Null when the year has no target.
 */
export function expectedPosition(aggregation: Aggregation, targets: readonly Target[], year: number, now: Date): number | null {
  const current = targetFor(targets, year);
  if (current === null) return null;
  const { elapsed, total } = yearElapsed(year, now);
  if (aggregation === 'yearly') return Number((BigInt(current) * elapsed) / total);
  const previous = targetFor(targets, year - 1) ?? 0;
  return previous + Number((BigInt(current - previous) * elapsed) / total);
}

/**
 * Status of a value against the year's target: reached; overdue when the
 * year is over (district time) and the target not reached; at risk when below
 * the expected position by more than `marginPermille` of it; else on track.
 */
export function progressStatus(
  value: number,
  target: number | null,
  expected: number | null,
  year: number,
  now: Date,
  marginPermille: number,
): ProgressStatus {
  if (target === null || expected === null) return 'no_target';
  if (value >= target) return 'reached';
  if (now.getTime() >= yearStart(year + 1).getTime()) return 'overdue';
  if (BigInt(value) * 1000n < BigInt(expected) * BigInt(1000 - marginPermille)) return 'at_risk';
  return 'on_track';
}

/** Sum of integer amounts, exact (throws past Number.MAX_SAFE_INTEGER rather than losing fen). */
export function exactSum(amounts: readonly (number | bigint | string)[]): number {
  const total = amounts.reduce<bigint>((s, a) => s + BigInt(a), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('sum exceeds the safe integer range');
  return Number(total);
}
