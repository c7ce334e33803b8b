import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Actor } from '@duban/access';
import type { TaskAction } from '@duban/domain';
import { UserService } from '@duban/organization';
import { PlanService } from '@duban/plans';
import { AttachmentService, TaskAssignmentUseCase, TaskTransitionUseCase } from '@duban/tasks';
import { E2eApp } from '../support/e2e-app.js';
import { waitFor } from '../support/wait-for.js';
import { body, buildHttpWorld, type Caller, type HttpWorld } from './http-world.js';

// Real HTTP, Postgres and Redis on a busy 2-core machine: generous per-test time, polls still end early.
jest.setTimeout(30_000);

/**
 * Every task and 待办 route (and a plan's escalation policy) × every role × own / other department, through HTTP. Each cell acts on a
 * task of department A in a state where the action is legal, so the answer depends only on who asks:
 * 200/201 allowed, 403 the role may never do this, 404 the task is outside the caller's scope.
 */
const CALLERS = ['leadA', 'staffA', 'leadB', 'staffB', 'coordinator', 'assessor', 'admin', 'otherCoordinator'] as const;
type CallerKey = (typeof CALLERS)[number];
type Expect = Record<CallerKey, number>;

/** The state a cell's task is put in before the call (through the use-cases: setup is not under test). */
type Ready = 'assigned' | 'accepted' | 'submitted' | 'declined' | 'extension_pending';

interface Route {
  name: string;
  method: 'get' | 'post' | 'put' | 'upload';
  path: (t: { taskId: string; attachmentId: string; planId: string; policyPlanId: string; entryId: string }) => string;
  ready: Ready;
  body?: (ctx: { deptB: string }) => object;
  /** Whether a 2xx changes the task (a transition) — non-2xx must then leave it untouched. */
  mutates: boolean;
  expect: Expect;
  /** For lists: the task ids a 200 lists, and who must find department A's task among them. */
  lists?: { taskIds: (body: any) => string[]; sees: Record<CallerKey, boolean> };
}

const PDF = Buffer.from('%PDF-1.4\n% 佐证材料\n%%EOF\n');

/** Who finds department A's task in GET /tasks. */
const SEES_IN_LIST: Record<CallerKey, boolean> = {
  leadA: true, staffA: true, leadB: false, staffB: false, coordinator: true, assessor: true, admin: true, otherCoordinator: false,
};

