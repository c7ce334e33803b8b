import { describe, expect, it } from '@jest/globals';
import { dueInstant, isPastDue } from '../src/due-instant.js';
import { parseDeadlineExpression as parse } from '../src/parse-deadline-expression.js';
import { occurrences, resolveDeadline } from '../src/resolve-deadline.js';
import { cnCalendar } from './cn-calendar.fixture.js';

const calendar = cnCalendar();
const due = (text: string, from: Date | string, rollForward?: boolean) =>
  resolveDeadline(parse(text), { from, calendar, rollForward });

describe('resolveDeadline', () => {
  it('counts N个工作日内 over National Day and its make-up Sunday', () => {
    // from Thu 09-26: 09-27, 09-29 (Sun, make-up), 09-30, 10-08, 10-09
    expect(due('5个工作日内', '2024-09-26')).toMatchObject({ dueDate: '2024-10-09', rolled: false, provisional: false });
    // an instant is read in Shanghai: 2024-09-25T17:00Z is 01:00 on 09-26
    expect(due('5个工作日内', new Date('2024-09-25T17:00:00Z')).dueDate).toBe('2024-10-09');
  });

  it('counts N日内 in calendar days and rolls a holiday end to the next working day', () => {
    expect(due('10日内', '2024-09-28')).toMatchObject({ nominalDate: '2024-10-08', dueDate: '2024-10-08', rolled: false });
    expect(due('10日内', '2024-09-25')).toMatchObject({ nominalDate: '2024-10-05', dueDate: '2024-10-08', rolled: true });
  });

  it('rolls a Saturday deadline to Monday unless the plan says otherwise', () => {
    expect(due('2024年3月9日前', '2024-01-01')).toMatchObject({ nominalDate: '2024-03-09', dueDate: '2024-03-11', rolled: true });
    expect(due('2024年3月9日前', '2024-01-01', false)).toMatchObject({ dueDate: '2024-03-09', rolled: false });
  });

  it('keeps a deadline on a make-up Saturday (2024-10-12 was a working day)', () => {
    expect(due('2024年10月12日前', '2024-01-01')).toMatchObject({ dueDate: '2024-10-12', rolled: false });
  });

  it('resolves 年底前 in the reference year, rolling over New Year when needed', () => {
    expect(due('年底前', '2024-03-01').dueDate).toBe('2024-12-31');
    // 2022-12-31 (Sat) to 2023-01-02 were the New Year holiday
    expect(due('年底前', '2022-05-01')).toMatchObject({ nominalDate: '2022-12-31', dueDate: '2023-01-03' });
    expect(due('2022年底前', '2024-05-01').nominalDate).toBe('2022-12-31');
  });

  it('resolves month ends, halves and quarters', () => {
    expect(due('6月底前', '2024-01-15')).toMatchObject({ nominalDate: '2024-06-30', dueDate: '2024-07-01' });
    expect(due('上半年', '2024-01-15').dueDate).toBe('2024-07-01');
    expect(due('下半年', '2024-01-15').dueDate).toBe('2024-12-31');
    expect(due('第三季度末', '2024-01-15').dueDate).toBe('2024-09-30');
    expect(due('第一季度末', '2024-01-15')).toMatchObject({ nominalDate: '2024-03-31', dueDate: '2024-04-01' });
  });

  it('resolves 每季度末 to the next occurrence still due', () => {
    // Q1's deadline rolled from Sunday 03-31 to Monday 04-01, so on 04-01 it is still the one due
    expect(due('每季度末', '2024-04-01')).toMatchObject({ nominalDate: '2024-03-31', dueDate: '2024-04-01' });
    expect(due('每季度末', '2024-04-02')).toMatchObject({ nominalDate: '2024-06-30', dueDate: '2024-07-01' });
  });

  it('resolves 每月X日前, moving 2024-02-10 (春节) to the make-up Sunday 02-18', () => {
    expect(due('每月10日前', '2024-02-01')).toMatchObject({ nominalDate: '2024-02-10', dueDate: '2024-02-18' });
    expect(due('每月10日前', '2024-02-19').dueDate).toBe('2024-03-11'); // 03-10 is a Sunday
    expect(due('每月31日前', '2024-02-01').nominalDate).toBe('2024-02-29');
  });

  it('marks deadlines in a year without data as provisional instead of guessing silently', () => {
    expect(due('年底前', '2027-03-01')).toMatchObject({
      nominalDate: '2027-12-31',
      dueDate: '2027-12-31',
      provisional: true,
      provisionalYears: [2027],
    });
    expect(due('5个工作日内', '2026-12-28')).toMatchObject({ dueDate: '2027-01-04', provisional: true });
    expect(due('5个工作日内', '2026-12-01').provisional).toBe(false);
    expect(due('2027年6月30日前', '2026-01-01', false).provisional).toBe(true);
  });

  it('rejects a date that does not exist in the reference year', () => {
    expect(() => due('2月29日前', '2023-01-01')).toThrow(/does not exist in 2023/);
    expect(due('2月29日前', '2024-01-01').nominalDate).toBe('2024-02-29');
  });
});

describe('occurrences', () => {
  it('lists the four 2024 quarter-end deadlines, rolled to working days', () => {
    const list = occurrences(parse('每季度末'), { from: '2024-01-01', to: '2024-12-31' }, { calendar });
    expect(list.map((o) => o.dueDate)).toEqual(['2024-04-01', '2024-07-01', '2024-09-30', '2024-12-31']);
    expect(list.map((o) => o.nominalDate)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
  });

  it('lists monthly deadlines inside the range only', () => {
    const list = occurrences(parse('每月10日前'), { from: '2024-01-11', to: '2024-10-31' }, { calendar });
    expect(list).toHaveLength(9);
    expect(list[0]).toMatchObject({ nominalDate: '2024-02-10', dueDate: '2024-02-18' });
    expect(list.at(-1)).toMatchObject({ nominalDate: '2024-10-10', dueDate: '2024-10-10' });
    const unrolled = occurrences(parse('每月10日前'), { from: '2024-02-01', to: '2024-02-29' }, { calendar, rollForward: false });
    expect(unrolled.map((o) => o.dueDate)).toEqual(['2024-02-10']);
  });

  it('yields a one-off deadline only when it lies in the range', () => {
    expect(occurrences(parse('2024年6月底前'), { from: '2024-01-01', to: '2024-06-30' }, { calendar })).toHaveLength(1);
    expect(occurrences(parse('2024年6月底前'), { from: '2024-07-01', to: '2024-12-31' }, { calendar })).toHaveLength(0);
    expect(() => occurrences(parse('每季度末'), { from: '2024-12-31', to: '2024-01-01' }, { calendar })).toThrow(
      /before range.from/,
    );
  });
});

describe('dueInstant', () => {
  it('is the end of the due day in Shanghai', () => {
    expect(dueInstant('2024-10-08').toISOString()).toBe('2024-10-08T15:59:59.999Z');
    expect(isPastDue(new Date('2024-10-08T15:59:59.999Z'), '2024-10-08')).toBe(false);
    expect(isPastDue(new Date('2024-10-08T16:00:00.000Z'), '2024-10-08')).toBe(true);
  });
});
