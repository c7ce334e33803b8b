import { DEADLINE_IDLE_STATUSES, type TaskStatus } from '@duban/domain';

/**
 * tasks.next_action_at after an assignment or a transition, written in the same transaction:
 * null when nothing is owed, otherwise "now", so the next deadline sweep recomputes the exact time
 * from the (possibly new) deadline. The sweep owns the calendar arithmetic; this stays trivial.
 */
export function nextActionAtAfter(status: TaskStatus, now: Date): Date | null {
  return DEADLINE_IDLE_STATUSES.includes(status) ? null : now;
}
