import { describe, expect, it } from 'vitest';
import { addDays } from '../projects/due-dates.js';
import { dueFor } from './send-reminders.js';
import { addWorkingDays, DISTRICT_CALENDAR, districtDate, isWorkingDay, parseCalendar, workingDaysBetween } from './working-days.js';

describe('the district working calendar', () => {
  it('knows weekends, public holidays and adjusted working days (调休) of 2026', () => {
    expect(isWorkingDay('2026-06-18')).toBe(true); // Thursday
    expect(isWorkingDay('2026-06-19')).toBe(false); // 端午节, a Friday
    expect(isWorkingDay('2026-06-20')).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday worked before the Spring Festival
    expect(isWorkingDay('2026-02-23')).toBe(false); // Monday, last day of the Spring Festival break
    expect(isWorkingDay('2026-10-05')).toBe(false); // Monday in the National Day week
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday worked after it
    expect(isWorkingDay('2026-01-04')).toBe(true); // Sunday worked after New Year
  });

  it('holds 2026 as official and 2027 as provisional', () => {
    expect(DISTRICT_CALENDAR.years).toEqual(['2026', '2027']);
    expect(isWorkingDay('2027-02-08')).toBe(false); // 初三, a Monday
  });

  it('adds working days skipping weekends and holidays, never counting the start', () => {
    expect(addWorkingDays('2026-06-17', 0)).toBe('2026-06-17');
    expect(addWorkingDays('2026-06-17', 1)).toBe('2026-06-18');
    // Thursday 18, then Monday 22 … Thursday 25: the Dragon Boat Friday and the weekend skipped.
    expect(addWorkingDays('2026-06-17', 5)).toBe('2026-06-25');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // the Sunday worked before National Day
    expect(addWorkingDays('2026-06-20', 1)).toBe('2026-06-22'); // from a Saturday
    expect(() => addWorkingDays('2026-06-17', -1)).toThrow(RangeError);
  });

  it('counts the working days after a date up to and including another', () => {
    expect(workingDaysBetween('2026-06-17', '2026-06-17')).toBe(0);
    expect(workingDaysBetween('2026-06-17', '2026-06-10')).toBe(0);
    expect(workingDaysBetween('2026-06-19', '2026-06-21')).toBe(0);
    expect(workingDaysBetween('2026-06-17', '2026-06-26')).toBe(6);
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3); // Thu 8, Fri 9, Sat 10
  });

  it('inverts: the days between a date and n working days later are n', () => {
    for (let start = '2025-12-20'; start < '2027-01-10'; start = addDays(start, 3)) {
      for (const n of [0, 1, 2, 5, 10, 23]) expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });

  it('uses the district date (UTC+8), not the server’s', () => {
    expect(districtDate(new Date('2026-06-18T15:59:59Z'))).toBe('2026-06-18');
    expect(districtDate(new Date('2026-06-18T16:00:00Z'))).toBe('2026-06-19');
  });

  it('refuses a calendar file with a date under the wrong year or both a holiday and a working day', () => {
    const year = (holidays: string[], workdays: string[]) => ({ years: { '2026': { status: 'official', source: 'x', holidays, workdays } } });
    expect(() => parseCalendar(year(['2027-01-01'], []))).toThrow(/listed under 2026/);
    expect(() => parseCalendar(year(['2026-05-09'], ['2026-05-09']))).toThrow(/both/);
    expect(() => parseCalendar(year(['2026-13-01'], []))).toThrow();
    // Years not configured count weekends only.
    expect(isWorkingDay('2030-01-01', parseCalendar(year([], [])))).toBe(true);
  });
});

describe('reminder and escalation due dates', () => {
  const at = (iso: string) => new Date(iso);
  const open = { status: 'negotiation', awaiting: 'counterpart', remindedAt: null, escalatedAt: null };

  it('reminds on the first working day after five whole working days of silence', () => {
    const c = { ...open, lastActivityAt: at('2026-06-17T09:00:00Z') }; // Wednesday before 端午
    expect(dueFor(c, '2026-06-25')).toBeNull();
    expect(dueFor(c, '2026-06-26')).toBe('remind');
  });

  it('escalates five whole working days after the reminder, once', () => {
    const reminded = { ...open, lastActivityAt: at('2026-06-17T09:00:00Z'), remindedAt: at('2026-06-26T01:00:00Z') };
    expect(dueFor(reminded, '2026-07-03')).toBeNull();
    expect(dueFor(reminded, '2026-07-06')).toBe('escalate');
    expect(dueFor({ ...reminded, escalatedAt: at('2026-07-06T01:00:00Z') }, '2026-07-20')).toBeNull();
  });

  it('never reminds on a case with an outcome or nobody to wait for', () => {
    const old = at('2026-01-05T01:00:00Z');
    expect(dueFor({ ...open, status: 'agreement', lastActivityAt: old }, '2026-06-26')).toBeNull();
    expect(dueFor({ ...open, status: 'closed', lastActivityAt: old }, '2026-06-26')).toBeNull();
    expect(dueFor({ ...open, awaiting: null, lastActivityAt: old }, '2026-06-26')).toBeNull();
  });
});
