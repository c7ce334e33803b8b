import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { shanghaiInstant } from '@duban/calendar';
import { type TestDatabase } from '../support/test-database.js';
import { type World } from '../support/world.js';
import { countBy, engine, morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/**
 * A reminder recorded (queued) but not yet delivered when the task changes: the delivery re-checks
 * the task as it is now and skips with the reason; the new deadline gets its own steps. In-app
 * messages due at once are delivered as the sweep records them, so the reminders here are recorded
 * by an evening sweep (22:30, quiet hours): held until 07:00, they wait for the delivery.
 */
describe('stale reminders do not go out', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  /** 22:30 Shanghai: in quiet hours, so non-critical messages wait for 07:00. */
  const evening = (date: string) => shanghaiInstant(date, 22, 30);

  async function recordedSteps(taskId: string): Promise<string[]> {
    const rows: Array<{ step: string }> = await ds.query(`SELECT step FROM escalation_steps WHERE task_id = $1 AND state = 'recorded' ORDER BY step_at`, [taskId]);
    return rows.map((r) => r.step);
  }

  async function task(heading: string, dueDate: string): Promise<string> {
    const { svc, actors, departments } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: `${heading}方案` });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading, deadline: dueDate }]);
    const [t] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
    return t.id;
  }

  it('deadline extended after the T-7 reminder was recorded: skipped, and the new deadline restarts the steps', async () => {
    const { svc, actors, clock } = world;
    clock.set(morning('2024-03-01'));
    const id = await task('延期事项', '2024-03-20');
    const { sweep, delivery } = engine(ds);
    await sweep.runOnce(clock.now());
    clock.set(evening('2024-03-11')); // T-7
    await sweep.runOnce(clock.now());
    expect(await recordedSteps(id)).toEqual(['T-7']);
    await svc.transitions.perform(actors.leadA, id, 'accept');
    await svc.transitions.perform(actors.leadA, id, 'request_extension', { dueDate: '2024-04-30', reason: '需协调资金' });
    await svc.transitions.perform(actors.coordinator, id, 'grant_extension', {});
    // The transition put the task back in front of the sweep: version 2's steps are computed next.
    const next = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [id]);
    expect(new Date(next[0].next_action_at).getTime()).toBe(clock.now().getTime());
    clock.set(morning('2024-03-12'));
    const r = await delivery.deliverDue(clock.now());
    expect(r).toMatchObject({ sent: 0, skipped: 2 });
    const reasons = await countBy(ds, `SELECT skip_reason AS k, count(*) AS n FROM notifications WHERE task_id = $1 GROUP BY 1`, [id]);
    expect(reasons).toEqual({ 'deadline changed (version 1 → 2)': 2 });
    await sweep.runOnce(clock.now());
    const after = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [id]);
    // T-7 of 2024-04-30 (劳动节 from 05-01; 04-28 Sunday is a make-up working day) is 04-22.
    expect(new Date(after[0].next_action_at).toISOString()).toBe('2024-04-22T01:00:00.000Z');
  });

  it('task completed after its reminder was recorded: skipped with the reason', async () => {
    const { svc, actors, clock } = world;
    clock.set(morning('2024-06-03'));
    const id = await task('办结事项', '2024-06-13');
    const { sweep, delivery } = engine(ds);
    clock.set(evening('2024-06-03'));
    await sweep.runOnce(clock.now()); // T-7 of 06-13 (端午 06-10) is 06-03: due now
    expect(await recordedSteps(id)).toEqual(['T-7']);
    await svc.transitions.perform(actors.leadA, id, 'accept');
    await svc.transitions.perform(actors.leadA, id, 'submit');
    await svc.transitions.perform(actors.coordinator, id, 'approve', { rating: '优' });
    clock.set(morning('2024-06-04'));
    await delivery.deliverDue(clock.now());
    const states = await countBy(ds, `SELECT state || ':' || coalesce(skip_reason, '') AS k, count(*) AS n FROM notifications WHERE task_id = $1 GROUP BY 1`, [id]);
    expect(states).toEqual({ 'skipped:task is completed': 2 });
    const row = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [id]);
    expect(row[0].next_action_at).toBeNull();
  });

  it('task reassigned after its reminder was recorded: the old department is not reminded', async () => {
    const { svc, actors, clock, departments } = world;
    clock.set(morning('2024-09-02'));
    const id = await task('改派事项', '2024-09-11');
    const { sweep, delivery } = engine(ds);
    clock.set(evening('2024-09-02'));
    await sweep.runOnce(clock.now()); // T-7 of 09-11 is 09-02
    expect(await recordedSteps(id)).toEqual(['T-7']);
    await svc.transitions.perform(actors.leadA, id, 'decline', { reason: '不属于本单位职责' });
    await svc.transitions.perform(actors.coordinator, id, 'reassign', { departmentId: departments.deptB, reason: '改由财政局牵头' });
    clock.set(morning('2024-09-03'));
    await delivery.deliverDue(clock.now());
    const states = await countBy(ds, `SELECT state || ':' || coalesce(skip_reason, '') AS k, count(*) AS n FROM notifications WHERE task_id = $1 GROUP BY 1`, [id]);
    expect(states).toEqual({ 'skipped:task was reassigned to another department': 2 });
  });

  it('in the daytime the sweep delivers the in-app reminder as it records it: in the inbox at once, no delivery run', async () => {
    const { clock } = world;
    clock.set(morning('2024-11-11'));
    const id = await task('即时送达事项', '2024-11-20');
    await engine(ds).sweep.runOnce(clock.now()); // T-7 of 11-20 is 11-11
    expect(await recordedSteps(id)).toEqual(['T-7']);
    const rows: Array<{ state: string; sent_at: Date; attempts: number }> = await ds.query(
      `SELECT state, sent_at, attempts FROM notifications WHERE task_id = $1 AND channel = 'in_app'`,
      [id],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toEqual({ state: 'sent', sent_at: clock.now(), attempts: 1 });
  });
});
