import { describe, expect, it } from '@jest/globals';
import { completedFact, event, fact } from './fact.factory.js';
import { linesOf, scoreOf } from './helpers.js';
import { testScheme, withRules } from './scheme.fixture.js';

describe('caps', () => {
  it('caps a late completion per task with its own adjustment line', () => {
    const scheme = testScheme(withRules({ completedLate: { capPerTask: 1 } }));
    // Due Friday 2024-06-14, done Friday 2024-06-28: 10 working days late → −1.0 raw, no cap needed.
    const atCap = scoreOf([completedFact('2024-06-28', { taskId: 'a' })], scheme);
    expect(linesOf(atCap, 'cap.task:completedLate')).toEqual([]);
    // Done 2024-07-12: 20 working days late → −2.0 raw, capped at −1 by a +1 line.
    const overCap = scoreOf([completedFact('2024-07-12', { taskId: 'b' })], scheme);
    expect(linesOf(overCap, 'completedLate')[0].points).toBe(-2);
    const [cap] = linesOf(overCap, 'cap.task:completedLate');
    expect(cap.points).toBe(1);
    expect(cap.taskId).toBe('b');
    expect(cap.reason).toContain('超过单项上限1分，按1分计，加回1分');
    expect(overCap.score).toBe(scheme.baseScore - 1);
  });

  it('caps a rule per year across tasks', () => {
    const scheme = testScheme(withRules({ returned: { capPerYear: 5 } }));
    const facts = [1, 2, 3].map((n) => fact({ dueDate: '2024-12-31', status: 'in_progress', events: [event('returned', `2024-0${n}-10`)] }));
    const unit = scoreOf(facts, scheme, { asOf: '2024-10-01' });
    expect(linesOf(unit, 'returned')).toHaveLength(3);
    const [cap] = linesOf(unit, 'cap.year:returned');
    expect(cap.points).toBe(1); // −6 capped at −5
    expect(cap.reason).toContain('“退回重办”全年共扣6分，超过年度上限5分');
    expect(unit.score).toBe(scheme.baseScore - 5);
  });

  it('caps the total deduction and the total gain per year', () => {
    const scheme = testScheme({ yearCaps: { maxDeducted: 12, maxAdded: 2 } });
    const missed = [1, 2, 3].map(() => fact());
    const deducted = scoreOf(missed, scheme);
    expect(linesOf(deducted, 'cap.year:deducted')[0].points).toBe(3);
    expect(deducted.score).toBe(scheme.baseScore - 12);
    expect(deducted.deducted).toBe(12);

    const done = [1, 2, 3, 4].map(() => completedFact('2024-06-14'));
    const added = scoreOf(done, scheme);
    expect(linesOf(added, 'cap.year:added')[0].points).toBe(-2);
    expect(added.score).toBe(scheme.baseScore + 2);
    expect(added.added).toBe(2);
  });

  it('applies the per-rule cap before the year cap, each visible on its own line', () => {
    const scheme = testScheme({ ...withRules({ talk: { capPerYear: 3 } }), yearCaps: { maxDeducted: 6 } });
    const facts = [
      fact({ events: [event('talk', '2024-03-01', 'talk1'), event('talk', '2024-04-01', 'talk2')] }),
      fact(),
    ];
    const unit = scoreOf(facts, scheme);
    // talk −6 → capped −3 (+3); missed −10; total −13 → capped −6 (+7).
    expect(linesOf(unit, 'cap.year:talk')[0].points).toBe(3);
    expect(linesOf(unit, 'cap.year:deducted')[0].points).toBe(7);
    expect(unit.score).toBe(scheme.baseScore - 6);
  });
});
