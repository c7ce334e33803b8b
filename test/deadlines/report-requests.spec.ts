import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { shanghaiDateOf } from '@duban/calendar';
import { DeadlineSimulation } from '@duban/deadlines';
import { type TestDatabase } from '../support/test-database.js';
import { type World } from '../support/world.js';
import { closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/**
 * A plan with a monthly report schedule (requests 3 working days before the month's last working
 * day): tasks for A (2 users) and B (1 user), due at year end. B reports on 03-05, A never does.
 * March: last working day 03-29 → requests on 03-26, to A only (2 messages).
 * April: last working day 04-30 (04-28 Sunday is a make-up day) → requests on 04-26, A and B (3).
 */
describe('progress-report requests', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  it('asks, once per period, only the tasks that have not reported in it', async () => {
    const { svc, actors, departments, clock } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: '月调度方案' });
    const items = await svc.plans.addItems(actors.coordinator, plan.id, [
      { path: '一', kind: 'task', heading: '推进集团化办学', deadline: '2024-12-31' },
      { path: '二', kind: 'task', heading: '落实教育经费', deadline: '2024-12-31' },
    ]);
    await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[0]!.id, leadDepartmentId: departments.deptA });
    const [b] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[1]!.id, leadDepartmentId: departments.deptB });
    await ds.query(`INSERT INTO report_schedules (plan_id, cadence, lead_working_days, created_at) VALUES ($1, 'monthly', 3, now())`, [plan.id]);

    const sim = new DeadlineSimulation(ds);
    const { months } = await sim.run({
      from: '2024-03-01',
      to: '2024-04-30',
      stepMs: 3 * 3_600_000, // every three hours: a request goes out once, not once per tick
      onTick: async (now) => {
        clock.set(now);
        if (shanghaiDateOf(now) === '2024-03-05' && now.getUTCHours() === 1) {
          await svc.transitions.perform(actors.leadB, b!.id, 'accept');
          await svc.transitions.perform(actors.leadB, b!.id, 'report_progress', { percent: 20, narrative: '资金已拨付首批' });
        }
      },
    });
    expect(months.map((m) => [m.month, m.reportRequests, m.sent])).toEqual([
      ['2024-03', 1, 2],
      ['2024-04', 2, 3],
    ]);
    const sent: Array<{ step: string; day: string; department: string }> = await ds.query(
      `SELECT s.step, to_char(s.recorded_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD') AS day, d.name AS department
         FROM escalation_steps s JOIN departments d ON d.id = s.department_id WHERE s.rule = 'report' ORDER BY s.recorded_at, d.name`,
    );
    expect(sent).toEqual([
      { step: '2024-03', day: '03-26', department: '州教育体育局' },
      { step: '2024-04', day: '04-26', department: '州教育体育局' },
      { step: '2024-04', day: '04-26', department: '州财政局' },
    ]);
    const body = await ds.query(`SELECT body FROM notifications n JOIN escalation_steps s ON s.id = n.step_id WHERE s.step = '2024-03' LIMIT 1`);
    expect(body[0].body).toBe('【进度报送提醒】州教育体育局：请于2024年3月29日前报送2024年3月工作进展情况（含佐证材料）。');
  }, 60_000);
});
