/**
 * One year of the statutory holiday schedule (法定节假日 and 调休补班 make-up working days),
 * as published by the State Council and exported to `seeds/calendar/<region>-<year>.json`.
 * The same shape is what Postgres stores per (region, year, version).
 */
export interface HolidayDay {
  /** Civil date 'YYYY-MM-DD' in Asia/Shanghai. */
  date: string;
  /** Simplified Chinese name, e.g. '春节' or '春节调休'. */
  name: string;
}

export interface HolidayYearData {
  region: string;
  year: number;
  /** Where the data came from, e.g. 'chinese-days@1.5.7' or 'gov.cn 国办发明电〔2026〕x号'. */
  version: string;
  /** True when the schedule is a guess (not yet published); working-day results then carry the flag. */
  provisional: boolean;
  /** Non-working days even if they fall Monday–Friday (may include weekend days of a holiday block). */
  holidays: HolidayDay[];
  /** Working days even if they fall on a weekend (调休补班). */
  workdays: HolidayDay[];
}

export class HolidayDataError extends Error {
  override readonly name = 'HolidayDataError';
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks an untrusted value (a parsed JSON file, a database row) and returns it typed.
 * Every problem names the field, so a broken seed file is fixed in one look.
 */
export function parseHolidayYearData(value: unknown, source = 'holiday data'): HolidayYearData {
  const fail = (what: string): never => {
    throw new HolidayDataError(`${source}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected an object');
  const v = value as Record<string, unknown>;
  if (typeof v.region !== 'string' || v.region.length === 0) fail('"region" must be a non-empty string');
  if (typeof v.year !== 'number' || !Number.isInteger(v.year) || v.year < 1900 || v.year > 2999) {
    fail(`"year" must be an integer year, got ${JSON.stringify(v.year)}`);
  }
  if (typeof v.version !== 'string' || v.version.length === 0) fail('"version" must be a non-empty string');
  if (typeof v.provisional !== 'boolean') fail('"provisional" must be a boolean');
  const year = v.year as number;
  const days = (field: 'holidays' | 'workdays'): HolidayDay[] => {
    const list = v[field];
    if (!Array.isArray(list)) return fail(`"${field}" must be an array`);
    return list.map((item: unknown, i: number) => {
      const d = item as Record<string, unknown> | null;
      if (typeof d !== 'object' || d === null) return fail(`"${field}[${i}]" must be an object`);
      const m = typeof d.date === 'string' ? DATE_RE.exec(d.date) : null;
      if (!m) return fail(`"${field}[${i}].date" must be 'YYYY-MM-DD', got ${JSON.stringify(d.date)}`);
      if (Number(m[1]) !== year) return fail(`"${field}[${i}].date" ${d.date} is not in year ${year}`);
      const probe = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
      if (probe.getUTCMonth() !== Number(m[2]) - 1 || probe.getUTCDate() !== Number(m[3])) {
        return fail(`"${field}[${i}].date" ${d.date} is not a real date`);
      }
      if (typeof d.name !== 'string') return fail(`"${field}[${i}].name" must be a string`);
      return { date: d.date as string, name: d.name };
    });
  };
  const holidays = days('holidays');
  const workdays = days('workdays');
  const holidaySet = new Set(holidays.map((d) => d.date));
  const clash = workdays.find((d) => holidaySet.has(d.date));
  if (clash) fail(`${clash.date} is listed both as a holiday and as a working day`);
  return {
    region: v.region as string,
    year,
    version: v.version as string,
    provisional: v.provisional as boolean,
    holidays,
    workdays,
  };
}
