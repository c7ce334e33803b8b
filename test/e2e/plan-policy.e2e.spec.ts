import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { E2eApp } from '../support/e2e-app.js';
import { body, buildHttpWorld, type Caller, type HttpWorld } from './http-world.js';

// Real HTTP, Postgres and Redis on a busy 2-core machine: generous per-test time, polls still end early.
jest.setTimeout(30_000);

let app: E2eApp;
let world: HttpWorld;
let coordinator: Caller;
let planId: string;
let taskIds: string[];

/** What a refused PUT must leave alone: the plan's policy and when it was set, and its tasks' schedule. */
async function footprint() {
  const [plan] = await app.dataSource.query(`SELECT escalation_policy, escalation_policy_updated_at FROM plans WHERE id = $1`, [planId]);
  const tasks = await app.dataSource.query(`SELECT id, next_action_at FROM tasks WHERE plan_id = $1 ORDER BY id`, [planId]);
  return { plan, tasks };
}

beforeAll(async () => {
  app = await E2eApp.start({ start: '2025-03-03T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'leadB', 'assessor', 'otherCoordinator']);
  coordinator = world.users.coordinator!;
  planId = body(await coordinator.post('/api/plans', { title: '督办规则接口测试计划' }), 201).id;
  const items = body(
    await coordinator.post(`/api/plans/${planId}/items`, {
      items: [
        { path: '一', kind: 'task', heading: '规则任务甲', deadline: '2025-12-31' },
        { path: '二', kind: 'task', heading: '规则任务乙', deadline: '2025-12-31' },
      ],
    }),
    201,
  );
  taskIds = [];
  for (const item of items) {
    const [task] = body(await coordinator.post(`/api/plans/${planId}/items/${item.id}/assignments`, { leadDepartmentId: world.departments.deptA }), 201);
    taskIds.push(task.id);
  }
  // One task handed in for closing: the engine owes it nothing, so a policy change must not wake it.
  body(await world.users.leadA!.post(`/api/tasks/${taskIds[1]}/accept`));
  body(await world.users.leadA!.post(`/api/tasks/${taskIds[1]}/submit`));
  // The open task planned as a sweep under the defaults leaves it: T-7 of 12-31 is 12-22, 09:00 Shanghai.
  await app.dataSource.query(`UPDATE tasks SET next_action_at = '2025-12-22T01:00:00Z' WHERE id = $1`, [taskIds[0]]);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('GET /api/plans/:planId/escalation-policy', () => {
  it('answers the defaults from practice for a plan that sets nothing', async () => {
    const view = body(await coordinator.get(`/api/plans/${planId}/escalation-policy`));
    expect(view).toMatchObject({ planId, overrides: {}, overridden: [], updatedAt: null });
    expect(view.policy.reminders.workingDaysBefore).toEqual([7, 3, 1, 0]);
    expect(view.policy.ladder.rules.map((r: { workingDaysAfter: number }) => r.workingDaysAfter)).toEqual([1, 5, 10]);
  });
});

describe('PUT /api/plans/:planId/escalation-policy', () => {
  it.each([
    ['duplicate reminder days', { reminders: { workingDaysBefore: [3, 3] } }, 'reminders.workingDaysBefore', '提醒日有重复'],
    ['an unknown audience', { reminders: { audience: ['lead', 'mayor'] } }, 'reminders.audience', '未知的通知对象 "mayor"'],
    ['quiet hours that start when they end', { quietHours: { start: '22:00', end: '22:00' } }, 'quietHours', '免打扰开始时间与结束时间相同'],
    ['a ladder that does not climb', { ladder: { rules: [
      { workingDaysAfter: 4, colour: 'red', action: 'supervise', audience: ['lead'] },
      { workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'] },
    ] } }, 'ladder.rules[1].workingDaysAfter', '逐级递增'],
    ['a send time that is no time', { reminders: { sendAt: '25:00' } }, 'reminders.sendAt', 'HH:mm'],
  ])('refuses %s with 400 naming the field in Chinese, storing nothing', async (_what, payload, field, zh) => {
    const before = await footprint();
    const res = await coordinator.put(`/api/plans/${planId}/escalation-policy`, payload);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'invalid', field });
    expect(res.body.message).toContain(field);
    expect(res.body.message).toContain(zh);
    expect(await footprint()).toEqual(before);
  });

  it('refuses malformed bodies and fields a plan may not set, naming them', async () => {
    const before = await footprint();
    const statuses = await coordinator.put(`/api/plans/${planId}/escalation-policy`, { pausedStatuses: [] });
    expect(statuses.status).toBe(400);
    expect(statuses.body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'pausedStatuses' }] });
    const typed = await coordinator.put(`/api/plans/${planId}/escalation-policy`, { reminders: { workingDaysBefore: ['T-10'] }, trafficLight: { redBehind: '30' } });
    expect(typed.status).toBe(400);
    expect((typed.body.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['reminders.workingDaysBefore', 'trafficLight.redBehind']);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ['leadA', 403, 'forbidden'], // sees the plan (its department has tasks in it), may not set its rules
    ['leadB', 404, 'not_found'], // another department: the plan does not exist for it
    ['assessor', 403, 'forbidden'],
    ['otherCoordinator', 404, 'not_found'], // another jurisdiction's office
  ] as const)('answers %s with %i and changes nothing', async (who, status, error) => {
    const before = await footprint();
    const res = await world.users[who]!.put(`/api/plans/${planId}/escalation-policy`, { reminders: { workingDaysBefore: [10, 5, 1] } });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, error });
    if (status === 404) expect(JSON.stringify(res.body)).not.toContain('督办规则接口测试计划');
    expect(await footprint()).toEqual(before);
  });

  it('stores a valid policy, shows it with its overridden fields, and hands the open tasks back to the sweep', async () => {
    const res = body(
      await coordinator.put(`/api/plans/${planId}/escalation-policy`, {
        reminders: { workingDaysBefore: [10, 5, 1] },
        ladder: { rules: [{ workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'] }] },
        quietHours: null,
      }),
    );
    expect(res).toMatchObject({ planId, replannedTasks: 1, overridden: ['reminders.workingDaysBefore', 'ladder.rules', 'quietHours'] });
    const view = body(await world.users.leadA!.get(`/api/plans/${planId}/escalation-policy`));
    expect(view.policy.reminders).toEqual({ workingDaysBefore: [10, 5, 1], audience: ['lead', 'support'], sendAt: '09:00' });
    expect(view.policy.ladder.rules).toEqual([{ workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'], flagInterview: false, critical: false }]);
    expect(view.policy.quietHours).toBeNull();
    expect(view.updatedAt).toBe(app.clock.now().toISOString());
    const tasks = await app.dataSource.query(`SELECT id, status, next_action_at FROM tasks WHERE plan_id = $1`, [planId]);
    const open = tasks.find((t: { id: string }) => t.id === taskIds[0]);
    const submitted = tasks.find((t: { id: string }) => t.id === taskIds[1]);
    // "Now" until the worker's every-minute sweep plans it: then T-10 of 12-31 (12-17 09:00 Shanghai)
    // under the new policy — never the T-7 of 12-22 it had under the defaults.
    expect([app.clock.now().toISOString(), '2025-12-17T01:00:00.000Z']).toContain(new Date(open.next_action_at).toISOString());
    expect(submitted).toMatchObject({ status: 'submitted', next_action_at: null });
  });

  it('answers 404 for a plan id that names nothing', async () => {
    const res = await coordinator.put('/api/plans/00000000-0000-4000-8000-000000000000/escalation-policy', {});
    expect(res.status).toBe(404);
    expect((await coordinator.get('/api/plans/not-a-uuid/escalation-policy')).status).toBe(404);
  });
});
