import { type CivilDate, type WorkingCalendar, addDays, shanghaiDateOf, toCivilDate } from '@duban/calendar';
import { type Colour, DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';
import { effectiveDueDate } from './effective-due-date.js';

export interface TrafficLightInput {
  now: Date;
  assignedAt: Date | CivilDate;
  dueDate: CivilDate;
  /** Latest reported progress in percent (0–100); undefined when nothing was reported yet (read as 0). */
  reportedPercent?: number;
  status: string;
}

export interface TrafficLightAssessment {
  /** Null for closed tasks (completed, cancelled): they have no colour. */
  colour: Colour | null;
  /** 序时进度: share of the task's working days already elapsed, 0–100. */
  expectedPercent: number;
  reportedPercent: number;
  /** expected − reported: positive means behind schedule. */
  pointsBehind: number;
  overdue: boolean;
  elapsedWorkingDays: number;
  totalWorkingDays: number;
  provisional: boolean;
}

/**
 * 序时进度 against reported progress. Working days are counted from the assignment day to the
 * due day inclusive; "elapsed" are the working days before today, because the current day is
 * still in hand (otherwise every task would start out behind on its first morning).
 */
export function assessTrafficLight(
  input: TrafficLightInput,
  calendar: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): TrafficLightAssessment {
  const reported = input.reportedPercent ?? 0;
  if (typeof reported !== 'number' || Number.isNaN(reported) || reported < 0 || reported > 100) {
    throw new RangeError(`reportedPercent must be between 0 and 100, got ${input.reportedPercent}`);
  }
  const today = shanghaiDateOf(input.now);
  const assigned = toCivilDate(input.assignedAt);
  const dayBefore = addDays(assigned, -1);
  const due = effectiveDueDate(input.dueDate, calendar, policy);
  const total = calendar.workingDaysBetweenLenient(dayBefore, due);
  const elapsedRaw = today > assigned ? calendar.workingDaysBetweenLenient(dayBefore, addDays(today, -1)) : null;
  const elapsed = Math.min(Math.max(elapsedRaw?.value ?? 0, 0), Math.max(total.value, 0));
  const overdue = today > due;
  const expected = total.value > 0 ? (elapsed / total.value) * 100 : overdue ? 100 : 0;
  const pointsBehind = expected - reported;
  const base = {
    expectedPercent: expected,
    reportedPercent: reported,
    pointsBehind,
    overdue,
    elapsedWorkingDays: elapsed,
    totalWorkingDays: total.value,
    provisional: total.provisional || (elapsedRaw?.provisional ?? false),
  };
  if (policy.closedStatuses.includes(input.status)) return { ...base, colour: null };
  const t = policy.trafficLight;
  let colour: Colour;
  if (overdue) colour = 'red';
  else if (-pointsBehind >= t.blueAhead) colour = 'blue';
  else if (pointsBehind > t.redBehind) colour = 'red';
  else if (pointsBehind >= t.yellowBehind) colour = 'yellow';
  else colour = 'green';
  return { ...base, colour };
}

/** The colour alone: blue (ahead) | green (on track) | yellow | red, or null for closed tasks. */
export function trafficLight(
  input: TrafficLightInput,
  calendar: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Colour | null {
  return assessTrafficLight(input, calendar, policy).colour;
}
