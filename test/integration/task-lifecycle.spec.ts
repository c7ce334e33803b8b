import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { DubanError } from '@duban/access';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { assignedAction, buildWorld, type World } from '../support/world.js';

let db: TestDatabase;
let ds: DataSource;
let world: World;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds);
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

async function counts(taskId: string) {
  const [row] = await ds.query(
    `SELECT (SELECT count(*)::int FROM task_events WHERE task_id = $1) AS events,
            (SELECT count(*)::int FROM outbox WHERE payload->>'taskId' = $1::text) AS outbox,
            (SELECT version FROM tasks WHERE id = $1) AS version,
            (SELECT status FROM tasks WHERE id = $1) AS status`,
    [taskId],
  );
  return row as { events: number; outbox: number; version: number; status: string };
}

function expectDubanError(code: string) {
  return expect.objectContaining({ name: 'DubanError', code });
}

describe('task lifecycle on Postgres', () => {
  it('walks assigned → accepted → in progress → submitted → returned → submitted → completed, one event and one outbox row per step', async () => {
    const { svc, actors, clock } = world;
    const { leadTaskId } = await assignedAction(world);
    expect(await counts(leadTaskId)).toEqual({ events: 1, outbox: 1, version: 1, status: 'assigned' });

    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    clock.advance(86_400_000);
    await svc.transitions.perform(actors.staffA, leadTaskId, 'report_progress', { percent: 40, narrative: '已完成摸底调研' });
    await svc.transitions.perform(actors.leadA, leadTaskId, 'submit');
    await svc.transitions.perform(actors.coordinator, leadTaskId, 'return', { reason: '佐证材料不全' });
    await svc.transitions.perform(actors.leadA, leadTaskId, 'report_progress', { percent: 100, narrative: '补充材料' });
    await svc.transitions.perform(actors.leadA, leadTaskId, 'submit');
    const done = await svc.transitions.perform(actors.coordinator, leadTaskId, 'approve', { rating: '优' });

    expect(done.task).toMatchObject({ status: 'completed', progressPercent: 100, returnCount: 1, qualityRating: '优', version: 8 });
    expect(done.task.acceptedAt).toBe('2024-03-01T02:00:00.000Z');
    expect(done.task.firstProgressAt).toBe('2024-03-02T02:00:00.000Z');
    expect(await counts(leadTaskId)).toEqual({ events: 8, outbox: 8, version: 8, status: 'completed' });
    const events = await svc.queries.events(actors.leadA, leadTaskId);
    expect(events.map((e) => e.type)).toEqual([
      'TaskAssigned', 'TaskAccepted', 'ProgressReported', 'TaskSubmitted', 'TaskReturned', 'ProgressReported', 'TaskSubmitted', 'TaskCompleted',
    ]);
    expect(events[4].payload).toMatchObject({ reason: '佐证材料不全', from: 'submitted', to: 'in_progress' });
    expect(await svc.queries.verifyChain(actors.coordinator, leadTaskId)).toEqual({ valid: true, length: 8, headHash: events[7].hash });
    const reports = await ds.query(`SELECT percent FROM progress_reports WHERE task_id = $1 ORDER BY reported_at`, [leadTaskId]);
    expect(reports.map((r: { percent: number }) => r.percent)).toEqual([40, 100]);
  });

  it('refuses an illegal transition with a conflict naming the current state, and writes nothing', async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world);
    await expect(svc.transitions.perform(actors.coordinator, leadTaskId, 'approve')).rejects.toThrow(/待签收/);
    await expect(svc.transitions.perform(actors.coordinator, leadTaskId, 'approve')).rejects.toEqual(expectDubanError('conflict'));
    await expect(svc.transitions.perform(actors.leadA, leadTaskId, 'approve')).rejects.toEqual(expectDubanError('forbidden'));
    expect(await counts(leadTaskId)).toEqual({ events: 1, outbox: 1, version: 1, status: 'assigned' });
  });

  it('rolls back the task row and the event when the outbox write fails (one transaction)', async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world);
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    await ds.query(`CREATE FUNCTION fail_submit_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payload->>'type' = 'TaskSubmitted' THEN RAISE EXCEPTION 'outbox down'; END IF; RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER fail_submit_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_submit_outbox()`);
    try {
      await expect(svc.transitions.perform(actors.leadA, leadTaskId, 'submit')).rejects.toThrow(/outbox down/);
    } finally {
      await ds.query(`DROP TRIGGER fail_submit_outbox ON outbox`);
      await ds.query(`DROP FUNCTION fail_submit_outbox()`);
    }
    expect(await counts(leadTaskId)).toEqual({ events: 2, outbox: 2, version: 2, status: 'accepted' });
    expect((await svc.queries.verifyChain(actors.leadA, leadTaskId)).valid).toBe(true);
    // and the same submit goes through once the outbox is back
    await svc.transitions.perform(actors.leadA, leadTaskId, 'submit');
    expect(await counts(leadTaskId)).toEqual({ events: 3, outbox: 3, version: 3, status: 'submitted' });
  });

  it('lets exactly one of a concurrent approve and return win; the other gets a conflict', async () => {
    const { svc, actors } = world;
    for (let round = 0; round < 10; round++) {
      const { leadTaskId } = await assignedAction(world, `2024-12-${String(10 + round).padStart(2, '0')}`);
      await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
      await svc.transitions.perform(actors.leadA, leadTaskId, 'submit');
      const results = await Promise.allSettled([
        svc.transitions.perform(actors.coordinator, leadTaskId, 'approve'),
        svc.transitions.perform(actors.coordinator, leadTaskId, 'return', { reason: '需补充' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(DubanError);
      expect(lost[0].reason.code).toBe('conflict');
      const c = await counts(leadTaskId);
      expect(c.events).toBe(4);
      expect(c.version).toBe(4);
      expect(['completed', 'in_progress']).toContain(c.status);
    }
  });

  it('answers a stale expectedVersion with a conflict', async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world);
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept', { expectedVersion: 1 });
    await expect(svc.transitions.perform(actors.leadA, leadTaskId, 'submit', { expectedVersion: 1 })).rejects.toEqual(
      expectDubanError('conflict'),
    );
  });
});

