import type { Cadence } from '@shared/contracts/plans.js';
import { districtToday } from '../components/district-time';

/**
 * Reporting periods of a cadence between two ISO dates (inclusive of the
 * periods they touch), newest first: YYYY-MM or YYYY-Qn, the same spelling
 * the server checks. Which of them are owed is the server's business; this
 * only lists what may be chosen.
 */
export function periodsBetween(from: string, to: string, cadence: Cadence): string[] {
  if (to < from) return [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  const out: string[] = [];
  if (cadence === 'monthly') {
    while (y < ty || (y === ty && m <= tm)) {
      out.push(`${y}-${String(m).padStart(2, '0')}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  } else {
    let q = Math.ceil(m / 3);
    const tq = Math.ceil(tm / 3);
    while (y < ty || (y === ty && q <= tq)) {
      out.push(`${y}-Q${q}`);
      q += 1;
      if (q > 4) { q = 1; y += 1; }
    }
  }
  return out.reverse();
}

/** Last day of a period (ISO date). */
export function periodEndDate(period: string): string {
  const y = Number(period.slice(0, 4));
  const q = /Q(\d)$/.exec(period);
  const lastMonth = q ? Number(q[1]) * 3 : Number(period.slice(5, 7));
  // Day 0 of the next month is this month's last (UTC arithmetic: no zone can move it).
  const last = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return `${y}-${String(lastMonth).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Today in the district (北京时间), ISO date: which periods are due does not depend on the browser's zone. */
export function todayIso(): string {
  return districtToday();
}
