import type { DataSource } from 'typeorm';
import type { TaskEventType, TaskStatus } from '@duban/domain';
import type { TaskEventJob } from '@duban/queue';
import { NOTIFY_DEPARTMENT, inboxMessage } from './inbox-message.js';

export const INBOX_CONSUMER = 'inbox';

export type ProjectionOutcome = { outcome: 'applied'; departmentId: string } | { outcome: 'skipped'; why: string };

/** Statuses that leave a department's 待办: done, withdrawn, or handed back as not theirs. */
const INACTIVE: readonly TaskStatus[] = ['completed', 'cancelled', 'declined'];

/**
 * Keeps each department's 待办 in step with its tasks. It does not trust the job: it reloads the task
 * and its latest event, so duplicate and out-of-order deliveries converge on the same entry, and it
 * records the event id in consumed_events in the same transaction, so each event takes effect once.
 */
export class InboxProjector {
  constructor(private readonly dataSource: DataSource) {}

  async apply(job: TaskEventJob, now: Date): Promise<ProjectionOutcome> {
    return this.dataSource.transaction(async (m) => {
      const first = await m.query(
        `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [INBOX_CONSUMER, job.eventId, now],
      );
      if (!first.length) return { outcome: 'skipped', why: `event ${job.eventId} already applied` };

      const rows: Array<{
        department_id: string;
        status: TaskStatus;
        role: string;
        due_date: string;
        last_event_seq: number;
        heading: string;
        type: TaskEventType | null;
        payload: Record<string, unknown> | null;
      }> = await m.query(
        `SELECT t.department_id, t.status, t.role, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.last_event_seq,
                i.heading, e.type, e.payload
           FROM tasks t
           JOIN plan_items i ON i.id = t.plan_item_id
           LEFT JOIN task_events e ON e.task_id = t.id AND e.seq = t.last_event_seq
          WHERE t.id = $1`,
        [job.taskId],
      );
      const task = rows[0];
      if (!task || !task.type) return { outcome: 'skipped', why: `task ${job.taskId} not found` };

      const message = inboxMessage(task.type, {
        heading: task.heading,
        dueDate: task.due_date,
        status: task.status,
        payload: task.payload ?? {},
      });
      const notify = NOTIFY_DEPARTMENT.includes(task.type);
      await m.query(
        `INSERT INTO inbox_entries (department_id, task_id, title, task_status, task_role, due_date, active,
                                    last_event_seq, last_event_type, last_message, unread, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (department_id, task_id) DO UPDATE SET
           task_status = EXCLUDED.task_status, due_date = EXCLUDED.due_date, active = EXCLUDED.active,
           title = EXCLUDED.title, task_role = EXCLUDED.task_role,
           last_event_seq = EXCLUDED.last_event_seq, last_event_type = EXCLUDED.last_event_type,
           last_message = EXCLUDED.last_message, updated_at = EXCLUDED.updated_at,
           unread = inbox_entries.unread OR EXCLUDED.unread,
           read_at = CASE WHEN EXCLUDED.unread THEN NULL ELSE inbox_entries.read_at END,
           read_by = CASE WHEN EXCLUDED.unread THEN NULL ELSE inbox_entries.read_by END
         WHERE inbox_entries.last_event_seq < EXCLUDED.last_event_seq`,
        [
          task.department_id,
          job.taskId,
          task.heading,
          task.status,
          task.role,
          task.due_date,
          !INACTIVE.includes(task.status),
          task.last_event_seq,
          task.type,
          message,
          notify,
          now,
        ],
      );
      // A reassigned task leaves the previous department's 待办. That entry may already be inactive
      // (the decline before the reassignment was projected first), so match on status, not on active.
      await m.query(
        `UPDATE inbox_entries SET active = false, task_status = 'reassigned', last_message = $3, updated_at = $4
          WHERE task_id = $1 AND department_id <> $2 AND (active OR task_status <> 'reassigned')`,
        [job.taskId, task.department_id, `【已改派】${task.heading}，已交由其他单位办理`, now],
      );
      return { outcome: 'applied', departmentId: task.department_id };
    });
  }
}
