import dayjs from 'dayjs';
import { DISTRICT_TZ } from './district-time.js';

/**
 * Dates and times as the district reads them (北京时间, Asia/Shanghai), whatever
 * the browser's zone (decision 0028): a deadline at 2026-06-30 23:59 in the
 * district shows as that in Los Angeles too, not as the 30th at 08:59.
 *
 * A plain date (`YYYY-MM-DD`, e.g. a disbursement's paid-on day or a contract's
 * signing day) already names a day in the district: it is shown as it is,
 * never read as midnight somewhere and converted (which moved it a day back
 * in browsers east of the district).
 */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

function inDistrict(iso: string | null | undefined, format: string): string {
  if (!iso) return '—';
  if (PLAIN_DATE.test(iso)) return iso;
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISTRICT_TZ).format(format) : iso;
}

/** An instant as the district's date and time, `YYYY-MM-DD HH:mm` (a plain date stays a date). */
export function formatDateTime(iso: string | null | undefined): string {
  return inDistrict(iso, 'YYYY-MM-DD HH:mm');
}

/** An instant's date in the district, `YYYY-MM-DD` (a plain date as it is). */
export function formatDate(iso: string | null | undefined): string {
  return inDistrict(iso, 'YYYY-MM-DD');
}
