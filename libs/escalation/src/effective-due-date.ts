import type { CivilDate, WorkingCalendar } from '@duban/calendar';
import type { EscalationPolicy } from './escalation-policy.js';

/**
 * The day the steps count from: the stored deadline, moved to the next working day when it falls on
 * a weekend or holiday and the policy says so (the default). Lenient: a year without holiday data
 * still yields a date, flagged provisional by the caller's own checks.
 */
export function effectiveDueDate(dueDate: CivilDate, calendar: WorkingCalendar, policy: EscalationPolicy): CivilDate {
  return policy.rollDeadlineToWorkingDay ? calendar.rollForwardLenient(dueDate).value : dueDate;
}
