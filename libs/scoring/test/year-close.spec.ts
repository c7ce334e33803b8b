import { describe, expect, it } from '@jest/globals';
import { yearClose, yearCutoff } from '@duban/scoring';

// A stand-in for the holiday calendar: 2022-12-31 (Sat) … 2023-01-02 (Mon) are the New Year holiday.
const roll = (day: string): string => (day >= '2022-12-31' && day <= '2023-01-02' ? '2023-01-03' : day);

describe('the year closes with its last deadline', () => {
  it('is 31 December when deadlines do not roll or 31 December is a working day', () => {
    expect(yearClose(2022)).toBe('2022-12-31');
    expect(yearClose(2024, roll)).toBe('2024-12-31');
  });

  it('is the working day 31 December rolls to', () => {
    expect(yearClose(2022, roll)).toBe('2023-01-03');
  });

  it('caps asOf at the close, and never moves it earlier', () => {
    expect(yearCutoff(2022, '2023-02-10', roll)).toBe('2023-01-03');
    expect(yearCutoff(2022, '2023-02-10')).toBe('2022-12-31');
    expect(yearCutoff(2022, '2022-06-30', roll)).toBe('2022-06-30');
    expect(yearCutoff(2022, undefined, roll)).toBe('2023-01-03');
  });
});
