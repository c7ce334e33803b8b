import { type WorkingCalendar, parseClockTime, shanghaiDateOf, shanghaiInstant } from '@duban/calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';
import { effectiveDueDate } from './effective-due-date.js';
import { type EscalationTask } from './escalation-task.js';
import { type ReminderStep, type ReminderStepName, recipientsFor } from './planned-step.js';
import { stepKey } from './step-key.js';

export function reminderStepName(workingDaysBefore: number): ReminderStepName {
  return workingDaysBefore === 0 ? 'due' : `T-${workingDaysBefore}`;
}

/**
 * Reminders before the deadline (default T-7, T-3, T-1 working days and the due day), to the lead
 * and support departments, each at the policy's send time on its day, in time order.
 * Reminders dated before the current deadline took effect are not owed and are left out.
 */
export function reminderSteps(
  task: EscalationTask,
  calendar: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): ReminderStep[] {
  const minutes = parseClockTime(policy.reminders.sendAt, 'reminders.sendAt');
  const setOn = task.deadlineSetAt ? shanghaiDateOf(task.deadlineSetAt) : null;
  const recipients = recipientsFor(policy.reminders.audience, task.leadDepartmentId, task.supportDepartmentIds);
  // A step for a due date in a year without data is itself an estimate, whatever day it lands on.
  const dueProvisional = calendar.dayInfo(task.dueDate).provisional;
  const due = effectiveDueDate(task.dueDate, calendar, policy);
  const steps: ReminderStep[] = [];
  for (const before of [...policy.reminders.workingDaysBefore].sort((a, b) => b - a)) {
    const day = calendar.addWorkingDaysLenient(due, -before);
    if (setOn && day.value < setOn) continue;
    const step = reminderStepName(before);
    steps.push({
      key: stepKey({ taskId: task.taskId, rule: 'reminder', step, deadlineVersion: task.deadlineVersion }),
      taskId: task.taskId,
      deadlineVersion: task.deadlineVersion,
      rule: 'reminder',
      step,
      workingDaysBefore: before,
      date: day.value,
      at: shanghaiInstant(day.value, Math.floor(minutes / 60), minutes % 60),
      recipients,
      critical: false,
      provisional: day.provisional || dueProvisional,
    });
  }
  return steps;
}
