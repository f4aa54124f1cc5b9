import { addWorkingDays, districtDate } from '../matchmaking/working-days.js';

const DISTRICT_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The end of a public notice (公示) of `workingDays` working days starting the
 * day after `from`: midnight (district time, UTC+8) at the end of the last
 * working day. A deal struck on Friday with 5 working days ends at the end of
 * the next Friday (holidays and 调休 from the working calendar).
 */
export function noticeEnd(from: Date, workingDays: number): Date {
  const lastDay = addWorkingDays(districtDate(from), workingDays);
  return new Date(Date.parse(`${lastDay}T00:00:00Z`) + 24 * 60 * 60 * 1000 - DISTRICT_OFFSET_MS);
}
