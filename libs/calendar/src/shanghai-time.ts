import { TZDate } from '@date-fns/tz';
import { type CivilDate, civilDate, civilParts } from './civil-date.js';

/** China has one civil time zone; every civil date in duban is read in it, never in the process zone. */
export const SHANGHAI_TZ = 'Asia/Shanghai';

function assertInstant(instant: Date, what = 'instant'): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new TypeError(`${what} must be a valid Date, got ${String(instant)}`);
  }
}

/** The Shanghai civil date an instant falls on. */
export function shanghaiDateOf(instant: Date): CivilDate {
  assertInstant(instant);
  const ms = instant.getTime();
  if (ms !== lastDateOf.ms) {
    const t = new TZDate(ms, SHANGHAI_TZ);
    lastDateOf = { ms, date: civilDate(t.getFullYear(), t.getMonth() + 1, t.getDate()) };
  }
  return lastDateOf.date;
}

/** Minutes since Shanghai midnight (0–1439) of an instant. */
export function shanghaiMinuteOfDay(instant: Date): number {
  assertInstant(instant);
  const ms = instant.getTime();
  if (ms !== lastMinuteOf.ms) {
    const t = new TZDate(ms, SHANGHAI_TZ);
    lastMinuteOf = { ms, minute: t.getHours() * 60 + t.getMinutes() };
  }
  return lastMinuteOf.minute;
}

// The last instant each of them converted: a sweep asks about the same `now` (quiet hours, digest
// day) once per message, 200k times a busy morning, and a time-zone conversion is the costly part.
let lastDateOf: { ms: number; date: CivilDate } = { ms: Number.NaN, date: '' as CivilDate };
let lastMinuteOf: { ms: number; minute: number } = { ms: Number.NaN, minute: 0 };

/** UTC offset (ms) of Shanghai per civil date; the sweep converts the same few hundred dates millions of times. */
const offsetCache = new Map<CivilDate, number>();
const OFFSET_CACHE_LIMIT = 20_000;

function shanghaiOffsetMs(date: CivilDate, year: number, month: number, day: number): number {
  let offset = offsetCache.get(date);
  if (offset === undefined) {
    // Read at noon: China last changed clocks (summer time) in 1991, always at night.
    offset = -new TZDate(year, month - 1, day, 12, SHANGHAI_TZ).getTimezoneOffset() * 60_000;
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(date, offset);
  }
  return offset;
}

/** The instant of a Shanghai wall-clock time on a civil date. */
export function shanghaiInstant(date: CivilDate, hours = 0, minutes = 0, seconds = 0, ms = 0): Date {
  const { year, month, day } = civilParts(date);
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  return new Date(wall - shanghaiOffsetMs(date, year, month, day));
}

/** Accepts either an instant or a civil date and returns the Shanghai civil date. */
export function toCivilDate(value: Date | CivilDate): CivilDate {
  return value instanceof Date ? shanghaiDateOf(value) : (civilParts(value), value);
}

/** Parses 'HH:mm' into minutes since midnight; used by policy data. */
export function parseClockTime(hhmm: string, what = 'time'): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new RangeError(`${what} must be 'HH:mm' (00:00–23:59), got ${JSON.stringify(hhmm)}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}
