/**
 * Regenerates seeds/calendar/cn-<year>.json from the chinese-days package, so the schedule we
 * compute with is versioned data we own (the package silently treats years it does not know as
 * Monday–Friday; our WorkingCalendar flags them instead).
 *
 *   node --import ./scripts/register.mjs libs/calendar/src/export-chinese-days.ts [outDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import cd from 'chinese-days';
import { addDays, dayOfWeek } from './civil-date.js';
import type { HolidayDay, HolidayYearData } from './holiday-year.js';

const FIRST_YEAR = 2004;
/** Years after this are checked too, so a package upgrade that adds a year is picked up. */
const LAST_YEAR_TO_PROBE = 2035;

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as {
    version: string;
  };
  return `chinese-days@${pkg.version}`;
}

/** The package names days as 'Spring Festival,春节,3'; we keep the Chinese name. */
function chineseName(detail: string): string {
  const parts = detail.split(',');
  return parts[1] ?? detail;
}

export function exportYear(year: number, version: string): HolidayYearData | null {
  const holidayDates = cd.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
  if (holidayDates.length === 0) return null; // the package has no schedule for this year
  const holidays: HolidayDay[] = holidayDates.map((date) => ({
    date,
    name: chineseName(cd.getDayDetail(date).name),
  }));
  const workdays: HolidayDay[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const dow = dayOfWeek(d);
    if ((dow === 0 || dow === 6) && cd.isWorkday(d)) {
      workdays.push({ date: d, name: `${chineseName(cd.getDayDetail(d).name)}调休` });
    }
  }
  return { region: 'CN', year, version, provisional: false, holidays, workdays };
}

/** One day per line: small, readable diffs when the State Council revises a schedule. */
export function formatYearJson(data: HolidayYearData): string {
  const list = (days: HolidayDay[]): string =>
    days.length === 0 ? '[]' : `[\n${days.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]`;
  const head = (['region', 'year', 'version', 'provisional'] as const)
    .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(data[k])}`)
    .join(',\n');
  return `{\n${head},\n  "holidays": ${list(data.holidays)},\n  "workdays": ${list(data.workdays)}\n}\n`;
}

function main(): void {
  const outDir = process.argv[2] ?? 'seeds/calendar';
  mkdirSync(outDir, { recursive: true });
  const version = packageVersion();
  const written: number[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR_TO_PROBE; year++) {
    const data = exportYear(year, version);
    if (!data) continue;
    writeFileSync(join(outDir, `cn-${year}.json`), formatYearJson(data));
    written.push(year);
  }
  console.log(`${version}: wrote ${written.length} years (${written[0]}–${written.at(-1)}) to ${outDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