// prettier-ignore
const ROUTES: Route[] = [
  { name: 'GET /tasks (list)', method: 'get', path: (t) => `/api/tasks?planId=${t.planId}`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 200, staffB: 200, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 200 },
    lists: { taskIds: (b) => b.items.map((t: { id: string }) => t.id), sees: SEES_IN_LIST } },
  { name: 'GET /tasks/:id', method: 'get', path: (t) => `/api/tasks/${t.taskId}`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'GET /tasks/:id/events', method: 'get', path: (t) => `/api/tasks/${t.taskId}/events`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'GET /tasks/:id/events/verify', method: 'get', path: (t) => `/api/tasks/${t.taskId}/events/verify`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/accept', method: 'post', path: (t) => `/api/tasks/${t.taskId}/accept`, ready: 'assigned', mutates: true,
    expect: { leadA: 200, staffA: 403, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/progress', method: 'post', path: (t) => `/api/tasks/${t.taskId}/progress`, ready: 'accepted', mutates: true,
    body: () => ({ percent: 30, narrative: '已启动' }),
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/submit', method: 'post', path: (t) => `/api/tasks/${t.taskId}/submit`, ready: 'accepted', mutates: true,
    expect: { leadA: 200, staffA: 403, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/approve', method: 'post', path: (t) => `/api/tasks/${t.taskId}/approve`, ready: 'submitted', mutates: true,
    body: () => ({ rating: '良' }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/return', method: 'post', path: (t) => `/api/tasks/${t.taskId}/return`, ready: 'submitted', mutates: true,
    body: () => ({ reason: '请补充材料' }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/decline', method: 'post', path: (t) => `/api/tasks/${t.taskId}/decline`, ready: 'assigned', mutates: true,
    body: () => ({ reason: '非本单位职责' }),
    expect: { leadA: 200, staffA: 403, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/reassign', method: 'post', path: (t) => `/api/tasks/${t.taskId}/reassign`, ready: 'declined', mutates: true,
    body: ({ deptB }) => ({ departmentId: deptB, reason: '改派' }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/extension-request', method: 'post', path: (t) => `/api/tasks/${t.taskId}/extension-request`, ready: 'accepted', mutates: true,
    body: () => ({ dueDate: '2026-03-31', reason: '资金未到位' }),
    expect: { leadA: 200, staffA: 403, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/extension-grant', method: 'post', path: (t) => `/api/tasks/${t.taskId}/extension-grant`, ready: 'extension_pending', mutates: true,
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/extension-deny', method: 'post', path: (t) => `/api/tasks/${t.taskId}/extension-deny`, ready: 'extension_pending', mutates: true,
    body: () => ({ reason: '理由不充分' }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/cancel', method: 'post', path: (t) => `/api/tasks/${t.taskId}/cancel`, ready: 'assigned', mutates: true,
    body: () => ({ reason: '计划调整' }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'GET /tasks/:id/attachments', method: 'get', path: (t) => `/api/tasks/${t.taskId}/attachments`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'POST /tasks/:id/attachments (upload)', method: 'upload', path: (t) => `/api/tasks/${t.taskId}/attachments`, ready: 'accepted', mutates: false,
    expect: { leadA: 201, staffA: 201, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 404 } },
  { name: 'GET /tasks/:id/attachments/:attachmentId', method: 'get', path: (t) => `/api/tasks/${t.taskId}/attachments/${t.attachmentId}`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'GET /inbox (department 待办)', method: 'get', path: () => '/api/inbox', ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 200, staffB: 200, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 403 },
    lists: { taskIds: (b) => b.map((e: { taskId: string }) => e.taskId),
      sees: { leadA: true, staffA: true, leadB: false, staffB: false, coordinator: false, assessor: false, admin: false, otherCoordinator: false } } },
  { name: 'POST /inbox/:entryId/read', method: 'post', path: (t) => `/api/inbox/${t.entryId}/read`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 403, assessor: 403, admin: 403, otherCoordinator: 403 } },
  { name: 'GET /inbox/coordinator (督办待办)', method: 'get', path: () => '/api/inbox/coordinator?limit=500', ready: 'submitted', mutates: false,
    expect: { leadA: 403, staffA: 403, leadB: 403, staffB: 403, coordinator: 200, assessor: 403, admin: 403, otherCoordinator: 200 },
    lists: { taskIds: (b) => b.items.map((i: { taskId: string }) => i.taskId),
      sees: { leadA: false, staffA: false, leadB: false, staffB: false, coordinator: true, assessor: false, admin: false, otherCoordinator: false } } },
  // A plan of the city in which only department A has a task: B does not see it at all (404), A sees it
  // but may not set it (403), the office and admins set it.
  { name: 'GET /plans/:id/escalation-policy', method: 'get', path: (t) => `/api/plans/${t.policyPlanId}/escalation-policy`, ready: 'accepted', mutates: false,
    expect: { leadA: 200, staffA: 200, leadB: 404, staffB: 404, coordinator: 200, assessor: 200, admin: 200, otherCoordinator: 404 } },
  { name: 'PUT /plans/:id/escalation-policy', method: 'put', path: (t) => `/api/plans/${t.policyPlanId}/escalation-policy`, ready: 'accepted', mutates: false,
    body: () => ({ reminders: { workingDaysBefore: [10, 5, 1] } }),
    expect: { leadA: 403, staffA: 403, leadB: 404, staffB: 404, coordinator: 200, assessor: 403, admin: 200, otherCoordinator: 404 } },
];

let app: E2eApp;
let world: HttpWorld;
let callers: Record<CallerKey, Caller>;
let coordinatorActor: Actor;
let leadAActor: Actor;
let planId: string;
let policyPlanId: string;
let itemNo = 0;

beforeAll(async () => {
  app = await E2eApp.start({ start: '2025-03-03T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'staffA', 'leadB', 'staffB', 'assessor', 'otherCoordinator']);
  callers = { ...(world.users as Record<Exclude<CallerKey, 'admin'>, Caller>), admin: world.admin };
  const users = app.get(UserService);
  coordinatorActor = (await users.loadActor(callers.coordinator.userId))!;
  leadAActor = (await users.loadActor(callers.leadA.userId))!;
  planId = (await app.get(PlanService).create(coordinatorActor, { title: '权限矩阵测试计划', periodStart: 2025, periodEnd: 2025 })).id;
  policyPlanId = (await app.get(PlanService).create(coordinatorActor, { title: '督办规则权限测试计划' })).id;
  const [policyItem] = await app.get(PlanService).addItems(coordinatorActor, policyPlanId, [{ path: '一', kind: 'task', heading: '规则矩阵任务', deadline: '2025-12-31' }]);
  await app.get(TaskAssignmentUseCase).assign(coordinatorActor, { planId: policyPlanId, planItemId: policyItem!.id, leadDepartmentId: world.departments.deptA });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** Department A's lead walks every setup step here (the coordinator only assigns). */
const SETUP: Record<Ready, Array<[TaskAction, object]>> = {
  assigned: [],
  accepted: [['accept', {}]],
  submitted: [['accept', {}], ['submit', {}]],
  declined: [['decline', { reason: '非本单位职责' }]],
  extension_pending: [['accept', {}], ['request_extension', { dueDate: '2026-03-31', reason: '资金未到位' }]],
};

/** A fresh task of department A (lead), walked to `ready`, with one evidence file unless told otherwise. */
async function taskOfA(ready: Ready, { dueDate = '2025-12-31', evidence = true } = {}) {
  itemNo += 1;
  const [item] = await app.get(PlanService).addItems(coordinatorActor, planId, [{ path: String(itemNo), kind: 'task', heading: `矩阵任务${itemNo}`, deadline: dueDate }]);
  const [task] = await app.get(TaskAssignmentUseCase).assign(coordinatorActor, { planId, planItemId: item.id, leadDepartmentId: world.departments.deptA });
  const transitions = app.get(TaskTransitionUseCase);
  const attachmentId = evidence ? (await app.get(AttachmentService).upload(leadAActor, task.id, { originalName: 'evidence.pdf', bytes: PDF })).id : '';
  for (const [action, input] of SETUP[ready]) await transitions.perform(leadAActor, task.id, action, input);
  return { taskId: task.id, attachmentId, planId, heading: item.heading, policyPlanId, entryId: '' };
}

/** A task for read cells, once its entry is in A's 待办 (the worker projects it from the outbox). */
async function readableTaskOfA(ready: Ready) {
  const task = await taskOfA(ready);
  const entry = await waitFor(
    async () => (body(await callers.leadA.get('/api/inbox')) as Array<{ id: string; taskId: string }>).find((e) => e.taskId === task.taskId),
    (e) => e !== undefined,
    { what: 'the task in A’s inbox', timeoutMs: 15_000 },
  );
  return { ...task, entryId: entry!.id };
}

async function footprint(taskId: string) {
  const [row] = await app.dataSource.query(
    `SELECT t.version, t.status, t.department_id,
            (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id) AS events,
            (SELECT count(*)::int FROM outbox o WHERE o.payload->>'taskId' = t.id::text) AS outbox,
            (SELECT count(*)::int FROM attachments a WHERE a.task_id = t.id) AS attachments
       FROM tasks t WHERE t.id = $1`,
    [taskId],
  );
  return row as { version: number; status: string; department_id: string; events: number; outbox: number; attachments: number };
}

/** Reads and uploads leave the task's state alone, so their cells share one task per state; each transition cell gets its own. */
const readTasks: Partial<Record<Ready, ReturnType<typeof readableTaskOfA>>> = {};

const CELLS = ROUTES.flatMap((route) => CALLERS.map((who) => [route.name, who, route.expect[who], route] as const));

describe('authorization matrix: every task route × every role × own / other department', () => {
  it.each(CELLS)('%s as %s → %i', async (_name, who, expected, route) => {
    const task = route.mutates ? await taskOfA(route.ready, { evidence: false }) : await (readTasks[route.ready] ??= readableTaskOfA(route.ready));
    const before = await footprint(task.taskId);
    const c = callers[who];
    const path = route.path(task);
    const res =
      route.method === 'get'
        ? await c.get(path)
        : route.method === 'upload'
          ? await c.upload(path, 'report.pdf', PDF)
          : route.method === 'put'
            ? await c.put(path, route.body?.({ deptB: world.departments.deptB }) ?? {})
            : await c.post(path, route.body?.({ deptB: world.departments.deptB }) ?? {});
    if (res.status !== expected) throw new Error(`${route.name} as ${who}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);

    const after = await footprint(task.taskId);
    if (expected === 404) {
      expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      // A 404 reveals nothing about the task it hides.
      expect(JSON.stringify(res.body)).not.toContain(task.heading);
      expect(res.body).not.toHaveProperty('currentStatus');
    }
    if (expected === 403) expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
    if (expected >= 400) expect(after).toEqual(before);
    if (expected < 300 && route.mutates) {
      expect(res.body.task.version).toBe(before.version + 1);
      expect(after).toMatchObject({ version: before.version + 1, events: before.events + 1, outbox: before.outbox + 1 });
    }
    if (route.method === 'upload' && expected === 201) expect(after.attachments).toBe(before.attachments + 1);
    if (route.lists && expected === 200) expect(route.lists.taskIds(res.body).includes(task.taskId)).toBe(route.lists.sees[who]);
  });

  it('covers every task, 待办 and escalation-policy route the API documents', async () => {
    const doc = body(await app.http().get('/api/docs-json'));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([p]) => p.startsWith('/api/tasks') || p.startsWith('/api/inbox') || p.endsWith('/escalation-policy'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const tested = ROUTES.map((r) => {
      const path = r.path({ taskId: '{taskId}', attachmentId: '{attachmentId}', planId: 'x', policyPlanId: '{planId}', entryId: '{entryId}' }).replace(/\?.*$/, '');
      return `${r.method === 'upload' ? 'POST' : r.method.toUpperCase()} ${path}`;
    }).sort();
    expect(tested).toEqual(documented);
  });
});

describe('department B never sees department A’s work', () => {
  it('lists nothing of A for B, even when B filters by A’s department or plan', async () => {
    const { taskId } = await taskOfA('accepted');
    for (const who of ['leadB', 'staffB'] as const) {
      const byDept = body(await callers[who].get(`/api/tasks?departmentId=${world.departments.deptA}`));
      expect(byDept).toEqual({ total: 0, items: [] });
      const all = body(await callers[who].get('/api/tasks?limit=500'));
      expect(all.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
      expect(all.items.every((t: { departmentId: string }) => t.departmentId === world.departments.deptB)).toBe(true);
    }
    const other = body(await callers.otherCoordinator.get('/api/tasks?limit=500'));
    expect(other).toEqual({ total: 0, items: [] });
  });

  it('cannot fetch A’s evidence through a task of its own', async () => {
    const a = await taskOfA('accepted');
    const [bTask] = await app.get(TaskAssignmentUseCase).assign(coordinatorActor, {
      planId,
      planItemId: (await app.get(PlanService).addItems(coordinatorActor, planId, [{ path: String(++itemNo), kind: 'task', heading: 'B的任务', deadline: '2025-12-31' }]))[0].id,
      leadDepartmentId: world.departments.deptB,
    });
    const res = await callers.leadB.get(`/api/tasks/${bTask.id}/attachments/${a.attachmentId}`);
    expect(res.status).toBe(404);
    // and cannot cite A's evidence in its own progress report
    body(await callers.leadB.post(`/api/tasks/${bTask.id}/accept`));
    const cite = await callers.leadB.post(`/api/tasks/${bTask.id}/progress`, { percent: 10, narrative: '引用他人材料', attachmentIds: [a.attachmentId] });
    expect(cite.status).toBe(400);
    expect(cite.body).toMatchObject({ error: 'invalid', field: 'attachmentIds' });
  });

  it('cannot mark A’s inbox entry read; coordinators have no department inbox', async () => {
    const { taskId } = await taskOfA('assigned');
    const entry = await waitFor(
      async () => (body(await callers.leadA.get('/api/inbox')) as Array<{ id: string; taskId: string }>).find((e) => e.taskId === taskId),
      (e) => e !== undefined,
      { what: 'the task in A’s inbox', timeoutMs: 15_000 },
    );
    const res = await callers.leadB.post(`/api/inbox/${entry!.id}/read`);
    expect(res.status).toBe(404);
    const [row] = await app.dataSource.query(`SELECT unread FROM inbox_entries WHERE id = $1`, [entry!.id]);
    expect(row.unread).toBe(true);
    expect((await callers.coordinator.get('/api/inbox')).status).toBe(403);
    expect(body(await callers.staffA.post(`/api/inbox/${entry!.id}/read`))).toMatchObject({ unread: false });
  });
});

/**
 * The roles are right but the state is not: 409 naming the current state, nothing written. When the
 * role is wrong too, the role answers first (403): the state of a task a caller may never act on is
 * none of their business.
 */
// prettier-ignore
const ILLEGAL: Array<[string, CallerKey, Ready | 'completed' | 'overdue', string, object, number, string]> = [
  ['accept an accepted task', 'leadA', 'accepted', 'accept', {}, 409, 'accepted'],
  ['approve an assigned task', 'coordinator', 'assigned', 'approve', {}, 409, 'assigned'],
  ['return an accepted task', 'coordinator', 'accepted', 'return', { reason: '不合格' }, 409, 'accepted'],
  ['submit a submitted task', 'leadA', 'submitted', 'submit', {}, 409, 'submitted'],
  ['report progress on a completed task', 'staffA', 'completed', 'progress', { percent: 100, narrative: '补报' }, 409, 'completed'],
  ['decline a submitted task', 'leadA', 'submitted', 'decline', { reason: '不是我们的' }, 409, 'submitted'],
  ['reassign an accepted task', 'coordinator', 'accepted', 'reassign', { reason: '改派' }, 409, 'accepted'],
  ['request an extension of a submitted task', 'leadA', 'submitted', 'extension-request', { dueDate: '2026-03-31', reason: '延期' }, 409, 'submitted'],
  ['request an extension after the deadline', 'leadA', 'overdue', 'extension-request', { dueDate: '2026-03-31', reason: '延期' }, 409, 'accepted'],
  ['grant an extension nobody asked for', 'coordinator', 'accepted', 'extension-grant', {}, 409, 'accepted'],
  ['deny an extension nobody asked for', 'coordinator', 'accepted', 'extension-deny', { reason: '不同意' }, 409, 'accepted'],
  ['cancel a completed task', 'coordinator', 'completed', 'cancel', { reason: '撤销' }, 409, 'completed'],
  ['upload evidence to a completed task', 'leadA', 'completed', 'attachments', {}, 409, 'completed'],
  ['(lead) approve an assigned task: role first', 'leadA', 'assigned', 'approve', {}, 403, 'assigned'],
  ['(staff) accept an accepted task: role first', 'staffA', 'accepted', 'accept', {}, 403, 'accepted'],
];

describe('state-illegal transitions answer 409 naming the current state', () => {
  it.each(ILLEGAL)('%s (as %s)', async (_what, who, ready, route, input, expected, state) => {
    const task =
      ready === 'completed'
        ? await taskOfA('submitted', { evidence: false }).then(async (t) => {
            await app.get(TaskTransitionUseCase).perform(coordinatorActor, t.taskId, 'approve', {});
            return t;
          })
        : ready === 'overdue'
          ? await taskOfA('accepted', { dueDate: '2025-03-01', evidence: false })
          : await taskOfA(ready, { evidence: false });
    const before = await footprint(task.taskId);
    expect(before.status).toBe(state);
    const payload = route === 'reassign' ? { ...input, departmentId: world.departments.deptB } : input;
    const res =
      route === 'attachments'
        ? await callers[who].upload(`/api/tasks/${task.taskId}/attachments`, 'late.pdf', PDF)
        : await callers[who].post(`/api/tasks/${task.taskId}/${route}`, payload);
    expect(res.status).toBe(expected);
    if (expected === 409) {
      expect(res.body).toMatchObject({ statusCode: 409, error: 'conflict', currentStatus: state });
      if (res.body.reason === 'illegal_state') expect(res.body.message).toContain(`(${state})`);
    } else {
      expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
    }
    expect(await footprint(task.taskId)).toEqual(before);
  });
});
