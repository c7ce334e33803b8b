import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { shanghaiDateOf } from '@duban/calendar';
import { DeadlineSimulation, type MonthSummary } from '@duban/deadlines';
import { type TestDatabase } from '../support/test-database.js';
import { type World } from '../support/world.js';
import { closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/**
 * A simulated 2024 over a small plan, counts derived by hand from the 2024 schedule:
 * 1. due 06-28, lead A (2 users), completed on 06-25 before the sweep: T-7 (06-19) only → 2 messages.
 * 2. due 10-31, lead A + support B (1 user), never done (国庆 10-01…07, 10-12 a make-up day):
 *    T-7 10-22, T-3 10-28, T-1 10-30, due 10-31, +1 11-01, +5 11-07, +10 11-14.
 *    Lead: 4×2 + 2 + (coordinator + 2) + coordinator = 14; support: 4 + 1 + 2 + 1 = 8.
 *    The coordinator also has e-mail: +5 and +10 of both tasks = 4 more, as 2 digests of 2 items.
 * 3. due 12-31, lead B, extended on 12-23 to 2025-02-28: T-7 (12-20) once, nothing after.
 * Digests (one per recipient × channel × day): 06: 2; 10: 3 users × 4 days = 12;
 * 11: 3 (11-01) + 4 in-app and 1 e-mail (11-07) + 1 in-app and 1 e-mail (11-14) = 10; 12: 1.
 */
describe('a simulated year over a small plan', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-01-02T01:00:00Z'));
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  it('produces the expected reminders, escalations and digests', async () => {
    const { svc, actors, departments, clock } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: '楚雄州2024年重点工作督办方案' });
    const items = await svc.plans.addItems(actors.coordinator, plan.id, [
      { path: '一', kind: 'task', heading: '完成校舍安全排查', deadline: '2024-06-28' },
      { path: '二', kind: 'task', heading: '新增公办学位', deadline: '2024-10-31' },
      { path: '三', kind: 'task', heading: '完成年度资金绩效评价', deadline: '2024-12-31' },
    ]);
    const [t1] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[0]!.id, leadDepartmentId: departments.deptA });
    await svc.assignment.assign(actors.coordinator, {
      planId: plan.id,
      planItemId: items[1]!.id,
      leadDepartmentId: departments.deptA,
      supportDepartmentIds: [departments.deptB],
    });
    const [t3] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[2]!.id, leadDepartmentId: departments.deptB });
    await ds.query(
      `INSERT INTO user_channel_preferences (user_id, channel, enabled, address, updated_at) VALUES ($1, 'email', true, 'duchashi@example.gov.cn', now())`,
      [actors.coordinator.userId],
    );

    const sim = new DeadlineSimulation(ds);
    const { ticks, months } = await sim.run({
      from: '2024-01-01',
      to: '2024-12-31',
      stepMs: 86_400_000,
      onTick: async (now) => {
        clock.set(now);
        const day = shanghaiDateOf(now);
        if (day === '2024-06-25') {
          await svc.transitions.perform(actors.leadA, t1!.id, 'accept');
          await svc.transitions.perform(actors.leadA, t1!.id, 'submit');
          await svc.transitions.perform(actors.coordinator, t1!.id, 'approve', { rating: '良' });
        }
        if (day === '2024-12-23') {
          await svc.transitions.perform(actors.leadB, t3!.id, 'accept');
          await svc.transitions.perform(actors.leadB, t3!.id, 'request_extension', { dueDate: '2025-02-28', reason: '等待审计结果' });
          await svc.transitions.perform(actors.coordinator, t3!.id, 'grant_extension', {});
        }
      },
    });
    expect(ticks).toBe(366);
    const zero = { reportRequests: 0, escalations: { urge: 0, supervise: 0, escalate: 0 }, superseded: 0, skipped: 0, failed: 0 };
    const expected: MonthSummary[] = [
      { month: '2024-06', reminders: 1, sent: 2, digests: 2, externalMessages: 0, ...zero },
      { month: '2024-10', reminders: 8, sent: 12, digests: 12, externalMessages: 0, ...zero },
      { month: '2024-11', ...zero, reminders: 0, escalations: { urge: 2, supervise: 2, escalate: 2 }, sent: 14, digests: 10, externalMessages: 2 },
      { month: '2024-12', reminders: 1, sent: 1, digests: 1, externalMessages: 0, ...zero },
    ];
    expect(months).toEqual(expected);
    expect(sim.email.messages.map((m) => [m.address, m.items.length, m.subject.slice(0, 6)])).toEqual([
      ['duchashi@example.gov.cn', 2, '【督办日报】'],
      ['duchashi@example.gov.cn', 2, '【督办日报】'],
    ]);
    expect(sim.email.messages[1]!.text).toContain('建议约谈牵头单位主要负责人');
  }, 60_000);
});
