import { describe, expect, it } from '@jest/globals';
import { computeYear, scoreYear, weekdayCounter, type FactEvent, type TaskFact } from '@duban/scoring';
import { completed, event, fact } from './fact.factory.js';
import { testScheme, withRules } from './scheme.fixture.js';

const scheme = testScheme({ ...withRules({ completedLate: { capPerTask: 1 }, returned: { capPerYear: 3 } }), yearCaps: { maxDeducted: 15 } });

/** A small year over three departments with every kind of event. */
function year(): TaskFact[] {
  return [
    fact({ taskId: 'a', title: '任务a', departmentId: 'd1', status: 'completed', events: [event('returned', '2024-05-02', 'a-r1'), event('escalated_yellow', '2024-06-17', 'a-y'), completed('2024-07-19', '良', 'a-done')] }),
    fact({ taskId: 'a', title: '任务a', departmentId: 'd2', role: 'support', status: 'completed', events: [completed('2024-06-03', '优', 'a-done-2')] }),
    fact({ taskId: 'b', title: '任务b', departmentId: 'd1', dueDate: '2024-11-03', events: [event('escalated_red', '2024-11-20', 'b-red'), event('talk', '2024-12-01', 'b-talk')] }),
    fact({ taskId: 'c', title: '任务c', departmentId: 'd3', status: 'completed', events: [event('returned', '2024-04-01', 'c-r1'), event('returned', '2024-05-01', 'c-r2'), completed('2024-06-14', '中', 'c-done')] }),
    fact({ taskId: 'd', title: '任务d', departmentId: 'd3', dueDate: '2024-03-29', status: 'completed', events: [completed('2024-03-01', '优', 'd-done')] }),
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const run = (facts: TaskFact[]) => scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter });

describe('determinism', () => {
  const reference = run(year());

  it('covers caps and every event kind in the reference year', () => {
    const rules = new Set(reference.departments.flatMap((unit) => unit.lines.map((line) => line.rule)));
    for (const rule of ['completedOnTime', 'completedEarly', 'completedLate', 'missed', 'returned', 'escalatedYellow', 'escalatedRed', 'talk', 'cap.task:completedLate', 'cap.year:returned']) {
      expect(rules).toContain(rule);
    }
  });

  it('gives the same lines when events are delivered twice and out of order', () => {
    const noisy = shuffled(year(), 7).map((f, index) => ({
      ...f,
      events: shuffled([...f.events, ...f.events.map((e: FactEvent) => ({ ...e }))], index + 3),
    }));
    expect(run(noisy)).toEqual(reference);
  });

  it('merges a fact delivered twice with its events split between the deliveries', () => {
    const facts = year();
    const split = facts.flatMap((f) => [
      { ...f, events: f.events.filter((_, i) => i % 2 === 0) },
      { ...f, events: f.events.filter((_, i) => i % 2 === 1) },
    ]);
    const merged = run(shuffled(split, 11));
    expect(merged.departments).toEqual(reference.departments);
    expect(merged.warnings.length).toBeGreaterThan(0);
  });

  it('agrees between an incremental recompute of one department and the full year', () => {
    const facts = year();
    const d3Only = scoreYear({ scheme, year: 2024, facts: facts.filter((f) => f.departmentId === 'd3'), workingDays: weekdayCounter });
    expect(d3Only.departments).toEqual(reference.departments.filter((unit) => unit.departmentId === 'd3'));
  });

  it('refuses a fact delivered twice with contradicting fields', () => {
    const [first] = year();
    expect(() => run([first, { ...first, dueDate: '2024-08-01' }])).toThrow(/任务 a，字段 dueDate/);
  });

  it('ranks the same input the same way every time', () => {
    const input = { scheme, year: 2024, workingDays: weekdayCounter, departmentKinds: {}, departmentCodes: {} };
    const a = computeYear({ ...input, facts: year() });
    const b = computeYear({ ...input, facts: shuffled(year(), 5) });
    expect(b.ranking).toEqual(a.ranking);
  });

  it('does not move a closed year when later events arrive', () => {
    const later = [...year(), fact({ taskId: 'a', title: '任务a', departmentId: 'd1', status: 'completed', events: [event('talk', '2025-01-05', 'late-talk')] })];
    expect(run(later).departments).toEqual(reference.departments);
  });
});
