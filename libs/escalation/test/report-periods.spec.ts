import { describe, expect, it } from '@jest/globals';
import { missingReporters } from '../src/missing-reporters.js';
import { type ReportCadence, periodOf, reportDueDate, reportPeriods } from '../src/report-periods.js';
import { calendar, sh } from './cn-calendar.fixture.js';

describe('report periods', () => {
  it('uses ISO weeks, Monday to Sunday', () => {
    expect(periodOf('weekly', '2024-10-09')).toEqual({
      cadence: 'weekly',
      key: '2024-W41',
      start: '2024-10-07',
      end: '2024-10-13',
      label: '2024年第41周',
    });
    expect(periodOf('weekly', '2024-12-30').key).toBe('2025-W01');
    expect(periodOf('weekly', '2021-01-01').key).toBe('2020-W53');
  });

  it('reads instants in Shanghai: Sunday 23:30 belongs to that week', () => {
    expect(periodOf('weekly', sh('2024-10-13 23:30')).key).toBe('2024-W41');
    expect(periodOf('weekly', sh('2024-10-14 00:30')).key).toBe('2024-W42');
  });

  it('lists the months and quarters overlapping a range', () => {
    expect(reportPeriods('monthly', { from: '2024-01-15', to: '2024-03-02' }).map((p) => p.key)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    const quarters = reportPeriods('quarterly', { from: '2024-01-01', to: '2024-12-31' });
    expect(quarters.map((p) => [p.key, p.start, p.end])).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
    ]);
    expect(quarters[3]!.label).toBe('2024年第四季度');
    expect(reportPeriods('weekly', { from: '2024-01-01', to: '2024-12-31' })).toHaveLength(53);
  });

  it('makes a report due on the last working day of its period', () => {
    expect(reportDueDate(periodOf('weekly', '2024-10-01'), calendar).value).toBe('2024-09-30'); // National Day week
    expect(reportDueDate(periodOf('weekly', '2024-10-09'), calendar).value).toBe('2024-10-12'); // make-up Saturday
    expect(reportDueDate(periodOf('monthly', '2024-06-10'), calendar).value).toBe('2024-06-28');
    expect(reportDueDate(periodOf('quarterly', '2027-02-01'), calendar)).toMatchObject({ value: '2027-03-31', provisional: true });
  });

  it('rejects unknown cadences and reversed ranges', () => {
    expect(() => periodOf('daily' as ReportCadence, '2024-01-01')).toThrow(/unknown report cadence "daily"/);
    expect(() => reportPeriods('monthly', { from: '2024-03-01', to: '2024-01-01' })).toThrow(/before range.from/);
  });
});

describe('missingReporters', () => {
  const q1 = periodOf('quarterly', '2024-02-01');

  it('returns only the departments that have not reported for the period', () => {
    const missing = missingReporters(q1, ['edu', 'fin', 'hr', 'env', 'edu'], [
      { departmentId: 'edu', periodKey: '2024-Q1', reportedAt: sh('2024-04-03 10:00') }, // late, but for Q1
      { departmentId: 'fin', reportedAt: sh('2024-03-31 23:59') }, // last minute of Q1 in Shanghai
      { departmentId: 'hr', reportedAt: sh('2024-04-01 00:01') }, // already Q2
      { departmentId: 'env', periodKey: '2023-Q4' },
    ]);
    expect(missing).toEqual(['hr', 'env']);
  });

  it('returns everybody when nothing was reported', () => {
    const cadences: ReportCadence[] = ['weekly', 'monthly'];
    for (const c of cadences) expect(missingReporters(periodOf(c, '2024-05-06'), ['a', 'b'], [])).toEqual(['a', 'b']);
  });
});
