import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline engine: the holiday calendar as versioned data with local overrides, each open
 * task's next action time (indexed for the sweep), recorded escalation steps under their unique
 * key, notifications with delivery state, and per-user channel preferences.
 */
export class DeadlineEngine1764100000000 implements MigrationInterface {
  name = 'DeadlineEngine1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "calendar_days" ("year_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, CONSTRAINT "ck_calendar_days_kind" CHECK ("kind" IN ('holiday', 'workday')), CONSTRAINT "PK_1ab3adaf93627aaa45a22b1f705" PRIMARY KEY ("year_id", "date"))`);
    await q.query(`CREATE TABLE "calendar_overrides" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "jurisdiction_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_calendar_overrides_kind" CHECK ("kind" IN ('closure', 'workday')), CONSTRAINT "PK_b23f682172d62c4a5d0a8bec475" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_calendar_overrides_jurisdiction_date" ON "calendar_overrides"  ("jurisdiction_id", "date")`);
    await q.query(`CREATE TABLE "calendar_years" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region" text NOT NULL, "year" integer NOT NULL, "version" integer NOT NULL, "source" text NOT NULL, "provisional" boolean NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_99f922ecc456e70c60cda5fece6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_calendar_years_region_year_version" ON "calendar_years"  ("region", "year", "version")`);
    await q.query(`CREATE TABLE "user_channel_preferences" ("user_id" uuid NOT NULL, "channel" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "address" text NOT NULL, "format" text, "secret" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_user_channel_preferences_channel" CHECK ("channel" IN ('email', 'webhook')), CONSTRAINT "PK_09d69c4ca083b201c7ca5e779ba" PRIMARY KEY ("user_id", "channel"))`);
    await q.query(`CREATE TABLE "escalation_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "rule" text NOT NULL, "step" text NOT NULL, "deadline_version" integer NOT NULL, "state" text NOT NULL, "skip_reason" text, "department_id" uuid NOT NULL, "due_date" date NOT NULL, "step_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "colour" text, "action" text, "critical" boolean NOT NULL DEFAULT false, "flag_interview" boolean NOT NULL DEFAULT false, "provisional" boolean NOT NULL DEFAULT false, "actor_id" uuid, "note" text, CONSTRAINT "ck_escalation_steps_state" CHECK ("state" IN ('recorded', 'superseded', 'skipped')), CONSTRAINT "ck_escalation_steps_rule" CHECK ("rule" IN ('reminder', 'ladder', 'manual')), CONSTRAINT "PK_2ce815102e3e9733529f7edef0e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_escalation_steps_recorded_at" ON "escalation_steps"  ("recorded_at")`);
    await q.query(`CREATE UNIQUE INDEX "uq_escalation_steps_key" ON "escalation_steps"  ("task_id", "rule", "step", "deadline_version")`);
    await q.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "step_id" uuid NOT NULL, "task_id" uuid NOT NULL, "user_id" uuid NOT NULL, "audience" text NOT NULL, "channel" text NOT NULL, "body" text NOT NULL, "critical" boolean NOT NULL DEFAULT false, "deadline_version" integer NOT NULL, "department_id" uuid NOT NULL, "deliver_at" TIMESTAMP WITH TIME ZONE NOT NULL, "digest_key" text NOT NULL, "state" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "claimed_until" TIMESTAMP WITH TIME ZONE, "skip_reason" text, "sent_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_notifications_state" CHECK ("state" IN ('pending', 'sending', 'sent', 'skipped', 'failed')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_notifications_step" ON "notifications"  ("step_id")`);
    await q.query(`CREATE INDEX "ix_notifications_digest" ON "notifications"  ("digest_key")`);
    await q.query(`CREATE INDEX "ix_notifications_user" ON "notifications"  ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_notifications_due" ON "notifications"  ("deliver_at") WHERE state IN ('pending', 'sending')`);
    await q.query(`CREATE UNIQUE INDEX "uq_notifications_key" ON "notifications"  ("key")`);
    await q.query(`ALTER TABLE "tasks" ADD "next_action_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "ix_tasks_next_action_at" ON "tasks"  ("next_action_at") WHERE next_action_at IS NOT NULL`);
    await q.query(`ALTER TABLE "calendar_days" ADD CONSTRAINT "fk_calendar_days_year" FOREIGN KEY ("year_id") REFERENCES "calendar_years"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "calendar_overrides" ADD CONSTRAINT "fk_calendar_overrides_jurisdiction" FOREIGN KEY ("jurisdiction_id") REFERENCES "departments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "user_channel_preferences" ADD CONSTRAINT "fk_user_channel_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "escalation_steps" ADD CONSTRAINT "fk_escalation_steps_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "escalation_steps" ADD CONSTRAINT "fk_escalation_steps_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "escalation_steps" ADD CONSTRAINT "fk_escalation_steps_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_step" FOREIGN KEY ("step_id") REFERENCES "escalation_steps"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // Open tasks that predate the engine: due for a first look (the sweep computes the real time).
    await q.query(`UPDATE "tasks" SET "next_action_at" = "assigned_at" WHERE "status" NOT IN ('completed', 'cancelled', 'submitted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_user"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_task"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_step"`);
    await q.query(`ALTER TABLE "escalation_steps" DROP CONSTRAINT "fk_escalation_steps_actor"`);
    await q.query(`ALTER TABLE "escalation_steps" DROP CONSTRAINT "fk_escalation_steps_department"`);
    await q.query(`ALTER TABLE "escalation_steps" DROP CONSTRAINT "fk_escalation_steps_task"`);
    await q.query(`ALTER TABLE "user_channel_preferences" DROP CONSTRAINT "fk_user_channel_preferences_user"`);
    await q.query(`ALTER TABLE "calendar_overrides" DROP CONSTRAINT "fk_calendar_overrides_jurisdiction"`);
    await q.query(`ALTER TABLE "calendar_days" DROP CONSTRAINT "fk_calendar_days_year"`);
    await q.query(`DROP INDEX "public"."ix_tasks_next_action_at"`);
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "next_action_at"`);
    await q.query(`DROP INDEX "public"."uq_notifications_key"`);
    await q.query(`DROP INDEX "public"."ix_notifications_due"`);
    await q.query(`DROP INDEX "public"."ix_notifications_user"`);
    await q.query(`DROP INDEX "public"."ix_notifications_digest"`);
    await q.query(`DROP INDEX "public"."ix_notifications_step"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP INDEX "public"."uq_escalation_steps_key"`);
    await q.query(`DROP INDEX "public"."ix_escalation_steps_recorded_at"`);
    await q.query(`DROP TABLE "escalation_steps"`);
    await q.query(`DROP TABLE "user_channel_preferences"`);
    await q.query(`DROP INDEX "public"."uq_calendar_years_region_year_version"`);
    await q.query(`DROP TABLE "calendar_years"`);
    await q.query(`DROP INDEX "public"."uq_calendar_overrides_jurisdiction_date"`);
    await q.query(`DROP TABLE "calendar_overrides"`);
    await q.query(`DROP TABLE "calendar_days"`);
  }
}
