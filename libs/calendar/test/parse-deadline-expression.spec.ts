import { describe, expect, it } from '@jest/globals';
import { parseSmallNumber } from '../src/chinese-numeral.js';
import { DeadlineExpressionError, isRecurring } from '../src/deadline-expression.js';
import { parseDeadlineExpression, tryParseDeadlineExpression } from '../src/parse-deadline-expression.js';

describe('parseDeadlineExpression', () => {
  it.each([
    ['5个工作日内', { kind: 'working-days', days: 5 }],
    ['十五个工作日内完成', { kind: 'working-days', days: 15 }],
    ['３个工作日内', { kind: 'working-days', days: 3 }],
    ['30日内', { kind: 'calendar-days', days: 30 }],
    ['七天内', { kind: 'calendar-days', days: 7 }],
    ['年底前', { kind: 'end-of-year', year: undefined }],
    ['年底前完成', { kind: 'end-of-year', year: undefined }],
    ['2025年底前', { kind: 'end-of-year', year: 2025 }],
    ['2025年年底前', { kind: 'end-of-year', year: 2025 }],
    ['6月底前', { kind: 'end-of-month', month: 6, year: undefined }],
    ['2024年十一月底前', { kind: 'end-of-month', month: 11, year: 2024 }],
    ['2024年10月12日前', { kind: 'date', year: 2024, month: 10, day: 12 }],
    ['10月12日前', { kind: 'date', year: undefined, month: 10, day: 12 }],
    ['每季度末', { kind: 'every-quarter-end' }],
    ['第三季度末', { kind: 'end-of-quarter', quarter: 3, year: undefined }],
    ['2024年第1季度末前', { kind: 'end-of-quarter', quarter: 1, year: 2024 }],
    ['每月10日前', { kind: 'every-month-day', day: 10 }],
    ['每月二十五日前', { kind: 'every-month-day', day: 25 }],
    ['每月底前', { kind: 'every-month-day', day: 'last' }],
    ['上半年', { kind: 'end-of-half', half: 1, year: undefined }],
    ['2024年下半年', { kind: 'end-of-half', half: 2, year: 2024 }],
  ])('reads %s', (text, expected) => {
    expect(parseDeadlineExpression(text)).toEqual({ ...expected, text });
  });

  it('keeps the source phrase and tolerates spaces and trailing punctuation', () => {
    expect(parseDeadlineExpression(' 2024 年 10 月 12 日前。')).toEqual({
      kind: 'date', year: 2024, month: 10, day: 12, text: '2024 年 10 月 12 日前。',
    });
  });

  it('marks only 每季度末 / 每月X日 as recurring', () => {
    expect(isRecurring(parseDeadlineExpression('每季度末'))).toBe(true);
    expect(isRecurring(parseDeadlineExpression('每月5日前'))).toBe(true);
    expect(isRecurring(parseDeadlineExpression('第四季度末'))).toBe(false);
  });

  it.each([
    ['', /empty/],
    ['尽快', /unrecognised deadline phrase "尽快"/],
    ['13月底前', /month 13 is not 1–12/],
    ['第五季度末', /quarter 5 is not 1–4/],
    ['2023年2月29日前', /not a real date/],
    ['0个工作日内', /at least 1/],
    ['每月32日前', /day 32 is not 1–31/],
  ])('rejects %j with a reason', (text, reason) => {
    expect(() => parseDeadlineExpression(text)).toThrow(DeadlineExpressionError);
    expect(() => parseDeadlineExpression(text)).toThrow(reason);
  });

  it('offers a non-throwing variant for scanning', () => {
    expect(tryParseDeadlineExpression('长期坚持')).toBeNull();
    expect(tryParseDeadlineExpression('年底前')).toMatchObject({ kind: 'end-of-year' });
  });
});

describe('parseSmallNumber', () => {
  it.each([
    ['15', 15],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['两', 2],
    ['一百二十', 120],
  ])('%s = %d', (text, n) => expect(parseSmallNumber(text)).toBe(n));
  it('rejects non-numbers', () => expect(() => parseSmallNumber('几')).toThrow(/not a number/));
});
