import { join } from 'node:path';
import { WorkingCalendar, loadHolidayYears } from '@duban/calendar';
import type { WorkingDayCounter } from '@duban/scoring';

/** Nest token for the working-day counter the scoring engine uses (法定节假日 and 调休 aware). */
export const WORKING_DAYS = Symbol('WORKING_DAYS');

/**
 * Builds the counter from the holiday files (seeds/calendar by default). Years without published
 * holiday data fall back to the calendar's flagged Monday–Friday estimate rather than failing a
 * whole recompute: the late-day count of one task is then an estimate, never a crash.
 */
export function createWorkingDayCounter(dir = join(process.cwd(), 'seeds/calendar')): WorkingDayCounter {
  const calendar = new WorkingCalendar(loadHolidayYears(dir));
  return (from, to) => (to <= from ? 0 : calendar.workingDaysBetweenLenient(from, to).value);
}
