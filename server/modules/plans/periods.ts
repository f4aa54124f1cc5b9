import type { Cadence } from '../../../shared/contracts/plans.js';

/**
 * Reporting periods: "2026-05" (monthly) or "2026-Q2" (quarterly), calendar
 * periods in the district. Pure functions over YYYY-MM-DD strings.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether `period` is spelled for `cadence`. */
export function periodMatchesCadence(period: string, cadence: Cadence): boolean {
  return cadence === 'quarterly' ? /^\d{4}-Q[1-4]$/.test(period) : /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
}

/** First and last month (1–12) a period covers. */
function months(period: string): { year: number; from: number; to: number } {
  const year = Number(period.slice(0, 4));
  const q = /Q([1-4])$/.exec(period);
  if (q) {
    const n = Number(q[1]);
    return { year, from: 3 * n - 2, to: 3 * n };
  }
  const m = Number(period.slice(5, 7));
  return { year, from: m, to: m };
}

export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

/** First day of the period, YYYY-MM-DD. */
export function periodStart(period: string): string {
  const { year, from } = months(period);
  return `${year}-${pad(from)}-01`;
}

/** Last day of the period, YYYY-MM-DD. */
export function periodEnd(period: string): string {
  const { year, to } = months(period);
  const last = new Date(Date.UTC(year, to, 0)).getUTCDate();
  return `${year}-${pad(to)}-${pad(last)}`;
}

/** The period of `cadence` that contains `date`. */
export function periodOf(date: string, cadence: Cadence): string {
  const year = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  return cadence === 'quarterly' ? `${year}-Q${Math.ceil(m / 3)}` : `${year}-${pad(m)}`;
}

/** The period after `period`. */
export function nextPeriod(period: string): string {
  const { year, to } = months(period);
  const isQuarter = period.includes('Q');
  if (to === 12) return isQuarter ? `${year + 1}-Q1` : `${year + 1}-01`;
  return isQuarter ? `${year}-Q${to / 3 + 1}` : `${year}-${pad(to + 1)}`;
}

/** Every period of `cadence` overlapping [from, to] (YYYY-MM-DD, inclusive), in order. */
export function periodsBetween(cadence: Cadence, from: string, to: string): string[] {
  const out: string[] = [];
  if (from > to) return out;
  for (let p = periodOf(from, cadence); periodStart(p) <= to; p = nextPeriod(p)) out.push(p);
  return out;
}
