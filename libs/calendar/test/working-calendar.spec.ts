import { describe, expect, it } from '@jest/globals';
import { HolidayDataError, type HolidayYearData } from '../src/holiday-year.js';
import { ProvisionalYearError } from '../src/provisional-year.error.js';
import { WorkingCalendar } from '../src/working-calendar.js';
import { cnCalendar } from './cn-calendar.fixture.js';

const cal = cnCalendar();

describe('WorkingCalendar with the 2024 national schedule', () => {
  it('treats the Spring Festival block as holidays and its make-up Sundays as working days', () => {
    expect(cal.isWorkingDay('2024-02-04')).toBe(true); // Sunday, 春节调休
    for (let d = 10; d <= 17; d++) expect(cal.isWorkingDay(`2024-02-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true); // Sunday, 春节调休
    expect(cal.isWorkingDay('2024-02-09')).toBe(true); // 除夕 was an ordinary Friday in 2024
    expect(cal.dayInfo('2024-02-04')).toEqual({
      date: '2024-02-04',
      working: true,
      kind: 'makeup-workday',
      name: '春节调休',
      provisional: false,
    });
    expect(cal.dayInfo('2024-02-12')).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
  });

  it('treats National Day 10-01..07 as holidays and Saturday 10-12 as a working day', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2024-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2024-09-29')).toBe(true); // Sunday make-up day
    expect(cal.isWorkingDay('2024-10-12')).toBe(true); // Saturday make-up day
    expect(cal.isWorkingDay('2024-10-13')).toBe(false); // ordinary Sunday
  });

  it('adds working days over holidays and make-up days, in both directions', () => {
    expect(cal.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
    expect(cal.addWorkingDays('2024-09-27', 2)).toBe('2024-09-30'); // via Sunday 09-29
    expect(cal.addWorkingDays('2024-10-11', 1)).toBe('2024-10-12');
    expect(cal.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(cal.addWorkingDays('2024-02-19', -2)).toBe('2024-02-09');
    expect(cal.addWorkingDays('2024-10-05', 0)).toBe('2024-10-05');
  });

  it('counts working days in (a, b] and stays consistent with addWorkingDays', () => {
    // 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12, 10-14
    expect(cal.workingDaysBetween('2024-09-27', '2024-10-14')).toBe(8);
    expect(cal.workingDaysBetween('2024-10-14', '2024-09-27')).toBe(-8);
    expect(cal.workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2024-10-01', '2024-10-01')).toBe(0);
    for (const [a, b] of [['2024-02-01', '2024-02-29'], ['2024-09-20', '2024-10-20']] as const) {
      expect(cal.addWorkingDays(a, cal.workingDaysBetween(a, b))).toBe(cal.rollBackward(b));
    }
  });

  it('rolls a Saturday deadline to Monday, and over a Monday holiday to Tuesday', () => {
    expect(cal.rollForward('2024-03-09')).toBe('2024-03-11');
    expect(cal.rollForward('2024-06-08')).toBe('2024-06-11'); // 06-10 端午
    expect(cal.rollForward('2024-10-12')).toBe('2024-10-12'); // already a working day
    expect(cal.nextWorkingDay('2024-10-12')).toBe('2024-10-14');
    expect(cal.rollBackward('2024-10-06')).toBe('2024-09-30');
    expect(cal.previousWorkingDay('2024-10-08')).toBe('2024-09-30');
  });

  it('accepts instants and reads them as Shanghai dates', () => {
    // 2024-02-03T16:30Z is 00:30 on Sunday 02-04 in Shanghai, a make-up working day
    expect(cal.isWorkingDay(new Date('2024-02-03T16:30:00Z'))).toBe(true);
    expect(cal.isWorkingDay(new Date('2024-02-03T15:30:00Z'))).toBe(false);
  });

  it('keeps the source version of each year', () => {
    expect(cal.versionOf(2024)).toMatch(/^chinese-days@/);
    expect(cal.versionOf(2027)).toBeNull();
    expect(cal.publishedYears[0]).toBe(2004);
    expect(cal.publishedYears.at(-1)).toBe(2026);
  });
});

describe('years without data (2027)', () => {
  it('refuses strict answers with a typed error naming the year', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(ProvisionalYearError);
    try {
      cal.addWorkingDays('2026-12-30', 3);
      throw new Error('expected ProvisionalYearError');
    } catch (e) {
      expect(e).toBeInstanceOf(ProvisionalYearError);
      expect((e as ProvisionalYearError).years).toEqual([2027]);
      expect((e as ProvisionalYearError).operation).toBe('addWorkingDays');
    }
  });

  it('gives a flagged Monday–Friday estimate from the lenient variants', () => {
    expect(cal.isWorkingDayLenient('2027-01-01')).toEqual({ value: true, provisional: true, provisionalYears: [2027] });
    // 12-31 (Thu, known) then 2027-01-01 (Fri, estimated working) then 01-04 (Mon)
    expect(cal.addWorkingDaysLenient('2026-12-30', 3)).toEqual({
      value: '2027-01-04',
      provisional: true,
      provisionalYears: [2027],
    });
    expect(cal.rollForwardLenient('2027-01-02')).toMatchObject({ value: '2027-01-04', provisional: true });
    expect(cal.workingDaysBetweenLenient('2026-12-25', '2027-01-08').provisional).toBe(true);
  });

  it('keeps flagging repeated questions (answers are memoized, flags too)', () => {
    const c = cnCalendar();
    for (let i = 0; i < 2; i++) {
      expect(c.addWorkingDaysLenient('2026-12-30', 3).provisionalYears).toEqual([2027]);
      expect(() => c.addWorkingDays('2026-12-30', 3)).toThrow(ProvisionalYearError);
      expect(c.addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
    }
  });

  it('does not flag computations that stay inside published years', () => {
    expect(cal.addWorkingDaysLenient('2026-12-28', 3)).toEqual({
      value: '2026-12-31',
      provisional: false,
      provisionalYears: [],
    });
  });

  it('flags a year whose data is itself marked provisional', () => {
    const guess: HolidayYearData = {
      region: 'CN',
      year: 2027,
      version: 'local guess',
      provisional: true,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
    };
    const c = new WorkingCalendar([guess]);
    expect(c.isWorkingDayLenient('2027-01-01')).toEqual({ value: false, provisional: true, provisionalYears: [2027] });
    expect(() => c.isWorkingDay('2027-01-01')).toThrow(ProvisionalYearError);
  });
});

describe('local overrides', () => {
  const local = cnCalendar({
    closures: [{ date: '2024-07-15', name: '防汛停工' }, { date: '2027-01-05', name: '地方闭馆' }],
    workdays: [{ date: '2024-07-13', name: '地方补班' }],
  });

  it('adds a city closure day and an extra working day on top of the national schedule', () => {
    expect(local.isWorkingDay('2024-07-15')).toBe(false);
    expect(local.isWorkingDay('2024-07-13')).toBe(true);
    expect(local.addWorkingDays('2024-07-12', 2)).toBe('2024-07-16');
    expect(cal.addWorkingDays('2024-07-12', 2)).toBe('2024-07-16'); // nationally: 07-15, 07-16
    expect(local.addWorkingDays('2024-07-12', 1)).toBe('2024-07-13');
    expect(local.dayInfo('2024-07-15')).toMatchObject({ kind: 'local-closure', name: '防汛停工' });
  });

  it('treats an override as a fact even in a year without data', () => {
    expect(local.isWorkingDay('2027-01-05')).toBe(false);
  });
});

describe('bad data is rejected with a clear reason', () => {
  const year = (y: number, extra: Partial<HolidayYearData> = {}): HolidayYearData => ({
    region: 'CN',
    year: y,
    version: 'test',
    provisional: false,
    holidays: [],
    workdays: [],
    ...extra,
  });

  it('names each problem', () => {
    expect(() => new WorkingCalendar([year(2024), year(2024)])).toThrow(/2024 given twice/);
    expect(() => new WorkingCalendar([year(2024), year(2025, { region: 'HK' })])).toThrow(/mixes regions/);
    expect(() => new WorkingCalendar([year(2024, { holidays: [{ date: '2024-02-30', name: 'x' }] })])).toThrow(
      /holidays\[0\]\.date" 2024-02-30 is not a real date/,
    );
    expect(() => new WorkingCalendar([year(2024, { holidays: [{ date: '2025-01-01', name: 'x' }] })])).toThrow(
      /not in year 2024/,
    );
    expect(
      () => new WorkingCalendar([], { closures: [{ date: '2024-07-15', name: 'a' }], workdays: [{ date: '2024-07-15', name: 'b' }] }),
    ).toThrow(HolidayDataError);
    expect(() => cal.addWorkingDays('2024-01-01', 1.5)).toThrow(/integer/);
    expect(() => cal.isWorkingDay('2024-13-01')).toThrow(/not a real date/);
  });
});
