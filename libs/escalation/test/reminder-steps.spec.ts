import { describe, expect, it } from '@jest/globals';
import { resolvePolicy } from '../src/escalation-policy.js';
import { type EscalationTask } from '../src/escalation-task.js';
import { reminderSteps } from '../src/reminder-steps.js';
import { calendar, sh } from './cn-calendar.fixture.js';

const task = (over: Partial<EscalationTask> = {}): EscalationTask => ({
  taskId: 't-1',
  status: 'in_progress',
  dueDate: '2024-10-14',
  deadlineVersion: 1,
  leadDepartmentId: 'edu',
  supportDepartmentIds: ['fin', 'hr'],
  ...over,
});

describe('reminderSteps', () => {
  it('counts T-7/T-3/T-1 back over National Day and the make-up days, at 09:00 Shanghai', () => {
    const steps = reminderSteps(task(), calendar);
    expect(steps.map((s) => [s.step, s.date])).toEqual([
      ['T-7', '2024-09-29'], // 10-12, 10-11, 10-10, 10-09, 10-08, 09-30, then the make-up Sunday 09-29
      ['T-3', '2024-10-10'],
      ['T-1', '2024-10-12'], // Saturday make-up working day
      ['due', '2024-10-14'],
    ]);
    expect(steps[0]!.at).toEqual(sh('2024-09-29 09:00'));
    expect(steps.every((s) => s.rule === 'reminder' && !s.provisional && !s.critical)).toBe(true);
    expect(steps[1]!.key).toBe('t-1|reminder|T-3|v1');
  });

  it('reaches back over the Spring Festival to the make-up Sunday 2024-02-04', () => {
    const steps = reminderSteps(task({ dueDate: '2024-02-19' }), calendar);
    expect(steps.map((s) => s.date)).toEqual(['2024-02-04', '2024-02-08', '2024-02-18', '2024-02-19']);
  });

  it('addresses the lead and every support department', () => {
    const [first] = reminderSteps(task(), calendar);
    expect(first!.recipients).toEqual([
      { kind: 'lead', departmentId: 'edu' },
      { kind: 'support', departmentId: 'fin' },
      { kind: 'support', departmentId: 'hr' },
    ]);
  });

  it('owes no reminders dated before the deadline took effect', () => {
    const steps = reminderSteps(task({ deadlineSetAt: sh('2024-10-10 16:00') }), calendar);
    expect(steps.map((s) => s.step)).toEqual(['T-3', 'T-1', 'due']);
  });

  it('marks reminders in a year without holiday data as provisional', () => {
    expect(reminderSteps(task({ dueDate: '2027-01-08' }), calendar).every((s) => s.provisional)).toBe(true);
    expect(reminderSteps(task({ dueDate: '2026-06-30' }), calendar).some((s) => s.provisional)).toBe(false);
  });

  it('follows a plan policy with other offsets and send time', () => {
    const policy = resolvePolicy({ reminders: { workingDaysBefore: [10, 5], sendAt: '08:30' } });
    const steps = reminderSteps(task(), calendar, policy);
    expect(steps.map((s) => [s.step, s.date])).toEqual([
      ['T-10', '2024-09-25'],
      ['T-5', '2024-10-08'],
    ]);
    expect(steps[1]!.at).toEqual(sh('2024-10-08 08:30'));
  });
});
