/**
 * Due dates are calendar days in the district (China Standard Time, UTC+8,
 * no daylight saving): an obligation due on 6 June is on time until 23:59:59
 * Beijing time that day, whatever the server's own time zone.
 */
const DISTRICT_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days before the due date at which the unit is first reminded. */
export const DUE_SOON_DAYS = 7;
/** A unit is reminded of one obligation at most once in this many days. */
export const REMINDER_INTERVAL_DAYS = 7;

/** The district's calendar date at `now`, as YYYY-MM-DD. */
export function districtToday(now: Date): string {
  return new Date(now.getTime() + DISTRICT_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-06-04 10:00": a moment as district wall-clock time (exports, mails). */
export function districtDateTime(d: Date): string {
  return new Date(d.getTime() + DISTRICT_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Days an obligation is overdue at `now`: 0 when accepted or not yet past its
 * due date, else the days since the due date (1 on the day after it).
 */
export function daysOverdue(o: { status: string; dueDate: string }, now: Date): number {
  if (o.status === 'accepted') return 0;
  return Math.max(0, daysBetween(o.dueDate, districtToday(now)));
}
