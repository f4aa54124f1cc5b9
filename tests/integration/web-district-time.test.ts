/**
 * The web's date and time formatters and picker helpers (decision 0028) in
 * browsers outside the district's zone: every time reads as 北京时间, a plain
 * date (YYYY-MM-DD) is never moved a day. Node reads process.env.TZ at each
 * conversion, so the zones below stand in for a browser in Los Angeles (west
 * of UTC) and Tokyo (east of the district). No database: these are pure
 * functions, kept here because vitest runs tests/integration only.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test imports the web's formatters; nothing on the server does
import { districtNow, districtSlot, districtToday, districtYear, fromPicker, toPicker } from '../../web/src/components/district-time.js';
// eslint-disable-next-line no-restricted-imports -- as above
import { formatDate, formatDateTime } from '../../web/src/components/format.js';

const machineZone = process.env.TZ;
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

for (const zone of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC', 'Asia/Shanghai']) {
  describe(`in a browser in ${zone}`, () => {
    beforeEach(() => {
      process.env.TZ = zone;
    });

    it('runs in that zone (the test would prove nothing otherwise)', () => {
      const offset = new Date('2026-06-03T02:00:00Z').getTimezoneOffset();
      expect(offset).toBe({ 'America/Los_Angeles': 420, 'Asia/Tokyo': -540, UTC: 0, 'Asia/Shanghai': -480 }[zone]);
    });

    it('shows an instant as the district’s date and time', () => {
      expect(formatDateTime('2026-06-03T02:00:00Z')).toBe('2026-06-03 10:00');
      expect(formatDateTime('2026-06-03T10:00:00+08:00')).toBe('2026-06-03 10:00');
      expect(formatDateTime('2026-06-30T15:59:00.000Z')).toBe('2026-06-30 23:59');
    });

    it('gives an instant the district’s day, also just after the district’s midnight', () => {
      // 00:30 on 3 June in the district is still 2 June in Los Angeles and UTC.
      expect(formatDate('2026-06-02T16:30:00Z')).toBe('2026-06-03');
      // 23:30 on 2 June in the district is already 3 June in Tokyo.
      expect(formatDate('2026-06-02T15:30:00Z')).toBe('2026-06-02');
    });

    it('shows a plain date as it is, in both formatters', () => {
      expect(formatDate('2026-06-03')).toBe('2026-06-03');
      expect(formatDateTime('2026-06-03')).toBe('2026-06-03');
      expect(formatDate('2026-01-01')).toBe('2026-01-01');
    });

    it('shows nothing as a dash and leaves what it cannot read alone', () => {
      expect(formatDateTime(null)).toBe('—');
      expect(formatDate(undefined)).toBe('—');
      expect(formatDate('')).toBe('—');
      expect(formatDateTime('soon')).toBe('soon');
    });

    it('slots and pickers hold the district’s wall-clock time and send the instant with +08:00', () => {
      expect(districtSlot('2026-06-03T01:00:00Z', '2026-06-03T03:00:00Z')).toBe('2026-06-03 09:00 – 11:00');
      const picked = toPicker('2026-06-03T02:00:00Z');
      expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-06-03 10:00');
      expect(fromPicker(picked)).toBe('2026-06-03T10:00:00+08:00');
      expect(new Date(fromPicker(picked)).toISOString()).toBe('2026-06-03T02:00:00.000Z');
      expect(districtToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    describe('at 00:30 on New Year’s Day in the district (16:30 UTC on 31 December)', () => {
      beforeEach(() => {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date('2026-12-31T16:30:00Z'));
      });
      afterEach(() => {
        vi.useRealTimers();
      });

      it('today, this year and now are the district’s', () => {
        expect(districtToday()).toBe('2027-01-01');
        expect(districtYear()).toBe(2027);
        expect(districtNow().format('YYYY-MM-DD HH:mm')).toBe('2027-01-01 00:30');
        expect(fromPicker(districtNow())).toBe('2027-01-01T00:30:00+08:00');
      });
    });
  });
}
