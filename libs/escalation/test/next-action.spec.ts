import { describe, expect, it } from '@jest/globals';
import { type EscalationTask } from '../src/escalation-task.js';
import { resolvePolicy } from '../src/escalation-policy.js';
import { nextAction, plannedSteps, stepOrdinal } from '../src/next-action.js';
import { calendar, sh } from './cn-calendar.fixture.js';

const task: EscalationTask = {
  taskId: 'task-42',
  status: 'in_progress',
  dueDate: '2024-10-14',
  deadlineVersion: 1,
  deadlineSetAt: sh('2024-09-02 10:00'),
  leadDepartmentId: 'edu',
};

/** Runs the sweep at each instant, recording whatever it proposes, like the engine does. */
function sweep(t: EscalationTask, instants: Date[], recorded: Set<string>): string[] {
  const sent: string[] = [];
  for (const now of instants) {
    const a = nextAction(t, calendar, now, recorded);
    for (const s of a.superseded) recorded.add(s.key);
    if (a.step) {
      recorded.add(a.step.key);
      sent.push(a.step.key);
    }
  }
  return sent;
}

describe('nextAction', () => {
  it('proposes nothing before T-7 and says when to look again', () => {
    const a = nextAction(task, calendar, sh('2024-09-29 08:59'), []);
    expect(a.step).toBeNull();
    expect(a.nextAt).toEqual(sh('2024-09-29 09:00')); // T-7 falls on the make-up Sunday
  });

  it('proposes T-7 exactly at its time, then points at T-3', () => {
    const a = nextAction(task, calendar, sh('2024-09-29 09:00'), []);
    expect(a.step?.key).toBe('task-42|reminder|T-7|v1');
    expect(a.superseded).toEqual([]);
    expect(a.nextAt).toEqual(sh('2024-10-10 09:00'));
  });

  it('is idempotent: a recorded step is not proposed again', () => {
    const a = nextAction(task, calendar, sh('2024-09-30 12:00'), ['task-42|reminder|T-7|v1']);
    expect(a.step).toBeNull();
    expect(a.nextAt).toEqual(sh('2024-10-10 09:00'));
  });

  it('sends only the latest overdue reminder after an outage and supersedes the older ones', () => {
    const a = nextAction(task, calendar, sh('2024-10-12 11:00'), []);
    expect(a.step?.step).toBe('T-1');
    expect(a.superseded.map((s) => s.step)).toEqual(['T-7', 'T-3']);
    expect(a.nextAt).toEqual(sh('2024-10-14 09:00'));
  });

  it('walks the whole ladder once over a daily sweep', () => {
    const days: Date[] = [];
    for (let d = new Date(sh('2024-09-20 09:30')); d <= sh('2024-11-15 09:30'); d = new Date(d.getTime() + 86_400_000)) {
      days.push(d);
    }
    const recorded = new Set<string>();
    const sent = sweep(task, days, recorded);
    expect(sent.map((k) => k.split('|')[2])).toEqual(['T-7', 'T-3', 'T-1', 'due', '+1', '+5', '+10']);
    // a second pass over the same days (e.g. after a Redis flush) sends nothing twice
    expect(sweep(task, days, recorded)).toEqual([]);
    expect(nextAction(task, calendar, sh('2024-12-01 09:00'), recorded)).toMatchObject({
      step: null,
      nextAt: null,
      idle: 'finished',
    });
  });

  it('restarts the ladder when an extension is granted, keeping the old keys on record', () => {
    const recorded = new Set<string>();
    // the old deadline ran to +5 (2024-10-21)
    const v1Days = ['2024-09-29', '2024-10-10', '2024-10-12', '2024-10-14', '2024-10-15', '2024-10-21'];
    sweep(task, v1Days.map((d) => sh(`${d} 10:00`)), recorded);
    expect(recorded.has('task-42|ladder|+5|v1')).toBe(true);

    const extended: EscalationTask = {
      ...task,
      dueDate: '2024-11-15',
      deadlineVersion: 2,
      deadlineSetAt: sh('2024-10-21 14:00'),
    };
    const after = nextAction(extended, calendar, sh('2024-10-21 15:00'), recorded);
    expect(after.step).toBeNull();
    expect(after.nextAt).toEqual(sh('2024-11-06 09:00')); // T-7 of the new deadline
    const plan = plannedSteps(extended, calendar);
    expect(plan.map((s) => s.key)).toContain('task-42|ladder|+1|v2');
    const late = nextAction(extended, calendar, sh('2024-11-18 09:00'), [...recorded, ...plan.slice(0, 4).map((s) => s.key)]);
    expect(late.step?.key).toBe('task-42|ladder|+1|v2');
  });

  it('does nothing for closed tasks or while a closing request is under review', () => {
    expect(nextAction({ ...task, status: 'completed' }, calendar, sh('2024-10-20 09:00'), [])).toEqual({
      step: null,
      superseded: [],
      nextAt: null,
      idle: 'closed',
    });
    expect(nextAction({ ...task, status: 'submitted' }, calendar, sh('2024-10-20 09:00'), []).idle).toBe('paused');
  });

  it('marks steps of a 2027 deadline as provisional rather than silently estimating', () => {
    const a = nextAction({ ...task, dueDate: '2027-01-15' }, calendar, sh('2027-01-15 10:00'), []);
    expect(a.step?.step).toBe('due');
    expect(a.step?.provisional).toBe(true);
  });
});

describe('nextAction after a plan changes its policy mid-way', () => {
  const tenFiveOne = resolvePolicy({ reminders: { workingDaysBefore: [10, 5, 1] } });

  it('owes no step before one already recorded, and follows the new days from there', () => {
    // T-7 (make-up Sunday 09-29) was sent under the defaults; the plan switches to T-10/T-5/T-1 on 09-30.
    const recorded = new Set(['task-42|reminder|T-7|v1']);
    const a = nextAction(task, calendar, sh('2024-09-30 12:00'), recorded, tenFiveOne);
    expect(a.step).toBeNull(); // T-10 (09-25) is past and behind T-7: not owed
    expect(a.superseded).toEqual([]);
    const t5 = plannedSteps(task, calendar, tenFiveOne).find((s) => s.step === 'T-5')!;
    expect(a.nextAt).toEqual(t5.at);
    expect(sweep(task, [t5.at], recorded)).toEqual([]); // the default policy has no T-5…
    expect(nextAction(task, calendar, t5.at, recorded, tenFiveOne).step?.step).toBe('T-5'); // …the plan's has
  });

  it('ignores steps of another deadline version or task when deciding what is owed', () => {
    const a = nextAction(task, calendar, sh('2024-09-27 12:00'), ['task-42|reminder|due|v2', 'other|ladder|+10|v1'], tenFiveOne);
    expect(a.step?.step).toBe('T-10');
  });

  it('places steps on one time line', () => {
    expect([stepOrdinal('reminder', 'T-7'), stepOrdinal('reminder', 'due'), stepOrdinal('ladder', '+5'), stepOrdinal('manual', 'urge-x')]).toEqual([-7, 0, 5, null]);
  });
});
