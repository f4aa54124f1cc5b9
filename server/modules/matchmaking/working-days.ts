import { z } from 'zod';
import { addDays } from '../projects/due-dates.js';
import data from '../../../config/working-calendar.json' with { type: 'json' };

/**
 * Working days in the district: Monday to Friday, except the public holidays
 * of the State Council's yearly arrangement, plus the weekend days it declares
 * working days (调休上班). Dates are the district's calendar dates
 * (YYYY-MM-DD, UTC+8); the calendar is configuration (config/working-calendar.json).
 */

const IsoDate = z.iso.date();
const CalendarFile = z.object({
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      /** official: the published notice; provisional: statutory days only, to be replaced. */
      status: z.enum(['official', 'provisional']),
      source: z.string(),
      holidays: z.array(IsoDate),
      workdays: z.array(IsoDate),
    }),
  ),
});

export type WorkingCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; years: readonly string[] };

/** Parse a calendar file (throws on a malformed one, so a bad edit stops start-up rather than miscounting). */
export function parseCalendar(raw: unknown): WorkingCalendar {
  const file = CalendarFile.parse(raw);
  const entries = Object.entries(file.years);
  for (const [year, y] of entries) {
    for (const d of [...y.holidays, ...y.workdays]) {
      if (!d.startsWith(`${year}-`)) throw new Error(`working calendar: ${d} listed under ${year}`);
    }
    const clash = y.holidays.find((d) => y.workdays.includes(d));
    if (clash) throw new Error(`working calendar: ${clash} is both a holiday and a working day`);
  }
  return {
    holidays: new Set(entries.flatMap(([, y]) => y.holidays)),
    workdays: new Set(entries.flatMap(([, y]) => y.workdays)),
    years: entries.map(([year]) => year).sort(),
  };
}

/** The configured calendar. */
export const DISTRICT_CALENDAR = parseCalendar(data);

/** The district's calendar date of a moment (UTC+8): the projects domain's helper, one definition. */
export { districtToday as districtDate } from '../projects/due-dates.js';
const shift = addDays;

/** Whether people work on this date in the district. */
export function isWorkingDay(date: string, cal: WorkingCalendar = DISTRICT_CALENDAR): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `n`-th working day after `date` (n ≥ 1); `date` itself never counts,
 * whether or not it is a working day. n = 0 returns `date`.
 */
export function addWorkingDays(date: string, n: number, cal: WorkingCalendar = DISTRICT_CALENDAR): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let d = date;
  for (let left = n; left > 0; ) {
    d = shift(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not
 * after `from`). A case last active on a Friday has 1 working day of silence
 * on the Monday after, 0 on the weekend in between.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar = DISTRICT_CALENDAR): number {
  let n = 0;
  for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}
