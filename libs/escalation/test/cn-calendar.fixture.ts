import { fileURLToPath } from 'node:url';
import { WorkingCalendar, loadHolidayYears } from '@duban/calendar';

/** The national calendar from the committed seeds (2004–2026); 2027+ has no data. */
export const calendar = new WorkingCalendar(
  loadHolidayYears(fileURLToPath(new URL('../../../seeds/calendar', import.meta.url))),
);

/** An instant from Shanghai wall-clock time, e.g. sh('2024-10-09 09:00'). */
export function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
