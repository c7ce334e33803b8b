import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildWorld, type World } from '../support/world.js';
import { assessmentServices, ledgerRows, seedScheme } from './assessment-world.js';

/**
 * 31 December 2022 was a Saturday inside the New Year holiday (31 Dec – 2 Jan); deadlines roll, so a
 * task due that day counts from Tuesday 3 January 2023. The 2022 assessment must close with that
 * deadline: the task done on 3 January is on time, the one still open afterwards is missed — not
 * left undecided because the year was cut at 31 December.
 */
let db: TestDatabase;
let ds: DataSource;
let world: World;
let svc: ReturnType<typeof assessmentServices>;
let done: string;
let open: string;
let earlier: string;
let fixed: string;

async function leadTask(path: string, heading: string, deadline: string, policy?: object): Promise<string> {
  const { svc: s, actors, departments } = world;
  const plan = await s.plans.create(actors.coordinator, { title: `2022年年底督办事项${path}`, periodStart: 2022, periodEnd: 2022 });
  if (policy) await ds.query(`UPDATE plans SET escalation_policy = $2 WHERE id = $1`, [plan.id, JSON.stringify(policy)]);
  const [created] = await s.plans.addItems(actors.coordinator, plan.id, [{ path, kind: 'task', heading, deadline }]);
  const [task] = await s.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: created.id, leadDepartmentId: departments.deptA });
  return task.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds, '2022-11-01T01:00:00Z');
  svc = assessmentServices(ds, world.clock);
  await svc.schemes.register(seedScheme('default'));
  await svc.assessments.open({ year: 2022, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: 1 });
  done = await leadTask('1', '完成年度教育经费统计', '2022-12-31');
  open = await leadTask('2', '完成年度督导评估报告', '2022-12-31');
  earlier = await leadTask('3', '完成秋季学期安全检查', '2022-12-16');
  // This plan says deadlines stay where they are, holiday or not (its escalation policy).
  fixed = await leadTask('4', '报送年度工作总结', '2022-12-31', { rollDeadlineToWorkingDay: false });
  const { svc: s, actors, clock } = world;
  for (const id of [done, open, earlier, fixed]) await s.transitions.perform(actors.leadA, id, 'accept');
  // The task already missed on 16 December is finished on the first working day of January.
  clock.set('2023-01-03T03:00:00Z');
  for (const id of [done, earlier, fixed]) {
    await s.transitions.perform(actors.leadA, id, 'submit');
    await s.transitions.perform(actors.coordinator, id, 'approve', { rating: '良' });
  }
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('an assessment year closes with its last deadline, rolled past the New Year holiday', () => {
  it('on 31 December 2022 nothing due that day is decided yet', async () => {
    world.clock.set('2022-12-31T04:00:00Z');
    const [{ assessment_id }] = await ds.query(`SELECT id AS assessment_id FROM assessments WHERE year = 2022`);
    const outcome = await svc.recompute.recomputeAll(assessment_id);
    expect(outcome.asOf).toBe('2022-12-31');
    const rules = (await ledgerRows(ds, svc, 2022)).filter((l) => l.task_id === done || l.task_id === open).map((l) => l.rule);
    expect(rules).toEqual([]);
  });

  it('after the rolled deadline: done on 3 January is on time, still open is missed, and the year stops there', async () => {
    world.clock.set('2023-02-10T04:00:00Z');
    const [{ assessment_id }] = await ds.query(`SELECT id AS assessment_id FROM assessments WHERE year = 2022`);
    const outcome = await svc.recompute.recomputeAll(assessment_id);
    expect(outcome.asOf).toBe('2023-01-03');
    const lines = await ledgerRows(ds, svc, 2022);
    const rulesOf = (taskId: string) => lines.filter((l) => l.task_id === taskId).map((l) => l.rule);
    expect(rulesOf(done)).toEqual(['completedOnTime']);
    expect(rulesOf(open)).toEqual(['missed']);
    // Completed within the year's close: late by the working days since 16 December, not missed.
    expect(rulesOf(earlier)).toEqual(['completedLate']);
    // The plan that does not roll its deadlines: due on 31 December itself, one working day late.
    expect(rulesOf(fixed)).toEqual(['completedLate']);
    expect(lines.find((l) => l.task_id === fixed)!.reason).toContain('逾期1个工作日完成（截止2022-12-31，2023-01-03办结）');
    const ledgers = await svc.queries.ledgersOf(await svc.assessments.byId(assessment_id), [world.departments.deptA]);
    const [row] = await ds.query(`SELECT score::float AS score, to_char(as_of, 'YYYY-MM-DD') AS as_of FROM department_scores WHERE department_id = $1`, [
      world.departments.deptA,
    ]);
    expect(row.as_of).toBe('2023-01-03');
    expect(ledgers.get(world.departments.deptA)!.linesTotal).toBe(row.score);
  });
});
