/** The district's calendar date (Asia/Shanghai, no daylight saving) of an instant, as YYYY-MM-DD. */
export function districtDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether an assignment is in force on `day` (YYYY-MM-DD): started, not ended, not cancelled. */
export function inForce(a: { status: string; startsOn: string; endsOn: string | null }, day: string): boolean {
  return a.status === 'active' && a.startsOn <= day && (a.endsOn === null || a.endsOn >= day);
}
