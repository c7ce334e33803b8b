import type { TaskRole } from './task-fact.types.js';

/**
 * One explained point movement. A department's score is exactly the sum of its lines' points;
 * caps, voided appeals and the bonus quota appear as their own adjustment lines.
 *
 * rule is a task rule id (completedOnTime, missed, …) or a derived one:
 *   base · appeal:<rule> · quota:<rule> · cap.task:<rule> · cap.year:<rule> · cap.year:added ·
 *   cap.year:deducted
 */
export interface LedgerLine {
  /** Deterministic (department, task, event, rule) key; see ledgerKey. */
  key: string;
  departmentId: string;
  taskId: string;
  eventId: string;
  rule: string;
  points: number;
  /** Chinese explanation for officials. */
  reason: string;
  role?: TaskRole;
  /** Title of the task, for pages that list lines (shared reference, not a copy). */
  taskTitle?: string;
  /** Civil date of what caused the line (event date, deadline, completion date). */
  date?: string;
  /** For adjustment lines: the key of the line they adjust. */
  adjusts?: string;
}

/** Placeholder for task/event ids of lines that are not about one task or event. */
export const NO_ID = '-';
