import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  AssessmentService,
  ScoreRecomputeUseCase,
  SchemeVersionService,
  createScoringCalendar,
  loadFactClasses,
  loadStoredScores,
  scoreDepartmentsLineByLine,
  sqlCalendar,
  voidedLineKeys,
} from '@duban/assessment';
import { FixedClock } from '@duban/clock';
import { createDataSource } from '@duban/persistence';
import { generate } from '../bench/rollup.bench.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { seedScheme } from './assessment-world.js';

/**
 * The recompute's SQL fact classes against the per-fact path, department by department, on a
 * generated year with the cases the class query must get exactly right: events recorded for another
 * department, events after the cut-off, completed twice, ratings, returns, escalation steps of
 * every kind (also superseded ones and ones of another department), weekend and holiday deadlines
 * (the bench data spreads deadlines over every day of the year; half the items in a plan whose
 * deadlines do not roll) and a completion long before the
 * calendar span the SQL is given.
 */
let db: TestDatabase;
let ds: DataSource;
let assessmentId: string;
const calendar = createScoringCalendar();

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  const { rootId } = await generate(ds, 3000, 12);
  // Half the items belong to a plan whose deadlines stay on weekends and holidays (its policy says
  // so): both paths must read the plan's rule, not the default roll.
  const [fixed] = await ds.query(
    `INSERT INTO plans (title, jurisdiction_id, created_by, escalation_policy)
     SELECT '基准计划（截止日不顺延）', jurisdiction_id, created_by, '{"rollDeadlineToWorkingDay": false}'::jsonb FROM plans LIMIT 1 RETURNING id`,
  );
  await ds.query(`UPDATE plan_items SET plan_id = $1 WHERE position % 2 = 0`, [fixed.id]);
  await ds.query(`UPDATE tasks t SET plan_id = $1 FROM plan_items i WHERE i.id = t.plan_item_id AND i.plan_id = $1`, [fixed.id]);
  // Events for another department (before a reassignment) must not count.
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 3, 'TaskReturned', due_date - 5 + TIME '09:00', jsonb_build_object('departmentId', gen_random_uuid()), 'h'
       FROM tasks WHERE hashtext(id::text) % 7 = 0`,
  );
  // Events without a department (as the state machine records them) count; some after the year end.
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 4, 'TaskReturned', due_date + (hashtext(id::text) % 400) + TIME '23:30', '{}'::jsonb, 'h'
       FROM tasks WHERE hashtext(id::text) % 5 = 1`,
  );
  // Completed twice: a later approval with another rating wins; some the same day.
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 5, 'TaskCompleted', completed_at + (CASE WHEN hashtext(id::text) % 2 = 0 THEN interval '1 hour' ELSE interval '3 days' END),
            jsonb_build_object('rating', '优'), 'h'
       FROM tasks WHERE status = 'completed' AND hashtext(id::text) % 6 = 2`,
  );
  // A completion years before the calendar span given to SQL, and completed tasks with only completed_at.
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 6, 'TaskCompleted', TIMESTAMPTZ '2017-03-01 10:00+08', '{}'::jsonb, 'h' FROM tasks WHERE status = 'in_progress' AND hashtext(id::text) % 9 = 3`,
  );
  await ds.query(
    `UPDATE tasks SET status = 'completed', completed_at = due_date + (hashtext(id::text) % 9) + TIME '16:00'
      WHERE status = 'submitted' AND hashtext(id::text) % 3 = 0`,
  );
  // Escalation steps: yellow, red, 约谈, superseded ones, and one recorded for another department.
  await ds.query(
    `INSERT INTO escalation_steps (task_id, rule, step, deadline_version, state, department_id, due_date, step_at, recorded_at, colour, flag_interview)
     SELECT t.id, 'ladder', '+' || g, 1, CASE WHEN g = 4 THEN 'superseded' ELSE 'recorded' END,
            CASE WHEN g = 5 THEN (SELECT id FROM departments WHERE parent_id IS NULL LIMIT 1) ELSE t.department_id END,
            t.due_date, t.due_date + g * 3 + TIME '09:00', t.due_date + g * 3 + TIME '09:00',
            CASE WHEN g IN (1, 4, 5) THEN 'yellow' WHEN g = 2 THEN 'red' END, g = 3
       FROM tasks t CROSS JOIN generate_series(1, 5) AS g
      WHERE hashtext(t.id::text) % 4 = g % 4`,
  );
  const schemes = new SchemeVersionService(ds);
  await schemes.register(seedScheme('default'));
  const assessment = await new AssessmentService(ds, schemes).open({ year: 2024, jurisdictionId: rootId, schemeId: 'default', schemeVersion: 1 });
  assessmentId = assessment.id;
}, 120_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('fact classes from SQL', () => {
  it.each(['2024-07-01T02:00:00Z', '2024-12-30T02:00:00Z', '2025-01-05T02:00:00Z'])('score every department exactly as its facts do (clock %s)', async (now) => {
    const clock = new FixedClock(now);
    const schemes = new SchemeVersionService(ds);
    const outcome = await new ScoreRecomputeUseCase(ds, clock, schemes, calendar).recomputeAll(assessmentId);
    expect(outcome.recomputed).toBe(12);
    expect(outcome.lineByLine).toBe(0);
    const stored = await loadStoredScores(ds.manager, assessmentId);
    const scheme = await schemes.get('default', 1);
    const voided = await voidedLineKeys(ds.manager, assessmentId);
    const perFact = await scoreDepartmentsLineByLine(
      ds.manager,
      { year: 2024, scheme, calendar, voidedLineKeys: voided.map((v) => v.lineKey) },
      [...stored.values()],
    );
    let lines = 0;
    for (const row of stored.values()) {
      const facts = perFact.get(row.departmentId)!;
      lines += facts.lines.length;
      expect({ score: row.score, added: row.added, deducted: row.deducted, bonusClaimed: row.bonusClaimed, quota: row.quotaDenial !== null }).toEqual({
        score: facts.score,
        added: facts.added,
        deducted: facts.deducted,
        bonusClaimed: facts.bonusClaimed,
        quota: facts.bonusDenied,
      });
      expect(row.ruleCents).toEqual(facts.tally.ruleCents);
      expect(row.counts).toEqual(facts.tally.counts);
    }
    expect(lines).toBeGreaterThan(1000);
  }, 60_000);

  it('reads the same classes through the task index (a few departments) as by scanning every event (a whole year)', async () => {
    const ids: string[] = (await ds.query(`SELECT DISTINCT department_id FROM tasks ORDER BY 1`)).map((r: { department_id: string }) => r.department_id);
    const days = sqlCalendar(calendar, 2024);
    const sorted = (classes: Map<string, unknown[]>) => [...classes].map(([id, list]) => [id, list.map((c) => JSON.stringify(c)).sort()]);
    for (const asOf of ['2024-05-31', '2024-12-31']) {
      const narrow = await loadFactClasses(ds.manager, ids, 2024, asOf, calendar, days, { narrow: true });
      const wide = await loadFactClasses(ds.manager, ids, 2024, asOf, calendar, days, { narrow: false });
      expect(sorted(narrow)).toEqual(sorted(wide));
      expect([...narrow.values()].flat().length).toBeGreaterThan(50);
    }
  });
});
