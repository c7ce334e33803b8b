import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportYear, formatYearJson } from '../src/export-chinese-days.js';
import { loadHolidayYears } from '../src/load-holiday-years.js';
import { SEEDS_DIR } from './cn-calendar.fixture.js';

describe('chinese-days export', () => {
  it('produces exactly the committed seed file for 2024', () => {
    const data = exportYear(2024, 'chinese-days@1.5.7');
    expect(data).not.toBeNull();
    expect(formatYearJson(data!)).toBe(readFileSync(join(SEEDS_DIR, 'cn-2024.json'), 'utf8'));
    expect(data!.workdays.map((d) => d.date)).toEqual([
      '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
    ]);
    expect(data!.holidays.filter((d) => d.name === '国庆节')).toHaveLength(7);
  });

  it('has no data for 2027 rather than inventing a Monday–Friday year', () => {
    expect(exportYear(2027, 'x')).toBeNull();
  });

  it('commits one valid seed per year from 2004 to 2026', () => {
    const years = loadHolidayYears(SEEDS_DIR);
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(years.every((y) => y.region === 'CN' && !y.provisional)).toBe(true);
  });
});
