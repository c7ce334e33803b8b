/**
 * Civil dates ('YYYY-MM-DD', a day on the wall calendar in Asia/Shanghai) and their arithmetic.
 * A civil date has no time zone of its own, so the arithmetic runs on UTC midnights — that is
 * independent of the process time zone and never crosses a DST edge.
 */
export type CivilDate = string;

export class CivilDateError extends Error {
  override readonly name = 'CivilDateError';
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Splits a civil date into numbers, rejecting anything that is not a real 'YYYY-MM-DD' date. */
export function civilParts(date: CivilDate): { year: number; month: number; day: number } {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new CivilDateError(`expected a civil date 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CivilDateError(`${date} is not a real date`);
  }
  return { year, month, day };
}

export function assertCivilDate(date: CivilDate): CivilDate {
  civilParts(date);
  return date;
}

/** Builds 'YYYY-MM-DD' from numbers; month is 1-12. Rejects impossible dates. */
export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new CivilDateError(`invalid year ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new CivilDateError(`invalid month ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new CivilDateError(`invalid day ${day} for ${year}-${month}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMs(date: CivilDate): number {
  const { year, month, day } = civilParts(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): CivilDate {
  const d = new Date(ms);
  return civilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new CivilDateError(`day count must be an integer, got ${n}`);
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from a to b (negative when b is before a). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function dayOfWeek(date: CivilDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: CivilDate): number {
  return civilParts(date).year;
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  return civilDate(year, month, daysInMonth(year, month));
}

/** Renders a civil date the way official documents write it: 2024年10月8日. */
export function formatChineseDate(date: CivilDate): string {
  const { year, month, day } = civilParts(date);
  return `${year}年${month}月${day}日`;
}
