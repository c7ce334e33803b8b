import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Actor } from '@duban/access';
import { UserService } from '@duban/organization';
import { PlanService } from '@duban/plans';
import { TaskAssignmentUseCase } from '@duban/tasks';
import { E2eApp } from '../support/e2e-app.js';
import { body, buildHttpWorld, type HttpWorld } from './http-world.js';

jest.setTimeout(30_000);

/**
 * The coordinating office's own 待办 (GET /api/inbox/coordinator): what its departments wait for it
 * to decide, oldest first, with counts — and nothing of another jurisdiction.
 */
let app: E2eApp;
let world: HttpWorld;
let coordinatorActor: Actor;
let planId: string;
let itemNo = 0;

interface TodoItem {
  kind: string;
  label: string;
  taskId: string;
  title: string;
  departmentName: string;
  status: string;
  waitingSince: string;
  reason: string | null;
  requestedDueDate: string | null;
  actions: string[];
}
interface Todo {
  counts: Record<string, number>;
  items: TodoItem[];
}

const at = (instant: string) => app.clock.set(instant);
const lead = () => world.users.leadA!;
const coordinator = () => world.users.coordinator!;

/** A task of department A (lead); the later ones are due earlier, so due-date order is not waiting order. */
async function taskOfA(heading: string, dueDate: string): Promise<string> {
  itemNo += 1;
  const [item] = await app.get(PlanService).addItems(coordinatorActor, planId, [{ path: String(itemNo), kind: 'task', heading, deadline: dueDate }]);
  const [task] = await app.get(TaskAssignmentUseCase).assign(coordinatorActor, { planId, planItemId: item.id, leadDepartmentId: world.departments.deptA });
  return task.id;
}

const tasks: Record<string, string> = {};

beforeAll(async () => {
  app = await E2eApp.start({ start: '2025-03-03T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'staffA', 'assessor', 'otherCoordinator']);
  coordinatorActor = (await app.get(UserService).loadActor(world.users.coordinator!.userId))!;
  planId = (await app.get(PlanService).create(coordinatorActor, { title: '督办待办测试计划', periodStart: 2025, periodEnd: 2025 })).id;

  tasks.extension = await taskOfA('完善学校安全防控体系', '2025-12-31');
  tasks.closing = await taskOfA('推进县域义务教育优质均衡', '2025-11-30');
  tasks.declined = await taskOfA('建设智慧校园平台', '2025-10-31');
  tasks.both = await taskOfA('落实课后服务经费保障', '2025-09-30');
  tasks.working = await taskOfA('开展教师轮岗交流', '2025-08-31');
  tasks.done = await taskOfA('修订学校章程', '2025-07-31');

  at('2025-03-04T02:00:00Z');
  for (const id of Object.values(tasks)) if (id !== tasks.declined) body(await lead().post(`/api/tasks/${id}/accept`));
  body(await lead().post(`/api/tasks/${tasks.both}/extension-request`, { dueDate: '2026-03-31', reason: '资金未到位' }));
  at('2025-03-05T02:00:00Z');
  body(await lead().post(`/api/tasks/${tasks.extension}/extension-request`, { dueDate: '2026-06-30', reason: '施工周期延长' }));
  at('2025-03-06T02:00:00Z');
  body(await lead().post(`/api/tasks/${tasks.closing}/submit`));
  body(await lead().post(`/api/tasks/${tasks.done}/submit`));
  body(await coordinator().post(`/api/tasks/${tasks.done}/approve`, { rating: '良' }));
  at('2025-03-07T02:00:00Z');
  body(await lead().post(`/api/tasks/${tasks.declined}/decline`, { reason: '非本单位职责' }));
  at('2025-03-08T02:00:00Z');
  body(await lead().post(`/api/tasks/${tasks.both}/submit`));
  at('2025-03-10T02:00:00Z');
}, 90_000);

afterAll(async () => {
  await app?.close();
});

describe('GET /api/inbox/coordinator', () => {
  it('lists closings, declined tasks and extension requests of the jurisdiction, oldest first, with counts', async () => {
    const todo = body<Todo>(await coordinator().get('/api/inbox/coordinator'));
    expect(todo.counts).toEqual({ closing_review: 2, reassignment: 1, extension_decision: 2, total: 5 });
    expect(todo.items.map((i) => [i.taskId, i.kind, i.waitingSince])).toEqual([
      [tasks.both, 'extension_decision', '2025-03-04T02:00:00.000Z'],
      [tasks.extension, 'extension_decision', '2025-03-05T02:00:00.000Z'],
      [tasks.closing, 'closing_review', '2025-03-06T02:00:00.000Z'],
      [tasks.declined, 'reassignment', '2025-03-07T02:00:00.000Z'],
      [tasks.both, 'closing_review', '2025-03-08T02:00:00.000Z'],
    ]);
    const [extension] = todo.items;
    expect(extension).toMatchObject({
      label: '待审批延期',
      title: '落实课后服务经费保障',
      departmentName: '州教育体育局',
      status: 'submitted',
      reason: '资金未到位',
      requestedDueDate: '2026-03-31',
      actions: ['grant_extension', 'deny_extension'],
    });
    expect(todo.items[2]).toMatchObject({ label: '待审核办结', reason: null, requestedDueDate: null, actions: ['approve', 'return'] });
    expect(todo.items[3]).toMatchObject({ label: '待重新交办', status: 'declined', reason: '非本单位职责', actions: ['reassign'] });
    const listed = new Set(todo.items.map((i) => i.taskId));
    expect(listed.has(tasks.working)).toBe(false);
    expect(listed.has(tasks.done)).toBe(false);
  });

  it('limits the items, never the counts, and names a bad limit', async () => {
    const todo = body<Todo>(await coordinator().get('/api/inbox/coordinator?limit=2'));
    expect(todo.items.map((i) => i.taskId)).toEqual([tasks.both, tasks.extension]);
    expect(todo.counts.total).toBe(5);
    const bad = await coordinator().get('/api/inbox/coordinator?limit=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });

  it('shows another jurisdiction’s coordinator nothing, and is refused to departments and assessors', async () => {
    expect(body<Todo>(await world.users.otherCoordinator!.get('/api/inbox/coordinator'))).toEqual({
      counts: { closing_review: 0, reassignment: 0, extension_decision: 0, total: 0 },
      items: [],
    });
    for (const who of [world.users.leadA!, world.users.staffA!, world.users.assessor!, world.admin]) {
      const res = await who.get('/api/inbox/coordinator');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden', message: '督办待办仅供督查室使用' });
    }
  });

  it('drops each item the moment the coordinator decides it', async () => {
    body(await coordinator().post(`/api/tasks/${tasks.closing}/approve`, { rating: '优' }));
    body(await coordinator().post(`/api/tasks/${tasks.declined}/reassign`, { departmentId: world.departments.deptB, reason: '改由财政局牵头' }));
    body(await coordinator().post(`/api/tasks/${tasks.both}/extension-grant`));
    const todo = body<Todo>(await coordinator().get('/api/inbox/coordinator'));
    expect(todo.counts).toEqual({ closing_review: 1, reassignment: 0, extension_decision: 1, total: 2 });
    expect(todo.items.map((i) => [i.taskId, i.kind])).toEqual([
      [tasks.extension, 'extension_decision'],
      [tasks.both, 'closing_review'],
    ]);
  });
});
