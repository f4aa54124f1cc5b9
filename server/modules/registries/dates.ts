/** The district's calendar (Asia/Shanghai) for registry dates. */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of `now` in the district. */
export function districtDate(now: Date): string {
  return fmt.format(now);
}

export function districtYear(now: Date): number {
  return Number(districtDate(now).slice(0, 4));
}

/** Whole days from the district date of `now` to `isoDate` (negative when past). */
export function daysUntil(now: Date, isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${districtDate(now)}T00:00:00Z`)) / 86_400_000);
}
