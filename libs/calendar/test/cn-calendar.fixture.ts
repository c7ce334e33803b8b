import { fileURLToPath } from 'node:url';
import { loadHolidayYears } from '../src/load-holiday-years.js';
import { type LocalOverrides, WorkingCalendar } from '../src/working-calendar.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../../seeds/calendar', import.meta.url));

/** The national calendar from the committed seeds (2004–2026); 2027+ has no data. */
export function cnCalendar(overrides?: LocalOverrides): WorkingCalendar {
  return new WorkingCalendar(loadHolidayYears(SEEDS_DIR), overrides);
}
