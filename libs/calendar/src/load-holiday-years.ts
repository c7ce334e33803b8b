import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type HolidayYearData, parseHolidayYearData } from './holiday-year.js';

/**
 * Reads every `<region>-<year>.json` in a directory (e.g. seeds/calendar) for one region.
 * For seeding and tests; at run time the engine loads the same shape from Postgres.
 */
export function loadHolidayYears(dir: string, region = 'CN'): HolidayYearData[] {
  const prefix = `${region.toLowerCase()}-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((f) => parseHolidayYearData(JSON.parse(readFileSync(join(dir, f), 'utf8')), f));
}
