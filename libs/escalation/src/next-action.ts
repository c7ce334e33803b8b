import { type WorkingCalendar } from '@duban/calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';
import { type EscalationTask } from './escalation-task.js';
import { ladderSteps } from './ladder-steps.js';
import { type PlannedStep } from './planned-step.js';
import { reminderSteps } from './reminder-steps.js';

export interface NextAction {
  /** The step to record and deliver now, or null when nothing is due. */
  step: PlannedStep | null;
  /**
   * Earlier steps that were due but never recorded and are overtaken by `step` (the sweep was
   * down, or the task was assigned late). Record them as skipped, do not send them: a department
   * should get one current message, not T-7, T-3 and T-1 at once.
   */
  superseded: PlannedStep[];
  /** When the following step becomes due: the task's next_action_at. Null when no step remains. */
  nextAt: Date | null;
  /** Why nothing is scheduled, when that is the case. */
  idle?: 'closed' | 'paused' | 'finished';
}

/** All steps of the current deadline version, in time order. */
export function plannedSteps(
  task: EscalationTask,
  calendar: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): PlannedStep[] {
  return [...reminderSteps(task, calendar, policy), ...ladderSteps(task, calendar, policy)].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
}

/**
 * What the sweep calls for one task: given what is already recorded (step keys), the step due
 * now and when to look again. Deterministic in (task, now, recorded), so running it twice or on
 * two workers proposes the same key, and the unique constraint keeps the effect single.
 */
export function nextAction(
  task: EscalationTask,
  calendar: WorkingCalendar,
  now: Date,
  alreadyRecordedStepKeys: Iterable<string>,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): NextAction {
  if (policy.closedStatuses.includes(task.status)) return { step: null, superseded: [], nextAt: null, idle: 'closed' };
  if (policy.pausedStatuses.includes(task.status)) return { step: null, superseded: [], nextAt: null, idle: 'paused' };
  const recorded = new Set(alreadyRecordedStepKeys);
  const pending = plannedSteps(task, calendar, policy).filter((s) => !recorded.has(s.key));
  const dueNow = pending.filter((s) => s.at.getTime() <= now.getTime());
  const later = pending.find((s) => s.at.getTime() > now.getTime());
  const nextAt = later ? later.at : null;
  const step = dueNow.at(-1) ?? null;
  return {
    step,
    superseded: dueNow.slice(0, -1),
    nextAt,
    ...(step === null && nextAt === null ? { idle: 'finished' as const } : {}),
  };
}
