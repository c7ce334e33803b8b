import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress-report cadences per plan, and 'report' as a step rule (a period's request, recorded
 * once). Notifications are looked up by task (history, board), never by step alone: the index follows.
 */
export class ReportRequests1764400000000 implements MigrationInterface {
  name = 'ReportRequests1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_schedules" ("plan_id" uuid NOT NULL, "cadence" text NOT NULL, "lead_working_days" integer NOT NULL DEFAULT '3', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_report_schedules_lead" CHECK ("lead_working_days" BETWEEN 0 AND 20), CONSTRAINT "ck_report_schedules_cadence" CHECK ("cadence" IN ('weekly', 'monthly', 'quarterly')), CONSTRAINT "PK_fc07f5fa6ea4c7ad3ff95cbd02f" PRIMARY KEY ("plan_id"))`);
    await q.query(`ALTER TABLE "report_schedules" ADD CONSTRAINT "fk_report_schedules_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "escalation_steps" DROP CONSTRAINT "ck_escalation_steps_rule"`);
    await q.query(`ALTER TABLE "escalation_steps" ADD CONSTRAINT "ck_escalation_steps_rule" CHECK ("rule" IN ('reminder', 'ladder', 'manual', 'report'))`);
    await q.query(`DROP INDEX "public"."ix_notifications_step"`);
    await q.query(`CREATE INDEX "ix_notifications_task" ON "notifications"  ("task_id") `);
    // Delivery claims one digest's pending rows: index only those (sent rows pile up forever).
    await q.query(`DROP INDEX "public"."ix_notifications_digest"`);
    await q.query(`CREATE INDEX "ix_notifications_digest_pending" ON "notifications"  ("digest_key") WHERE state IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_notifications_digest_pending"`);
    await q.query(`CREATE INDEX "ix_notifications_digest" ON "notifications"  ("digest_key") `);
    await q.query(`DROP INDEX "public"."ix_notifications_task"`);
    await q.query(`CREATE INDEX "ix_notifications_step" ON "notifications"  ("step_id") `);
    await q.query(`DELETE FROM "notifications" WHERE "step_id" IN (SELECT "id" FROM "escalation_steps" WHERE "rule" = 'report')`);
    await q.query(`DELETE FROM "escalation_steps" WHERE "rule" = 'report'`);
    await q.query(`ALTER TABLE "escalation_steps" DROP CONSTRAINT "ck_escalation_steps_rule"`);
    await q.query(`ALTER TABLE "escalation_steps" ADD CONSTRAINT "ck_escalation_steps_rule" CHECK ("rule" IN ('reminder', 'ladder', 'manual'))`);
    await q.query(`ALTER TABLE "report_schedules" DROP CONSTRAINT "fk_report_schedules_plan"`);
    await q.query(`DROP TABLE "report_schedules"`);
  }
}
