import type { OpeningHours } from '../../../shared/contracts/facilities.js';

/** The district's offset from UTC (Asia/Shanghai has no daylight saving). */
const OFFSET_MS = 8 * 3600_000;

/** Local (Asia/Shanghai) parts of an instant. */
export function localParts(d: Date): { date: string; weekday: number; minutes: number } {
  const l = new Date(d.getTime() + OFFSET_MS);
  const iso = l.toISOString();
  const wd = l.getUTCDay();
  return { date: iso.slice(0, 10), weekday: wd === 0 ? 7 : wd, minutes: l.getUTCHours() * 60 + l.getUTCMinutes() };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether [start, end) lies within one opening day's hours. */
export function withinOpeningHours(h: OpeningHours, start: Date, end: Date): boolean {
  const a = localParts(start);
  const e = localParts(end);
  if (a.date !== e.date || !h.days.includes(a.weekday)) return false;
  return a.minutes >= toMinutes(h.open) && e.minutes <= toMinutes(h.close);
}

/** Minutes the facility is open in a month (1–12) of a year. */
export function openMinutesInMonth(h: OpeningHours, year: number, month: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const perDay = toMinutes(h.close) - toMinutes(h.open);
  let n = 0;
  for (let d = 1; d <= days; d++) {
    const wd = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
    if (h.days.includes(wd === 0 ? 7 : wd)) n += perDay;
  }
  return n;
}

/** The fee for a use: per started hour fraction (rounded to the fen) or per sample. */
export function feeFor(rule: { feeUnit: string; feeFen: number }, startedAt: Date, endedAt: Date, samples: number | null | undefined): number {
  if (rule.feeUnit === 'sample') return rule.feeFen * (samples ?? 1);
  const minutes = Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000);
  return Math.round((rule.feeFen * minutes) / 60);
}
