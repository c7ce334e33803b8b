/**
 * What the engine needs to know about one department's part in one task, independent of any
 * database. The persistence layer builds these from tasks and their append-only events.
 */

export type TaskRole = 'lead' | 'support';

export type TaskStatus = 'open' | 'in_progress' | 'submitted' | 'completed' | 'cancelled';

export type FactEventType =
  | 'completed'
  | 'returned'
  | 'escalated_yellow'
  | 'escalated_red'
  | 'talk'
  | 'extension_granted'
  | 'reminded'
  | 'progress_reported';

export interface FactEvent {
  /** Unique and stable: the same event delivered twice carries the same id. */
  eventId: string;
  type: FactEventType;
  /** YYYY-MM-DD civil date or an ISO instant with offset; read as Asia/Shanghai. */
  at: string;
  /** The approving coordinator's rating on a 'completed' event. */
  rating?: '优' | '良' | '中' | '差';
}

export interface TaskFact {
  taskId: string;
  departmentId: string;
  role: TaskRole;
  /** Task title, quoted in ledger reasons. */
  title?: string;
  /** Plan item category id (matches the scheme's categories). */
  category?: string;
  /** The deadline in force (after any approved extension), YYYY-MM-DD. */
  dueDate: string;
  /**
   * false when the task's plan says a deadline on a weekend or holiday stays where it is (its
   * escalation policy's rollDeadlineToWorkingDay); otherwise it rolls as the context says.
   */
  dueDateRolls?: boolean;
  /** Completion date; a 'completed' event, when present, is authoritative. */
  completedAt?: string;
  status: TaskStatus;
  events: FactEvent[];
}
