import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification's identity becomes (step, user, channel): the step row already carries the unique
 * (task, rule, step, deadline version), so this says the same as the old
 * `<step key>|<user>|<channel>` text, in 33 bytes of fixed-width columns instead of ~110 bytes of
 * text, and the sweep no longer writes and indexes that text for every message. The same index
 * serves the step foreign key.
 */
export class NotificationKey1764500000000 implements MigrationInterface {
  name = 'NotificationKey1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX "uq_notifications_step_user_channel" ON "notifications"  ("step_id", "user_id", "channel") `);
    await q.query(`DROP INDEX "public"."uq_notifications_key"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "key"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "key" text`);
    await q.query(
      `UPDATE "notifications" n SET "key" = s."task_id" || '|' || s."rule" || '|' || s."step" || '|v' || s."deadline_version" || '|' || n."user_id" || '|' || n."channel"
         FROM "escalation_steps" s WHERE s."id" = n."step_id"`,
    );
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "key" SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_notifications_key" ON "notifications"  ("key") `);
    await q.query(`DROP INDEX "public"."uq_notifications_step_user_channel"`);
  }
}
