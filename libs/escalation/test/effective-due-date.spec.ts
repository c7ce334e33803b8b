import { describe, expect, it } from '@jest/globals';
import { resolvePolicy } from '../src/escalation-policy.js';
import { type EscalationTask } from '../src/escalation-task.js';
import { ladderSteps } from '../src/ladder-steps.js';
import { reminderSteps } from '../src/reminder-steps.js';
import { calendar } from './cn-calendar.fixture.js';

/** 年底前 in 2023: 12-31 was a Sunday and 2024-01-01 New Year's Day, so the deadline is met on 01-02. */
const task: EscalationTask = {
  taskId: 't-ye',
  status: 'in_progress',
  dueDate: '2023-12-31',
  deadlineVersion: 1,
  leadDepartmentId: 'edu',
  supportDepartmentIds: [],
};

describe('a deadline on a non-working day', () => {
  it('counts reminders and the ladder from the next working day', () => {
    expect(reminderSteps(task, calendar).map((s) => [s.step, s.date])).toEqual([
      ['T-7', '2023-12-21'],
      ['T-3', '2023-12-27'],
      ['T-1', '2023-12-29'],
      ['due', '2024-01-02'],
    ]);
    expect(ladderSteps(task, calendar).map((s) => [s.step, s.date])).toEqual([
      ['+1', '2024-01-03'],
      ['+5', '2024-01-09'],
      ['+10', '2024-01-16'],
    ]);
  });

  it('counts from the date as written when the plan says so', () => {
    const asWritten = resolvePolicy({ rollDeadlineToWorkingDay: false });
    expect(reminderSteps(task, calendar, asWritten).map((s) => s.date)).toContain('2023-12-31');
    expect(ladderSteps(task, calendar, asWritten)[0]!.date).toBe('2024-01-02');
  });
});

describe('the traffic light around a non-working deadline', () => {
  it('is not overdue on the holiday after a Sunday deadline, and is on the first day after the working one', async () => {
    const { trafficLight } = await import('../src/traffic-light.js');
    const at = (iso: string) => ({ now: new Date(iso), assignedAt: new Date('2023-12-01T01:00:00Z'), dueDate: '2023-12-31', reportedPercent: 100, status: 'in_progress' });
    expect(trafficLight(at('2024-01-01T04:00:00Z'), calendar)).not.toBe('red'); // New Year's Day
    expect(trafficLight(at('2024-01-02T04:00:00Z'), calendar)).not.toBe('red'); // the working due day
    expect(trafficLight(at('2024-01-03T04:00:00Z'), calendar)).toBe('red');
  });
});
