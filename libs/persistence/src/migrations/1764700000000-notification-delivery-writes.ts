import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer index and foreign-key writes per notification (each reminder writes two and the webhook
 * one used to be updated twice more on delivery):
 * - the user index only holds what the in-app inbox reads (a user's sent in-app messages, newest
 *   first); external messages are never looked up by user, so they no longer enter it;
 * - the task index goes: a task's notifications are found through its steps (the step key index,
 *   then the (step, user, channel) key), the board's failed list joins from notifications to tasks;
 * - the task foreign key goes: a notification's task is its step's task (the recorder takes it
 *   from the step row it has just inserted), fk_notifications_step and fk_escalation_steps_task
 *   already guarantee that task exists and keep it from being deleted;
 * - a delivery leases a whole digest in `notification_claims` (one row per recipient, channel and
 *   day) instead of rewriting each of its notifications to 'sending' before the send.
 */
export class NotificationDeliveryWrites1764700000000 implements MigrationInterface {
  name = 'NotificationDeliveryWrites1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_task"`);
    await q.query(`DROP INDEX "public"."ix_notifications_task"`);
    await q.query(`DROP INDEX "public"."ix_notifications_user"`);
    await q.query(`CREATE INDEX "ix_notifications_inbox" ON "notifications"  ("user_id", "sent_at") WHERE channel = 'in_app' AND state = 'sent'`);
    await q.query(`CREATE TABLE "notification_claims" ("digest_key" text NOT NULL, "claimed_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3cd3f13723bc1fbca7c745dc430" PRIMARY KEY ("digest_key"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_claims"`);
    await q.query(`DROP INDEX "public"."ix_notifications_inbox"`);
    await q.query(`CREATE INDEX "ix_notifications_user" ON "notifications"  ("user_id", "created_at") `);
    await q.query(`CREATE INDEX "ix_notifications_task" ON "notifications"  ("task_id") `);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }
}
