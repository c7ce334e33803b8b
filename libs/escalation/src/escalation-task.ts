import { type CivilDate } from '@duban/calendar';

/** The facts about one task that the escalation rules need; the engine maps its entity to this. */
export interface EscalationTask {
  taskId: string;
  /** Task state-machine status, e.g. 'assigned', 'in_progress', 'submitted', 'completed'. */
  status: string;
  /** The current (possibly extended) civil due date. */
  dueDate: CivilDate;
  /** Bumped by every granted extension; part of each step's key, so a new deadline restarts the ladder. */
  deadlineVersion: number;
  /**
   * When the current deadline took effect (assignment, or the extension grant). Reminders dated
   * before it are not owed: a task assigned two days before its deadline gets no T-7 reminder.
   */
  deadlineSetAt?: Date;
  leadDepartmentId: string;
  supportDepartmentIds?: readonly string[];
}
