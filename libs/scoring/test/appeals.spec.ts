import { describe, expect, it } from '@jest/globals';
import { ledgerKey, parseLedgerKey, scoreYear, weekdayCounter } from '@duban/scoring';
import { event, fact } from './fact.factory.js';
import { linesOf, scoreOf } from './helpers.js';
import { testScheme, withRules } from './scheme.fixture.js';

const scheme = testScheme();

describe('appeals (申诉)', () => {
  const facts = [fact({ taskId: 'road', title: '修缮校舍', status: 'in_progress', dueDate: '2024-12-31', events: [event('returned', '2024-09-12', 'ev-ret')] })];

  it('voids an upheld line with an explicit counter line and the score follows', () => {
    const before = scoreOf(facts, scheme, { asOf: '2024-10-01' });
    const [returned] = linesOf(before, 'returned');
    expect(returned.key).toBe(ledgerKey('d1', 'road', 'ev-ret', 'returned'));
    const after = scoreOf(facts, scheme, { asOf: '2024-10-01', voidedLineKeys: [returned.key] });
    const [appeal] = linesOf(after, 'appeal:returned');
    expect(appeal.points).toBe(-returned.points);
    expect(appeal.adjusts).toBe(returned.key);
    expect(appeal.reason).toBe(`申诉成立，撤销此项，加回2分（原：${returned.reason}）`);
    expect(after.score).toBe(before.score - returned.points);
    expect(after.counts.returned.lead).toBe(0);
  });

  it('reports appeal keys that match no line instead of ignoring them silently', () => {
    const stray = ledgerKey('d1', 'road', 'nope', 'returned');
    const result = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter, asOf: '2024-10-01', voidedLineKeys: [stray] });
    expect(result.unmatchedAppeals).toEqual([stray]);
    expect(parseLedgerKey(stray)).toEqual({ departmentId: 'd1', taskId: 'road', eventId: 'nope', rule: 'returned' });
  });

  it('lets an upheld appeal bring a department back under a cap', () => {
    const capped = testScheme(withRules({ returned: { capPerYear: 3 } }));
    const twoReturns = [fact({ taskId: 'x', status: 'in_progress', dueDate: '2024-12-31', events: [event('returned', '2024-03-01', 'r1'), event('returned', '2024-04-01', 'r2')] })];
    const before = scoreOf(twoReturns, capped, { asOf: '2024-10-01' });
    expect(linesOf(before, 'cap.year:returned')).toHaveLength(1);
    const after = scoreOf(twoReturns, capped, { asOf: '2024-10-01', voidedLineKeys: [ledgerKey('d1', 'x', 'r1', 'returned')] });
    expect(linesOf(after, 'cap.year:returned')).toEqual([]);
    expect(after.score).toBe(capped.baseScore - 2);
  });

  it('keys survive ids containing the separator', () => {
    const key = ledgerKey('d|1', 't:1', 'e|x', 'missed');
    expect(parseLedgerKey(key)).toEqual({ departmentId: 'd|1', taskId: 't:1', eventId: 'e|x', rule: 'missed' });
    expect(() => parseLedgerKey('a|b')).toThrow(/格式不正确/);
  });
});
