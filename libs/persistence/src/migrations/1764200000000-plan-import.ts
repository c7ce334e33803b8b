import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Draft plans under review after a document import: the draft, its item tree and its proposed tasks. */
export class PlanImport1764200000000 implements MigrationInterface {
  name = 'PlanImport1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "draft_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "draft_id" uuid NOT NULL, "draft_item_id" uuid NOT NULL, "department_id" uuid, "source_name" text, "role" text NOT NULL, "deadline" date, "deadline_source" text NOT NULL, "resolution_status" text NOT NULL, "resolution_reason" text NOT NULL, "resolution_score" real, "resolution_note" text, "candidates" jsonb NOT NULL DEFAULT '[]', "position" integer NOT NULL, CONSTRAINT "ck_draft_assignments_deadline_source" CHECK ("deadline_source" IN ('stated', 'inherited', 'plan_end', 'edited', 'none')), CONSTRAINT "ck_draft_assignments_role" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "PK_02ed6da5bb4480fb8a462bacf50" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_draft_assignments_item" ON "draft_assignments"  ("draft_item_id") `);
    await q.query(`CREATE INDEX "ix_draft_assignments_draft" ON "draft_assignments"  ("draft_id") `);
    await q.query(`CREATE TABLE "draft_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "draft_id" uuid NOT NULL, "path" text NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "text" text NOT NULL DEFAULT '', "deadline" date, "deadline_text" text, "recurrence" text, "targets" jsonb NOT NULL DEFAULT '[]', "source_line" integer, "position" integer NOT NULL, CONSTRAINT "PK_5a72c620980dca6409224be281e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_draft_items_draft_path" ON "draft_items"  ("draft_id", "path") `);
    await q.query(`CREATE TABLE "draft_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "jurisdiction_id" uuid NOT NULL, "sha256" text NOT NULL, "file_name" text NOT NULL, "size_bytes" integer NOT NULL, "title" text, "issuers" text array NOT NULL DEFAULT '{}', "doc_number" text, "issue_date" date, "period_start" integer, "period_end" integer, "script" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "plan_id" uuid, "created_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_draft_plans_status" CHECK ("status" IN ('draft', 'published', 'discarded')), CONSTRAINT "PK_4067faca7a1dc4e96cda23e61be" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_draft_plans_jurisdiction_sha256" ON "draft_plans"  ("jurisdiction_id", "sha256") WHERE "status" <> 'discarded'`);
    await q.query(`ALTER TABLE "draft_assignments" ADD CONSTRAINT "fk_draft_assignments_draft" FOREIGN KEY ("draft_id") REFERENCES "draft_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_assignments" ADD CONSTRAINT "fk_draft_assignments_item" FOREIGN KEY ("draft_item_id") REFERENCES "draft_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_assignments" ADD CONSTRAINT "fk_draft_assignments_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_items" ADD CONSTRAINT "fk_draft_items_draft" FOREIGN KEY ("draft_id") REFERENCES "draft_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_plans" ADD CONSTRAINT "fk_draft_plans_jurisdiction" FOREIGN KEY ("jurisdiction_id") REFERENCES "departments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_plans" ADD CONSTRAINT "fk_draft_plans_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "draft_plans" ADD CONSTRAINT "fk_draft_plans_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Dropping the tables drops their indexes, checks and foreign keys with them.
    await q.query(`DROP TABLE "draft_assignments"`);
    await q.query(`DROP TABLE "draft_items"`);
    await q.query(`DROP TABLE "draft_plans"`);
  }
}
