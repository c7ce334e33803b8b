import { type WorkingCalendar } from '@duban/calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';
import { type EscalationTask } from './escalation-task.js';
import { ladderSteps } from './ladder-steps.js';
import { type PlannedStep } from './planned-step.js';
import { reminderSteps } from './reminder-steps.js';
import { parseStepKey } from './step-key.js';

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
  const reached = furthestRecorded(task, recorded);
  // A step before one already recorded is not owed: the department has heard a later one. Under
  // one policy this never happens (earlier steps are recorded, or superseded, first); it matters
  // when a plan's policy changes mid-way (T-7 sent, the plan switches to T-10/T-5/T-1: T-10 is past).
  const pending = plannedSteps(task, calendar, policy).filter((s) => !recorded.has(s.key) && stepOrdinal(s.rule, s.step)! > reached);
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

/**
 * Where a reminder or ladder step stands on the task's time line, in working days from the due
 * date: T-7 → -7, due → 0, +5 → 5. Null for names that are neither.
 */
export function stepOrdinal(rule: string, step: string): number | null {
  if (rule === 'reminder') {
    if (step === 'due') return 0;
    const m = /^T-(\d+)$/.exec(step);
    return m ? -Number(m[1]) : null;
  }
  if (rule === 'ladder') {
    const m = /^\+(\d+)$/.exec(step);
    return m ? Number(m[1]) : null;
  }
  return null;
}

/** The furthest reminder or ladder step recorded for the task's current deadline (-Infinity when none). */
function furthestRecorded(task: EscalationTask, recorded: Set<string>): number {
  let furthest = -Infinity;
  for (const key of recorded) {
    let parts;
    try {
      parts = parseStepKey(key);
    } catch {
      continue;
    }
    if (parts.taskId !== task.taskId || parts.deadlineVersion !== task.deadlineVersion) continue;
    const ordinal = stepOrdinal(parts.rule, parts.step);
    if (ordinal !== null && ordinal > furthest) furthest = ordinal;
  }
  return furthest;
}
