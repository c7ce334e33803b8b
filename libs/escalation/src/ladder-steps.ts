import { type WorkingCalendar, parseClockTime, shanghaiInstant } from '@duban/calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';
import { effectiveDueDate } from './effective-due-date.js';
import { type EscalationTask } from './escalation-task.js';
import { type LadderStep, type LadderStepName, recipientsFor } from './planned-step.js';
import { stepKey } from './step-key.js';

/**
 * The escalation ladder after the deadline (default: +1 working day yellow + 催办 to the
 * departments; +5 red + 督办 via the coordinating office; +10 to leadership, flagged for 约谈).
 * Keys carry the deadline version, so a granted extension starts a fresh ladder.
 */
export function ladderSteps(
  task: EscalationTask,
  calendar: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): LadderStep[] {
  const minutes = parseClockTime(policy.ladder.sendAt, 'ladder.sendAt');
  const dueProvisional = calendar.dayInfo(task.dueDate).provisional;
  const due = effectiveDueDate(task.dueDate, calendar, policy);
  return policy.ladder.rules.map((rule) => {
    const day = calendar.addWorkingDaysLenient(due, rule.workingDaysAfter);
    const step: LadderStepName = `+${rule.workingDaysAfter}`;
    return {
      key: stepKey({ taskId: task.taskId, rule: 'ladder', step, deadlineVersion: task.deadlineVersion }),
      taskId: task.taskId,
      deadlineVersion: task.deadlineVersion,
      rule: 'ladder',
      step,
      workingDaysAfter: rule.workingDaysAfter,
      date: day.value,
      at: shanghaiInstant(day.value, Math.floor(minutes / 60), minutes % 60),
      recipients: recipientsFor(rule.audience, task.leadDepartmentId, task.supportDepartmentIds),
      colour: rule.colour,
      action: rule.action,
      flagInterview: rule.flagInterview,
      critical: rule.critical,
      provisional: day.provisional || dueProvisional,
    };
  });
}
