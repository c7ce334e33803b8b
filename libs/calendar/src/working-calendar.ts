import { type CalendarResult } from './calendar-result.js';
import { type CivilDate, addDays, dayOfWeek, yearOf } from './civil-date.js';
import { type HolidayDay, type HolidayYearData, HolidayDataError, parseHolidayYearData } from './holiday-year.js';
import { ProvisionalYearError } from './provisional-year.error.js';
import { toCivilDate } from './shanghai-time.js';

/** A city's own deviations from the national schedule (e.g. a local closure for a disaster or a festival). */
export interface LocalOverrides {
  /** Extra non-working days. */
  closures?: HolidayDay[];
  /** Extra working days (e.g. a weekend the city declared a working day). */
  workdays?: HolidayDay[];
}

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup-workday' | 'local-closure' | 'local-workday';

export interface DayInfo {
  date: CivilDate;
  working: boolean;
  kind: DayKind;
  /** Holiday or make-up day name, when there is one. */
  name?: string;
  /** True when this answer is a Monday–Friday estimate or comes from a provisional schedule. */
  provisional: boolean;
}

/** Accepts an instant (read as its Shanghai civil date) or a civil date 'YYYY-MM-DD'. */
export type DateInput = Date | CivilDate;

/** Longest run of non-working days we accept before assuming the data is broken. */
const MAX_NON_WORKING_RUN = 60;
/**
 * The sweep asks the same questions for many tasks (T-7 of the same due dates), so answers are
 * memoized; the calendar is immutable, so they never go stale. Bounded to keep a long-lived worker flat.
 */
const CACHE_LIMIT = 50_000;

/** Collects the provisional years a computation touched. */
class Touch {
  readonly years = new Set<number>();
  note(info: DayInfo): DayInfo {
    if (info.provisional) this.years.add(yearOf(info.date));
    return info;
  }
}

