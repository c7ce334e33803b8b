import type { DataSource } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';

export interface InAppNotificationView {
  id: string;
  taskId: string;
  body: string;
  rule: string;
  step: string;
  critical: boolean;
  sentAt: string;
  readAt: string | null;
}

/**
 * A user's in-app 督办 messages (what delivery marked sent) and their read receipts. Each user
 * sees and marks only their own; someone else's id is simply not found.
 */
export class NotificationInbox {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ unread: number; items: InAppNotificationView[] }> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT n.id, n.task_id, n.body, s.rule, s.step, n.critical, n.sent_at, n.read_at
         FROM notifications n JOIN escalation_steps s ON s.id = n.step_id
        WHERE n.user_id = $1 AND n.channel = 'in_app' AND n.state = 'sent' ${options.unreadOnly ? 'AND n.read_at IS NULL' : ''}
        ORDER BY n.sent_at DESC, n.id LIMIT $2`,
      [actor.userId, limit],
    );
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND channel = 'in_app' AND state = 'sent' AND read_at IS NULL`,
      [actor.userId],
    );
    return {
      unread,
      items: rows.map((r) => ({
        id: r.id as string,
        taskId: r.task_id as string,
        body: r.body as string,
        rule: r.rule as string,
        step: r.step as string,
        critical: r.critical as boolean,
        sentAt: new Date(r.sent_at as string).toISOString(),
        readAt: r.read_at ? new Date(r.read_at as string).toISOString() : null,
      })),
    };
  }

  /** Read receipt: the first read time stays (reading twice changes nothing). */
  async markRead(actor: Actor, notificationId: string, now: Date): Promise<{ id: string; readAt: string }> {
    const rows: Array<{ id: string; read_at: Date }> = await this.dataSource.query(
      `WITH mine AS (
         SELECT id FROM notifications WHERE id = $1 AND user_id = $2 AND channel = 'in_app' AND state = 'sent'),
       upd AS (
         UPDATE notifications n SET read_at = coalesce(n.read_at, $3) FROM mine WHERE n.id = mine.id RETURNING n.id, n.read_at)
       SELECT id, read_at FROM upd`,
      [notificationId, actor.userId, now],
    );
    if (!rows.length) throw DubanError.notFound('消息', notificationId);
    return { id: rows[0]!.id, readAt: new Date(rows[0]!.read_at).toISOString() };
  }
}
