import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { addDays } from '@duban/calendar';
import { type TestDatabase } from '../support/test-database.js';
import { assignedAction, type World } from '../support/world.js';
import { countBy, engine, morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/**
 * One action due 2024-03-20 (Wednesday), lead A (two users) and support B (one user), assigned
 * 2024-03-01. By hand, with the 2024 schedule (no holiday in March; 清明 4–6 April):
 * T-7 = 03-11, T-3 = 03-15, T-1 = 03-19, due = 03-20, +1 = 03-21, +5 = 03-27, +10 = 04-03.
 * Recipients: reminders and +1 go to the department; +5 to the coordinator and the department;
 * +10 to leadership (no leader registered → the coordinator) and the coordinator (once).
 * Lead task: 4×2 + 2 + 3 + 1 = 14 notifications; support task: 4×1 + 1 + 2 + 1 = 8.
 */
describe('deadline sweep over a simulated month', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;
  let ids: Awaited<ReturnType<typeof assignedAction>>;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    ids = await assignedAction(world, '2024-03-20');
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  it('records each step once on its working day and delivers each notification once', async () => {
    const { sweep, delivery } = engine(ds);
    const recordedOn: Record<string, string> = {};
    for (let d = '2024-03-01'; d <= '2024-04-12'; d = addDays(d, 1)) {
      world.clock.set(morning(d));
      await sweep.runOnce(world.clock.now());
      // A second sweep at the same instant is a no-op.
      expect((await sweep.runOnce(world.clock.now())).steps).toBe(0);
      await delivery.deliverDue(world.clock.now());
      const rows: Array<{ step: string; day: string }> = await ds.query(
        `SELECT step, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM escalation_steps WHERE task_id = $1`,
        [ids.leadTaskId],
      );
      for (const r of rows) recordedOn[r.step] = r.day;
    }
    expect(recordedOn).toEqual({
      'T-7': '2024-03-11',
      'T-3': '2024-03-15',
      'T-1': '2024-03-19',
      due: '2024-03-20',
      '+1': '2024-03-21',
      '+5': '2024-03-27',
      '+10': '2024-04-03',
    });
    const perTask = await countBy(ds, `SELECT task_id AS k, count(*) AS n FROM notifications WHERE state = 'sent' GROUP BY task_id`);
    expect(perTask).toEqual({ [ids.leadTaskId]: 14, [ids.supportTaskId]: 8 });
    expect(await countBy(ds, `SELECT state AS k, count(*) AS n FROM notifications GROUP BY state`)).toEqual({ sent: 22 });
    const last = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [ids.leadTaskId]);
    expect(last[0].next_action_at).toBeNull();
  });

  it('a completed task leaves the sweep: next_action_at is cleared in the transition', async () => {
    const { actors, svc } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: '测试方案' });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: '完成测试事项', deadline: '2024-06-28' }]);
    const [task] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: world.departments.deptA });
    let row = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [task.id]);
    expect(new Date(row[0].next_action_at).getTime()).toBe(world.clock.now().getTime());
    await engine(ds).sweep.runOnce(world.clock.now());
    row = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [task.id]);
    // T-7 of 2024-06-28 (Friday; 端午 10 June is earlier) is 06-19, 09:00 Shanghai.
    expect(new Date(row[0].next_action_at).toISOString()).toBe('2024-06-19T01:00:00.000Z');
    await svc.transitions.perform(actors.leadA, task.id, 'accept');
    await svc.transitions.perform(actors.leadA, task.id, 'submit');
    row = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [task.id]);
    expect(row[0].next_action_at).toBeNull();
  });
});
