import { describe, expect, it } from '@jest/globals';
import {
  CivilDateError,
  addDays,
  civilDate,
  civilParts,
  dayOfWeek,
  daysBetween,
  formatChineseDate,
  lastDayOfMonth,
} from '../src/civil-date.js';
import { parseClockTime, shanghaiDateOf, shanghaiInstant, shanghaiMinuteOfDay, toCivilDate } from '../src/shanghai-time.js';

describe('civil dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-09-30', '2024-10-08')).toBe(8);
    expect(daysBetween('2024-10-08', '2024-09-30')).toBe(-8);
  });

  it('knows the weekday: 2024-02-04 was a Sunday, 2024-10-12 a Saturday', () => {
    expect(dayOfWeek('2024-02-04')).toBe(0);
    expect(dayOfWeek('2024-10-12')).toBe(6);
    expect(dayOfWeek('2024-10-14')).toBe(1);
  });

  it('rejects malformed and impossible dates, naming them', () => {
    expect(() => civilParts('2024-02-30')).toThrow(/2024-02-30 is not a real date/);
    expect(() => civilParts('2024-2-3')).toThrow(CivilDateError);
    expect(() => civilDate(2023, 2, 29)).toThrow(/invalid day 29/);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(/integer/);
  });

  it('finds month ends and writes dates the official way', () => {
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2024, 6)).toBe('2024-06-30');
    expect(formatChineseDate('2024-10-08')).toBe('2024年10月8日');
  });
});

describe('Shanghai time', () => {
  it('reads the civil date in Asia/Shanghai, not in the (UTC) process zone', () => {
    expect(shanghaiDateOf(new Date('2024-02-03T15:59:59Z'))).toBe('2024-02-03');
    expect(shanghaiDateOf(new Date('2024-02-03T16:00:00Z'))).toBe('2024-02-04');
    expect(toCivilDate(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(toCivilDate('2024-10-01')).toBe('2024-10-01');
  });

  it('builds instants from Shanghai wall-clock times', () => {
    expect(shanghaiInstant('2024-10-08', 9).toISOString()).toBe('2024-10-08T01:00:00.000Z');
    expect(shanghaiInstant('2024-10-08').toISOString()).toBe('2024-10-07T16:00:00.000Z');
    expect(shanghaiMinuteOfDay(new Date('2024-10-07T14:00:00Z'))).toBe(22 * 60);
  });

  it('rejects invalid instants and clock times', () => {
    expect(() => shanghaiDateOf(new Date('nope'))).toThrow(/valid Date/);
    expect(parseClockTime('07:00')).toBe(420);
    expect(() => parseClockTime('24:00', 'quietHours.end')).toThrow(/quietHours.end/);
  });
});
