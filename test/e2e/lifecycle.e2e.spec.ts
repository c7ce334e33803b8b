import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { E2eApp } from '../support/e2e-app.js';
import { waitFor } from '../support/wait-for.js';
import { body, buildHttpWorld, type Caller, type HttpWorld } from './http-world.js';

// Real HTTP, Postgres and Redis on a busy 2-core machine: generous per-test time, polls still end early.
jest.setTimeout(30_000);

let app: E2eApp;
let world: HttpWorld;
let coordinator: Caller;
let leadA: Caller;
let leadB: Caller;
let planId: string;
let itemCount = 0;

interface InboxEntry {
  id: string;
  taskId: string;
  taskStatus: string;
  active: boolean;
  lastEventType: string;
  message: string;
  unread: boolean;
  readAt: string | null;
  dueDate: string;
  taskRole: string;
}

beforeAll(async () => {
  app = await E2eApp.start({ start: '2025-03-03T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'leadB']);
  ({ coordinator, leadA, leadB } = world.users as Required<HttpWorld['users']>);
  const plan = body(
    await coordinator.post('/api/plans', {
      title: '楚雄州教育高质量发展三年行动实施方案',
      issuers: ['中共楚雄州委办公室', '楚雄州人民政府办公室'],
      docNumber: '楚办发〔2025〕3号',
      issueDate: '2025-02-20',
      periodStart: 2025,
      periodEnd: 2027,
    }),
    201,
  );
  planId = plan.id;
  body(await coordinator.post(`/api/plans/${planId}/items`, { items: [{ path: '三', kind: 'heading', heading: '重点任务' }] }), 201);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** Adds one action under 三 and assigns it through the API; returns the created tasks (lead first). */
async function assignAction(heading: string, deadline: string, supportDepartmentIds: string[] = []) {
  itemCount += 1;
  const [item] = body(
    await coordinator.post(`/api/plans/${planId}/items`, { items: [{ path: `三.${itemCount}`, kind: 'task', heading, deadline }] }),
    201,
  );
  const tasks = body(
    await coordinator.post(`/api/plans/${planId}/items/${item.id}/assignments`, { leadDepartmentId: world.departments.deptA, supportDepartmentIds }),
    201,
  );
  return tasks as Array<{ id: string; departmentId: string; role: string; status: string; version: number }>;
}

async function inbox(who: Caller, all = false): Promise<InboxEntry[]> {
  return body(await who.get(all ? '/api/inbox?all=true' : '/api/inbox'));
}

/** Polls the caller's inbox until the worker has projected the task's entry into the wanted shape. */
function entryOf(who: Caller, taskId: string, done: (e: InboxEntry) => boolean, what: string, all = true): Promise<InboxEntry> {
  return waitFor(
    async () => (await inbox(who, all)).find((e) => e.taskId === taskId),
    (e) => e !== undefined && done(e),
    { what, intervalMs: 30, timeoutMs: 15_000 },
  ) as Promise<InboxEntry>;
}

describe('a task through its whole lifecycle, over HTTP with the worker running', () => {
  it('assign → inbox → accept → evidence → progress → submit → return → resubmit → approve, every step on the audit trail', async () => {
    const [leadTask, supportTask] = await assignAction('增强学校基层党组织政治功能和组织功能', '2025-12-31', [world.departments.deptB]);
    expect(leadTask).toMatchObject({ departmentId: world.departments.deptA, role: 'lead', status: 'assigned', version: 1 });
    expect(supportTask).toMatchObject({ departmentId: world.departments.deptB, role: 'support', status: 'assigned' });
    const taskId = leadTask.id;

    // The worker's consumer turns TaskAssigned into a 待办 for each department.
    const assigned = await entryOf(leadA, taskId, (e) => e.lastEventType === 'TaskAssigned', 'the lead task in A’s inbox', false);
    expect(assigned).toMatchObject({ taskStatus: 'assigned', active: true, unread: true, dueDate: '2025-12-31' });
    expect(assigned.message).toBe('【新交办】增强学校基层党组织政治功能和组织功能，请于2025-12-31前办结');
    const support = await entryOf(leadB, supportTask.id, (e) => e.lastEventType === 'TaskAssigned', 'the support task in B’s inbox', false);
    expect(support).toMatchObject({ active: true, unread: true, taskRole: 'support' });
    expect(assigned).toMatchObject({ taskRole: 'lead' });
    expect((await inbox(leadB)).map((e) => e.taskId)).not.toContain(taskId);

    // Read receipt.
    const read = body(await leadA.post(`/api/inbox/${assigned.id}/read`));
    expect(read).toMatchObject({ id: assigned.id, unread: false, readAt: app.clock.now().toISOString() });
    expect((await inbox(leadA)).find((e) => e.id === assigned.id)).toMatchObject({ unread: false });

    // 签收
    const accepted = body(await leadA.post(`/api/tasks/${taskId}/accept`, { expectedVersion: 1 }));
    expect(accepted.task).toMatchObject({ status: 'accepted', statusLabel: '已签收', version: 2, acceptedAt: app.clock.now().toISOString() });
    expect(accepted.event).toMatchObject({ seq: 2, type: 'TaskAccepted' });

    // Evidence, then a progress report citing it.
    app.clock.advance(2 * 86_400_000);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
    const evidence = body(await leadA.upload(`/api/tasks/${taskId}/attachments`, '党组织书记培训签到表.pdf', pdf), 201);
    expect(evidence).toMatchObject({
      taskId,
      fileName: '党组织书记培训签到表.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: leadA.userId,
      progressReportId: null,
    });
    const progress = body(
      await leadA.post(`/api/tasks/${taskId}/progress`, { percent: 60, narrative: '已完成全州中小学党组织书记培训', attachmentIds: [evidence.id] }),
    );
    expect(progress.task).toMatchObject({ status: 'in_progress', progressPercent: 60, firstProgressAt: app.clock.now().toISOString() });
    const [listed] = body(await leadA.get(`/api/tasks/${taskId}/attachments`));
    expect(listed.id).toBe(evidence.id);
    expect(listed.progressReportId).not.toBeNull();
    const download = await leadA.get(`/api/tasks/${taskId}/attachments/${evidence.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(evidence.sha256);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('党组织书记培训签到表.pdf')}`);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

    // 申请办结, then 退回重办 with a reason: A's 待办 shows the return, unread again.
    body(await leadA.post(`/api/tasks/${taskId}/submit`, { comment: '请审核' }));
    app.clock.advance(86_400_000);
    const returned = body(await coordinator.post(`/api/tasks/${taskId}/return`, { reason: '佐证材料不全，请补充培训照片' }));
    expect(returned.task).toMatchObject({ status: 'in_progress', returnCount: 1 });
    const returnedEntry = await entryOf(leadA, taskId, (e) => e.lastEventType === 'TaskReturned', 'the return in A’s inbox', false);
    expect(returnedEntry).toMatchObject({ id: assigned.id, taskStatus: 'in_progress', active: true, unread: true, readAt: null });
    expect(returnedEntry.message).toBe('【退回重办】增强学校基层党组织政治功能和组织功能，理由：佐证材料不全，请补充培训照片');

    // Rework, resubmit, 办结 rated 优.
    body(await leadA.post(`/api/tasks/${taskId}/progress`, { percent: 100, narrative: '已补充培训照片' }));
    body(await leadA.post(`/api/tasks/${taskId}/submit`, {}));
    app.clock.advance(86_400_000);
    const approved = body(await coordinator.post(`/api/tasks/${taskId}/approve`, { rating: '优', comment: '材料齐全' }));
    expect(approved.task).toMatchObject({
      status: 'completed',
      statusLabel: '已办结',
      qualityRating: '优',
      progressPercent: 100,
      returnCount: 1,
      version: 8,
      completedAt: app.clock.now().toISOString(),
    });

    // Completed: gone from the active 待办, kept (inactive) in the full list.
    const done = await entryOf(leadA, taskId, (e) => e.lastEventType === 'TaskCompleted', 'the completion in A’s inbox');
    expect(done).toMatchObject({ taskStatus: 'completed', active: false, unread: true });
    expect(done.message).toBe('【已办结】增强学校基层党组织政治功能和组织功能');
    expect((await inbox(leadA)).map((e) => e.taskId)).not.toContain(taskId);

    // The audit trail has every step, chained and intact.
    const events = body(await coordinator.get(`/api/tasks/${taskId}/events`));
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'TaskAssigned',
      'TaskAccepted',
      'ProgressReported',
      'TaskSubmitted',
      'TaskReturned',
      'ProgressReported',
      'TaskSubmitted',
      'TaskCompleted',
    ]);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.map((e: { actorId: string }) => e.actorId)).toEqual([
      coordinator.userId, leadA.userId, leadA.userId, leadA.userId, coordinator.userId, leadA.userId, leadA.userId, coordinator.userId,
    ]);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(events[2].payload).toMatchObject({ percent: 60, attachments: [{ id: evidence.id, sha256: evidence.sha256 }] });
    expect(events[4].payload).toMatchObject({ reason: '佐证材料不全，请补充培训照片', from: 'submitted', to: 'in_progress' });
    expect(events[7].payload).toMatchObject({ rating: '优', from: 'submitted', to: 'completed' });
    expect(body(await leadA.get(`/api/tasks/${taskId}/events/verify`))).toEqual({ valid: true, length: 8, headHash: events[7].hash });
  });
});

describe('concurrency over HTTP', () => {
  it('lets exactly one of a concurrent approve and return win; the other answers 409', async () => {
    for (let round = 0; round < 5; round++) {
      const [task] = await assignAction(`并发审核${round}`, '2025-12-31');
      body(await leadA.post(`/api/tasks/${task.id}/accept`));
      body(await leadA.post(`/api/tasks/${task.id}/submit`));
      const [approve, ret] = await Promise.all([
        coordinator.post(`/api/tasks/${task.id}/approve`, { rating: '良' }),
        coordinator.post(`/api/tasks/${task.id}/return`, { reason: '需补充' }),
      ]);
      expect([approve.status, ret.status].sort()).toEqual([200, 409]);
      const loser = approve.status === 409 ? approve : ret;
      expect(loser.body).toMatchObject({ statusCode: 409, error: 'conflict' });
      const winner = approve.status === 200 ? approve : ret;
      const now = body(await coordinator.get(`/api/tasks/${task.id}`));
      expect(now).toMatchObject({ status: winner.body.task.status, version: 4 });
      const events = body(await coordinator.get(`/api/tasks/${task.id}/events`));
      expect(events.map((e: { type: string }) => e.type)).toEqual([
        'TaskAssigned',
        'TaskAccepted',
        'TaskSubmitted',
        approve.status === 200 ? 'TaskCompleted' : 'TaskReturned',
      ]);
      expect(body(await coordinator.get(`/api/tasks/${task.id}/events/verify`)).valid).toBe(true);
    }
  });

  it('answers a stale expectedVersion with 409 naming the current version, and changes nothing', async () => {
    const [task] = await assignAction('版本校验', '2025-12-31');
    body(await leadA.post(`/api/tasks/${task.id}/accept`, { expectedVersion: 1 }));
    const stale = await leadA.post(`/api/tasks/${task.id}/submit`, { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict', currentStatus: 'accepted', currentVersion: 2 });
    expect(body(await leadA.get(`/api/tasks/${task.id}`))).toMatchObject({ status: 'accepted', version: 2 });
  });
});

describe('extensions, declines and reassignment over HTTP', () => {
  it('grants an extension: new deadline in the task and the inbox, the original deadline kept on record', async () => {
    const [task] = await assignAction('建设智慧校园', '2025-06-30');
    body(await leadA.post(`/api/tasks/${task.id}/accept`));
    const requested = body(await leadA.post(`/api/tasks/${task.id}/extension-request`, { dueDate: '2025-09-30', reason: '设备招标延期' }));
    expect(requested.task).toMatchObject({ status: 'accepted', dueDate: '2025-06-30', pendingExtensionUntil: '2025-09-30' });
    const again = await leadA.post(`/api/tasks/${task.id}/extension-request`, { dueDate: '2025-10-30', reason: '再次申请' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'extension_already_pending', currentStatus: 'accepted' });

    const granted = body(await coordinator.post(`/api/tasks/${task.id}/extension-grant`, { comment: '同意' }));
    expect(granted.task).toMatchObject({
      status: 'accepted',
      originalDueDate: '2025-06-30',
      dueDate: '2025-09-30',
      deadlineVersion: 2,
      pendingExtensionUntil: null,
    });
    expect(body(await leadA.get(`/api/tasks/${task.id}`))).toMatchObject({ originalDueDate: '2025-06-30', dueDate: '2025-09-30' });
    const entry = await entryOf(leadA, task.id, (e) => e.lastEventType === 'ExtensionGranted', 'the granted extension in A’s inbox', false);
    expect(entry).toMatchObject({ dueDate: '2025-09-30', unread: true, active: true });
    expect(entry.message).toBe('【同意延期】建设智慧校园，办理期限调整为2025-09-30');
    const events = body(await leadA.get(`/api/tasks/${task.id}/events`));
    expect(events.at(-1)).toMatchObject({
      type: 'ExtensionGranted',
      payload: { previousDueDate: '2025-06-30', newDueDate: '2025-09-30', originalDueDate: '2025-06-30', deadlineVersion: 2 },
    });
  });

  it('refuses an extension request once the deadline has passed (409, nothing recorded)', async () => {
    const [task] = await assignAction('已过期任务', '2025-03-01');
    body(await leadA.post(`/api/tasks/${task.id}/accept`));
    const late = await leadA.post(`/api/tasks/${task.id}/extension-request`, { dueDate: '2025-06-30', reason: '来不及' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'conflict', reason: 'deadline_passed', currentStatus: 'accepted' });
    expect(late.body.message).toContain('2025-03-01');
    expect(body(await leadA.get(`/api/tasks/${task.id}/events`))).toHaveLength(2);
  });

  it('moves a declined task, once reassigned, from A’s inbox to B’s', async () => {
    const [task] = await assignAction('落实财政保障', '2025-12-31');
    await entryOf(leadA, task.id, (e) => e.lastEventType === 'TaskAssigned', 'the task in A’s inbox', false);
    const declined = body(await leadA.post(`/api/tasks/${task.id}/decline`, { reason: '属财政部门职责' }));
    expect(declined.task).toMatchObject({ status: 'declined', statusLabel: '待重新交办' });
    const declinedEntry = await entryOf(leadA, task.id, (e) => e.lastEventType === 'TaskDeclined', 'the decline in A’s inbox');
    expect(declinedEntry).toMatchObject({ active: false, taskStatus: 'declined' });

    const moved = body(await coordinator.post(`/api/tasks/${task.id}/reassign`, { departmentId: world.departments.deptB, reason: '改由财政局牵头' }));
    expect(moved.task).toMatchObject({ status: 'assigned', departmentId: world.departments.deptB, acceptedAt: null });

    const inB = await entryOf(leadB, task.id, (e) => e.lastEventType === 'TaskReassigned', 'the reassigned task in B’s inbox', false);
    expect(inB).toMatchObject({ taskStatus: 'assigned', active: true, unread: true });
    expect(inB.message).toBe('【新交办】落实财政保障，请于2025-12-31前办结');
    const inA = await entryOf(leadA, task.id, (e) => e.taskStatus === 'reassigned', 'A’s entry to be marked reassigned');
    expect(inA).toMatchObject({ active: false });
    expect(inA.message).toContain('已改派');
    expect((await inbox(leadA)).map((e) => e.taskId)).not.toContain(task.id);

    // The task now belongs to B: A can no longer see it, B can act on it.
    expect((await leadA.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect(body(await leadB.post(`/api/tasks/${task.id}/accept`)).task).toMatchObject({ status: 'accepted', departmentId: world.departments.deptB });
  });
});

describe('the worker', () => {
  it('relayed every committed event and applied each to the inbox exactly once', async () => {
    const stats = () =>
      app.dataSource
        .query(
          `SELECT (SELECT count(*)::int FROM task_events) AS events,
                  (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS unpublished,
                  (SELECT count(*)::int FROM consumed_events WHERE consumer = 'inbox') AS consumed,
                  (SELECT count(DISTINCT event_id)::int FROM consumed_events WHERE consumer = 'inbox') AS distinctConsumed`,
        )
        .then((rows: Array<{ events: number; unpublished: number; consumed: number; distinctconsumed: number }>) => rows[0]);
    const s = await waitFor(stats, (x) => x.unpublished === 0 && x.consumed === x.events, { what: 'the outbox drained and every event consumed', timeoutMs: 15_000 });
    expect(s.events).toBeGreaterThan(30);
    expect(s.distinctconsumed).toBe(s.events);
    // Each department's entry carries its task's latest event.
    const stale = await app.dataSource.query(
      `SELECT t.id FROM tasks t JOIN inbox_entries e ON e.task_id = t.id AND e.department_id = t.department_id
        WHERE e.last_event_seq <> t.last_event_seq OR e.task_status <> t.status::text`,
    );
    expect(stale).toEqual([]);
  });
});
