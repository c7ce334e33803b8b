/**
 * The re-check every notification passes just before it is delivered: the task as it is NOW
 * against what it was when the step was recorded. Pure, so the delivery (after a wait) and the
 * sweep (delivering in-app messages while it holds the task row it has just read) apply the very
 * same rules.
 */
export interface RecheckRules {
  /** Statuses where pre-deadline reminders no longer go out (the office decides). */
  paused: readonly string[];
  closed: readonly string[];
}

export const DEFAULT_RECHECK_RULES: RecheckRules = { paused: ['submitted'], closed: ['completed', 'cancelled', 'declined'] };

export interface RecheckInput {
  /** The step's rule: manual 催办 outlive a deadline change, reminders and report requests pause. */
  rule: string;
  /** Deadline version and department recorded with the notification. */
  deadlineVersion: number;
  departmentId: string;
  /** The task now, or null when it no longer exists. */
  task: { status: string; deadlineVersion: number; departmentId: string } | null;
}

/** Why a notification must not go out any more, or null. */
export function staleReason(n: RecheckInput, rules: RecheckRules = DEFAULT_RECHECK_RULES): string | null {
  const t = n.task;
  if (t === null) return 'task no longer exists';
  if (rules.closed.includes(t.status)) return `task is ${t.status}`;
  if (n.rule !== 'manual' && t.deadlineVersion !== n.deadlineVersion) return `deadline changed (version ${n.deadlineVersion} → ${t.deadlineVersion})`;
  if (t.departmentId !== n.departmentId) return 'task was reassigned to another department';
  if ((n.rule === 'reminder' || n.rule === 'report') && rules.paused.includes(t.status)) return `task is ${t.status}: the office decides, no reminder`;
  return null;
}
