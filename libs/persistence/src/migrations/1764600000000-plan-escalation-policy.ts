import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans carry their own escalation policy: the overrides of the engine's defaults (T-10/T-5/T-1
 * reminders, a faster ladder, other quiet hours…), validated before they are stored. Null keeps
 * the defaults from practice, so every existing plan behaves as before.
 */
export class PlanEscalationPolicy1764600000000 implements MigrationInterface {
  name = 'PlanEscalationPolicy1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plans" ADD "escalation_policy" jsonb`);
    await q.query(`ALTER TABLE "plans" ADD "escalation_policy_updated_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plans" DROP COLUMN "escalation_policy_updated_at"`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "escalation_policy"`);
  }
}
