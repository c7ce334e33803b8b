import { describe, expect, it } from '@jest/globals';
import { type EscalationTask } from '../src/escalation-task.js';
import { ladderSteps } from '../src/ladder-steps.js';
import { calendar, sh } from './cn-calendar.fixture.js';

const task: EscalationTask = {
  taskId: 't-9',
  status: 'in_progress',
  dueDate: '2024-09-27',
  deadlineVersion: 2,
  leadDepartmentId: 'edu',
  supportDepartmentIds: ['fin'],
};

describe('ladderSteps', () => {
  it('escalates +1/+5/+10 working days after a deadline just before National Day', () => {
    const steps = ladderSteps(task, calendar);
    expect(steps.map((s) => [s.step, s.date, s.colour, s.action])).toEqual([
      ['+1', '2024-09-29', 'yellow', 'urge'], // Sunday make-up working day
      ['+5', '2024-10-10', 'red', 'supervise'], // 09-29, 09-30, 10-08, 10-09, 10-10
      ['+10', '2024-10-16', 'red', 'escalate'], // 10-11, 10-12 (Sat), 10-14, 10-15, 10-16
    ]);
    expect(steps[0]!.at).toEqual(sh('2024-09-29 09:00'));
    expect(steps.map((s) => s.key)).toEqual(['t-9|ladder|+1|v2', 't-9|ladder|+5|v2', 't-9|ladder|+10|v2']);
  });

  it('urges the departments, then the coordinating office, then leadership with a 约谈 flag', () => {
    const [urge, supervise, escalate] = ladderSteps(task, calendar);
    expect(urge!.recipients).toEqual([
      { kind: 'lead', departmentId: 'edu' },
      { kind: 'support', departmentId: 'fin' },
    ]);
    expect(supervise!.recipients).toEqual([{ kind: 'coordinating-office' }, { kind: 'lead', departmentId: 'edu' }]);
    expect(escalate!.recipients).toEqual([{ kind: 'leadership' }, { kind: 'coordinating-office' }]);
    expect([urge!.flagInterview, supervise!.flagInterview, escalate!.flagInterview]).toEqual([false, false, true]);
    expect(escalate!.critical).toBe(true);
  });

  it('flags ladder steps that land in 2027 as provisional', () => {
    // from Thu 2026-12-24: +1 12-25 and +5 12-31 are known; +10 lands in 2027
    const steps = ladderSteps({ ...task, dueDate: '2026-12-24' }, calendar);
    expect(steps.map((s) => [s.date, s.provisional])).toEqual([
      ['2026-12-25', false],
      ['2026-12-31', false],
      ['2027-01-07', true], // estimated Mon–Fri: even 2027-01-01 counts until the schedule is published
    ]);
    // a due date in 2027 makes every step an estimate
    expect(ladderSteps({ ...task, dueDate: '2027-03-01' }, calendar).every((s) => s.provisional)).toBe(true);
  });
});
