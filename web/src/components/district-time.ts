import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The web shows and takes every time in the district's time zone (北京时间),
 * which the server decides deadlines, slots and days in, whatever zone the
 * browser is in (decision 0028). dayjs's utc and timezone plugins (part of
 * dayjs) convert instants; `components/format.ts` formats with them. (The
 * `.js` suffixes let the Node tests import this file too.)
 *
 * antd's pickers work in the browser's zone, so a picker value here carries
 * the district's wall-clock time in its fields: `toPicker` turns an instant
 * into such a value, `fromPicker` reads one back as the instant (ISO with
 * +08:00). In a browser in the district's zone both are the identity. (A
 * district time that falls into the browser zone's daylight-saving gap, at
 * 02:00–03:00 on one night a year, moves an hour on; opening hours rarely
 * start then.)
 */
export const DISTRICT_TZ = 'Asia/Shanghai';

const WALL = 'YYYY-MM-DDTHH:mm:ss';

/** An instant (ISO text or epoch milliseconds) as the district's wall-clock time. */
export const districtTime = (iso: string | number | null | undefined, format = 'YYYY-MM-DD HH:mm'): string =>
  iso || iso === 0 ? dayjs(iso).tz(DISTRICT_TZ).format(format) : '—';

/**
 * The header clock's text for an instant, without its 北京时间 label (the
 * caller's i18n adds it): `11月28日 14:05` in Chinese, `Nov 28 14:05` in
 * English (month names in English whatever dayjs's global locale is).
 */
export const districtClockText = (instant: number, language: string): string =>
  language.startsWith('en') ? dayjs(instant).tz(DISTRICT_TZ).locale('en').format('MMM D HH:mm') : dayjs(instant).tz(DISTRICT_TZ).format('M月D日 HH:mm');

/** A slot as "2026-06-03 09:00 – 11:00" in district time (the end's date too when it differs). */
export function districtSlot(startsAt: string, endsAt: string): string {
  const a = districtTime(startsAt);
  const b = districtTime(endsAt);
  return `${a} – ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}

/** A picker value holding the district's wall-clock time of an instant. */
export const toPicker = (instant: string | number | Date): Dayjs => dayjs(dayjs(instant).tz(DISTRICT_TZ).format(WALL));

/** The instant a picker value's district wall-clock time stands for, as ISO with the district's offset. */
export const fromPicker = (d: Dayjs): string => dayjs.tz(d.format(WALL), DISTRICT_TZ).format();

/** A picker value holding the district's wall-clock time now (a default for "today" or "now" in a picker). */
export const districtNow = (): Dayjs => toPicker(Date.now());

/** Today's date in the district, YYYY-MM-DD. */
export const districtToday = (): string => dayjs().tz(DISTRICT_TZ).format('YYYY-MM-DD');

/** This year in the district (its New Year comes 8 hours before UTC's). */
export const districtYear = (): number => Number(districtToday().slice(0, 4));

/** The instant the district's day `date` (YYYY-MM-DD) begins. */
export const districtDayStart = (date: string): Dayjs => dayjs.tz(`${date}T00:00:00`, DISTRICT_TZ);

/** Whether the browser shows a different time than the district right now (another zone). */
export const browserOutsideDistrict = (): boolean => dayjs().format('YYYY-MM-DD HH:mm') !== dayjs().tz(DISTRICT_TZ).format('YYYY-MM-DD HH:mm');