/**
 * Working-day arithmetic over the statutory schedule (法定节假日 + 调休补班) plus local overrides.
 *
 * API contract for years without data (decided once, used everywhere):
 * - the plain methods (`isWorkingDay`, `addWorkingDays`, …) throw `ProvisionalYearError` when the
 *   answer depends on a year without a published schedule;
 * - each has a `*Lenient` twin returning `CalendarResult<T>`: the Monday–Friday estimate with
 *   `provisional: true` and the years involved. Nothing is ever silently estimated.
 * Local overrides are facts, so a day covered by one is never provisional.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, HolidayYearData>();
  private readonly holidays = new Map<CivilDate, string>();
  private readonly makeupWorkdays = new Map<CivilDate, string>();
  private readonly closures = new Map<CivilDate, string>();
  private readonly localWorkdays = new Map<CivilDate, string>();
  private readonly dayCache = new Map<CivilDate, DayInfo>();
  private readonly addCache = new Map<string, { value: CivilDate; years: number[] }>();

  constructor(yearData: readonly HolidayYearData[], overrides: LocalOverrides = {}) {
    const regions = new Set(yearData.map((y) => y.region));
    if (regions.size > 1) {
      throw new HolidayDataError(`calendar mixes regions ${[...regions].join(', ')}; build one calendar per region`);
    }
    for (const raw of yearData) {
      const data = parseHolidayYearData(raw, `holiday data ${raw?.region}-${raw?.year}`);
      if (this.years.has(data.year)) throw new HolidayDataError(`holiday data for ${data.year} given twice`);
      this.years.set(data.year, data);
      for (const d of data.holidays) this.holidays.set(d.date, d.name);
      for (const d of data.workdays) this.makeupWorkdays.set(d.date, d.name);
    }
    for (const d of overrides.closures ?? []) this.closures.set(toCivilDate(d.date), d.name);
    for (const d of overrides.workdays ?? []) {
      const date = toCivilDate(d.date);
      if (this.closures.has(date)) {
        throw new HolidayDataError(`local override ${date} is both a closure and a working day`);
      }
      this.localWorkdays.set(date, d.name);
    }
  }

  /** Years with a published (non-provisional) schedule, ascending. */
  get publishedYears(): number[] {
    return [...this.years.values()].filter((y) => !y.provisional).map((y) => y.year).sort((a, b) => a - b);
  }

  /** True when working-day answers in this year are estimates. */
  isProvisionalYear(year: number): boolean {
    const data = this.years.get(year);
    return !data || data.provisional;
  }

  /** Source of a year's schedule (e.g. 'chinese-days@1.5.7'), or null when there is none. */
  versionOf(year: number): string | null {
    return this.years.get(year)?.version ?? null;
  }

  /** Everything known about one day; never throws for missing years (see `provisional`). */
  dayInfo(input: DateInput): DayInfo {
    const date = toCivilDate(input);
    let info = this.dayCache.get(date);
    if (info === undefined) {
      info = Object.freeze(this.computeDayInfo(date));
      if (this.dayCache.size >= CACHE_LIMIT) this.dayCache.clear();
      this.dayCache.set(date, info);
    }
    return info;
  }

  private computeDayInfo(date: CivilDate): DayInfo {
    const closure = this.closures.get(date);
    if (closure !== undefined) return { date, working: false, kind: 'local-closure', name: closure, provisional: false };
    const local = this.localWorkdays.get(date);
    if (local !== undefined) return { date, working: true, kind: 'local-workday', name: local, provisional: false };
    const provisional = this.isProvisionalYear(yearOf(date));
    const holiday = this.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, provisional };
    const makeup = this.makeupWorkdays.get(date);
    if (makeup !== undefined) return { date, working: true, kind: 'makeup-workday', name: makeup, provisional };
    const dow = dayOfWeek(date);
    const weekend = dow === 0 || dow === 6;
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', provisional };
  }

  isWorkingDay(date: DateInput): boolean {
    return this.strict('isWorkingDay', (t) => this.isWorkingIn(t, toCivilDate(date)));
  }
  isWorkingDayLenient(date: DateInput): CalendarResult<boolean> {
    return this.lenient((t) => this.isWorkingIn(t, toCivilDate(date)));
  }

  /**
   * Moves n working days from `date` (the start day itself never counts): +1 is the next working
   * day, -1 the previous one, 0 returns `date` unchanged even if it is not a working day.
   */
  addWorkingDays(date: DateInput, n: number): CivilDate {
    return this.strict('addWorkingDays', (t) => this.addCached(t, toCivilDate(date), n));
  }
  addWorkingDaysLenient(date: DateInput, n: number): CalendarResult<CivilDate> {
    return this.lenient((t) => this.addCached(t, toCivilDate(date), n));
  }

  /**
   * Working days in the half-open interval (a, b]: so `addWorkingDays(a, workingDaysBetween(a, b))`
   * is b when b is a working day. Negative when b is before a; 0 when a === b.
   */
  workingDaysBetween(a: DateInput, b: DateInput): number {
    return this.strict('workingDaysBetween', (t) => this.betweenIn(t, toCivilDate(a), toCivilDate(b)));
  }
  workingDaysBetweenLenient(a: DateInput, b: DateInput): CalendarResult<number> {
    return this.lenient((t) => this.betweenIn(t, toCivilDate(a), toCivilDate(b)));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: DateInput): CivilDate {
    return this.addWorkingDays(date, 1);
  }
  nextWorkingDayLenient(date: DateInput): CalendarResult<CivilDate> {
    return this.addWorkingDaysLenient(date, 1);
  }

  /** The first working day strictly before `date`. */
  previousWorkingDay(date: DateInput): CivilDate {
    return this.addWorkingDays(date, -1);
  }
  previousWorkingDayLenient(date: DateInput): CalendarResult<CivilDate> {
    return this.addWorkingDaysLenient(date, -1);
  }

  /** `date` itself when it is a working day, else the next working day (how deadlines move). */
  rollForward(date: DateInput): CivilDate {
    return this.strict('rollForward', (t) => this.rollIn(t, toCivilDate(date), 1));
  }
  rollForwardLenient(date: DateInput): CalendarResult<CivilDate> {
    return this.lenient((t) => this.rollIn(t, toCivilDate(date), 1));
  }

  /** `date` itself when it is a working day, else the previous working day. */
  rollBackward(date: DateInput): CivilDate {
    return this.strict('rollBackward', (t) => this.rollIn(t, toCivilDate(date), -1));
  }
  rollBackwardLenient(date: DateInput): CalendarResult<CivilDate> {
    return this.lenient((t) => this.rollIn(t, toCivilDate(date), -1));
  }

  private strict<T>(operation: string, run: (t: Touch) => T): T {
    const t = new Touch();
    const value = run(t);
    if (t.years.size > 0) throw new ProvisionalYearError([...t.years].sort((a, b) => a - b), operation);
    return value;
  }

  private lenient<T>(run: (t: Touch) => T): CalendarResult<T> {
    const t = new Touch();
    const value = run(t);
    const provisionalYears = [...t.years].sort((a, b) => a - b);
    return { value, provisional: provisionalYears.length > 0, provisionalYears };
  }

  private isWorkingIn(t: Touch, date: CivilDate): boolean {
    return t.note(this.dayInfo(date)).working;
  }

  private addCached(t: Touch, date: CivilDate, n: number): CivilDate {
    const key = `${date}|${n}`;
    let hit = this.addCache.get(key);
    if (hit === undefined) {
      const inner = new Touch();
      hit = { value: this.addIn(inner, date, n), years: [...inner.years] };
      if (this.addCache.size >= CACHE_LIMIT) this.addCache.clear();
      this.addCache.set(key, hit);
    }
    for (const y of hit.years) t.years.add(y);
    return hit.value;
  }

  private addIn(t: Touch, date: CivilDate, n: number): CivilDate {
    if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
    const dir = n < 0 ? -1 : 1;
    let current = date;
    for (let left = Math.abs(n); left > 0; left--) current = this.stepIn(t, current, dir);
    return current;
  }

  /** The next working day in direction `dir`, refusing runs of non-working days no schedule has. */
  private stepIn(t: Touch, date: CivilDate, dir: 1 | -1): CivilDate {
    let current = date;
    for (let i = 0; i < MAX_NON_WORKING_RUN; i++) {
      current = addDays(current, dir);
      if (this.isWorkingIn(t, current)) return current;
    }
    throw new HolidayDataError(`no working day within ${MAX_NON_WORKING_RUN} days of ${date}; check the overrides`);
  }

  private rollIn(t: Touch, date: CivilDate, dir: 1 | -1): CivilDate {
    return this.isWorkingIn(t, date) ? date : this.stepIn(t, date, dir);
  }

  private betweenIn(t: Touch, a: CivilDate, b: CivilDate): number {
    if (a === b) return 0;
    const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingIn(t, d)) count++;
    return sign * count;
  }
}
