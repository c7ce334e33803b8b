import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An open year's recompute no longer stores one ledger line per task: it keeps per department the
 * tally its score is settled from (`rule_cents`, with the existing counts and bonus_claimed) and
 * the bonus-quota denial text; ledgers are produced on read from the facts and materialized in
 * `ledger_lines` only when the year is finalized. The ledger hash has nothing left to hash, and the
 * open years' stored lines are no longer kept current, so they go.
 */
export class ScoreTallies1764800000000 implements MigrationInterface {
  name = 'ScoreTallies1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "department_scores" DROP COLUMN "ledger_hash"`);
    await q.query(`ALTER TABLE "department_scores" ADD "rule_cents" jsonb`);
    await q.query(`ALTER TABLE "department_scores" ADD "quota_denial" text`);
    await q.query(`DELETE FROM "ledger_lines" l USING "assessments" a WHERE a."id" = l."assessment_id" AND a."status" = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "department_scores" DROP COLUMN "quota_denial"`);
    await q.query(`ALTER TABLE "department_scores" DROP COLUMN "rule_cents"`);
    // An empty hash never matches: the next recompute rewrites every open year's ledger.
    await q.query(`ALTER TABLE "department_scores" ADD "ledger_hash" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "department_scores" ALTER COLUMN "ledger_hash" DROP DEFAULT`);
  }
}