describe('extensions, declines and reassignment', () => {
  it('keeps the original deadline on record when an extension is granted', async () => {
    const { svc, actors, clock } = world;
    clock.set('2024-05-01T02:00:00Z');
    const { leadTaskId } = await assignedAction(world, '2024-06-30');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'request_extension', { dueDate: '2024-09-30', reason: '资金未到位' });
    await expect(
      svc.transitions.perform(actors.leadA, leadTaskId, 'request_extension', { dueDate: '2024-10-30', reason: '再次申请' }),
    ).rejects.toEqual(expectDubanError('conflict'));
    const granted = await svc.transitions.perform(actors.coordinator, leadTaskId, 'grant_extension', {});
    expect(granted.task).toMatchObject({ originalDueDate: '2024-06-30', dueDate: '2024-09-30', deadlineVersion: 2, pendingExtensionUntil: null });
  });

  it('refuses an extension request after the deadline', async () => {
    const { svc, actors, clock } = world;
    clock.set('2024-05-01T02:00:00Z');
    const { leadTaskId } = await assignedAction(world, '2024-05-10');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    clock.set('2024-05-11T01:00:00Z');
    await expect(
      svc.transitions.perform(actors.leadA, leadTaskId, 'request_extension', { dueDate: '2024-06-30', reason: '来不及' }),
    ).rejects.toThrow(/已过/);
  });

  it('moves a declined task to the department the coordinator reassigns it to', async () => {
    const { svc, actors, departments } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: '改派测试计划' });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: '财政保障', deadline: '2024-12-31' }]);
    const [task] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
    await svc.transitions.perform(actors.leadA, task.id, 'decline', { reason: '属财政部门职责' });
    const moved = await svc.transitions.perform(actors.coordinator, task.id, 'reassign', { departmentId: departments.deptB });
    expect(moved.task).toMatchObject({ status: 'assigned', departmentId: departments.deptB });
    await expect(svc.queries.get(actors.leadA, task.id)).rejects.toEqual(expectDubanError('not_found'));
    expect((await svc.queries.get(actors.leadB, task.id)).id).toBe(task.id);
  });
});

describe('scope', () => {
  it("hides another department's task as not found, and another jurisdiction's from its coordinator", async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world);
    await expect(svc.queries.get(actors.leadB, leadTaskId)).rejects.toEqual(expectDubanError('not_found'));
    await expect(svc.transitions.perform(actors.leadB, leadTaskId, 'accept')).rejects.toEqual(expectDubanError('not_found'));
    await expect(svc.queries.get(actors.otherCoordinator, leadTaskId)).rejects.toEqual(expectDubanError('not_found'));
    expect((await svc.queries.get(actors.assessor, leadTaskId)).id).toBe(leadTaskId);
  });
});

describe('audit trail', () => {
  it('refuses UPDATE and DELETE on task events', async () => {
    const { leadTaskId } = await assignedAction(world);
    await expect(ds.query(`UPDATE task_events SET payload = '{}' WHERE task_id = $1`, [leadTaskId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM task_events WHERE task_id = $1`, [leadTaskId])).rejects.toThrow(/append-only/);
  });

  it('detects an event altered behind the application’s back', async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world);
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'report_progress', { percent: 30, narrative: '原始记录' });
    await ds.query(`ALTER TABLE task_events DISABLE TRIGGER task_events_no_update_delete`);
    try {
      await ds.query(`UPDATE task_events SET payload = jsonb_set(payload, '{percent}', '90') WHERE task_id = $1 AND seq = 3`, [leadTaskId]);
    } finally {
      await ds.query(`ALTER TABLE task_events ENABLE TRIGGER task_events_no_update_delete`);
    }
    expect(await svc.queries.verifyChain(actors.coordinator, leadTaskId)).toMatchObject({ valid: false, brokenAtSeq: 3 });
  });
});

describe('assignment', () => {
  it('refuses a second lead department for an item that already has one', async () => {
    const { svc, actors, departments } = world;
    const { planId, itemId } = await assignedAction(world);
    const extra = await svc.departments.create(null, { code: `city.extra.${Date.now()}`, name: '州人社局', kind: 'bureau', parentId: departments.city });
    await expect(svc.assignment.assign(actors.coordinator, { planId, planItemId: itemId, leadDepartmentId: extra.id })).rejects.toThrow(
      /已有牵头单位“州教育体育局”/,
    );
  });
});

describe('plans', () => {
  it('dates a plan by the injected clock, not the database clock', async () => {
    const { svc, actors, clock } = world;
    clock.set('2019-05-06T07:08:09.000Z');
    const plan = await svc.plans.create(actors.coordinator, { title: '按注入时钟记录创建时间的计划' });
    expect(plan.createdAt).toBe('2019-05-06T07:08:09.000Z');
    const [row] = await ds.query(`SELECT created_at FROM plans WHERE id = $1`, [plan.id]);
    expect((row.created_at as Date).toISOString()).toBe('2019-05-06T07:08:09.000Z');
  });
});
