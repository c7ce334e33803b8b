import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { InboxProjector } from '@duban/inbox';
import { BullOutboxPublisher, OutboxRelay, type OutboxPublisher, type OutboxRow } from '@duban/outbox';
import { createDataSource } from '@duban/persistence';
import type { TaskEventJob } from '@duban/queue';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { inboxWorker, routedQueues, testPrefix } from '../support/test-queues.js';
import { waitFor } from '../support/wait-for.js';
import { buildWorld, type World } from '../support/world.js';

let db: TestDatabase;
let ds: DataSource;
let world: World;
let queues: Record<string, Queue>;
let queue: Queue;
let worker: Worker<TaskEventJob> | null = null;
let prefix: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds);
  prefix = testPrefix();
  queues = routedQueues(prefix);
  queue = queues.inbox;
});

afterEach(async () => {
  await worker?.close();
  worker = null;
});

afterAll(async () => {
  for (const q of Object.values(queues ?? {})) {
    await q.obliterate({ force: true });
    await q.close();
  }
  await ds?.destroy();
  await db?.drop();
});

/** A plan with `n` actions, each assigned to department A, each accepted: 2n events. */
async function makeEvents(n: number): Promise<string[]> {
  const { svc, actors, departments } = world;
  const plan = await svc.plans.create(actors.coordinator, { title: `计划${Date.now()}` });
  const items = await svc.plans.addItems(
    actors.coordinator,
    plan.id,
    Array.from({ length: n }, (_, i) => ({ path: String(i + 1), kind: 'task' as const, heading: `任务${i + 1}`, deadline: '2024-12-31' })),
  );
  const ids: string[] = [];
  for (const item of items) {
    const [t] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
    await svc.transitions.perform(actors.leadA, t.id, 'accept');
    ids.push(t.id);
  }
  return ids;
}

async function stats() {
  const [row] = await ds.query(`SELECT
      (SELECT count(*)::int FROM outbox) AS outbox,
      (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS unpublished,
      (SELECT count(*)::int FROM consumed_events WHERE consumer = 'inbox') AS consumed,
      (SELECT count(*)::int FROM task_events) AS events`);
  return row as { outbox: number; unpublished: number; consumed: number; events: number };
}

async function expectInboxMatchesTasks(taskIds: string[]) {
  const rows = await ds.query(
    `SELECT t.id, t.last_event_seq, t.status, e.last_event_seq AS entry_seq, e.task_status, e.active, e.department_id = t.department_id AS same_dept
       FROM tasks t LEFT JOIN inbox_entries e ON e.task_id = t.id AND e.department_id = t.department_id
      WHERE t.id = ANY($1::uuid[])`,
    [taskIds],
  );
  expect(rows).toHaveLength(taskIds.length);
  for (const r of rows) {
    expect({ seq: r.entry_seq, status: r.task_status, active: r.active }).toEqual({ seq: r.last_event_seq, status: r.status, active: true });
  }
}

describe('outbox relay → BullMQ → inbox', () => {
  it('delivers every event exactly once with two relays draining at the same time', async () => {
    const taskIds = await makeEvents(60);
    worker = inboxWorker(prefix, ds, world.clock);
    const publisher = new BullOutboxPublisher(queues);
    const a = new OutboxRelay(ds, publisher, { batchSize: 7 });
    const b = new OutboxRelay(ds, publisher, { batchSize: 7 });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    const s = await stats();
    expect(na + nb).toBe(s.outbox); // no row published by both
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    expect(s.unpublished).toBe(0);
    await waitFor(stats, (x) => x.consumed === x.events, { what: 'every event consumed' });
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    expect(counts).toMatchObject({ completed: s.outbox, failed: 0 });
    await expectInboxMatchesTasks(taskIds);
  });

  it('loses nothing and applies nothing twice when a relay dies mid-batch', async () => {
    const before = await stats();
    const taskIds = await makeEvents(20);
    const real = new BullOutboxPublisher(queues);
    // Publishes half the batch, then the process "dies": the rows stay claimed, never marked.
    const dying: OutboxPublisher = {
      async publish(rows: readonly OutboxRow[]) {
        await real.publish(rows.slice(0, Math.floor(rows.length / 2)));
        throw new Error('SIGKILL');
      },
    };
    const victim = new OutboxRelay(ds, dying, { batchSize: 1000, leaseMs: 400 });
    await expect(victim.relayOnce()).rejects.toThrow('SIGKILL');
    const survivor = new OutboxRelay(ds, real, { batchSize: 1000, leaseMs: 400 });
    expect(await survivor.relayOnce()).toBe(0); // still leased by the dead relay
    worker = inboxWorker(prefix, ds, world.clock);
    await waitFor(() => survivor.drain(), (n) => n > 0, { what: 'the lease to expire and the survivor to republish', timeoutMs: 5000 });
    const s = await stats();
    expect(s.unpublished).toBe(0);
    await waitFor(stats, (x) => x.consumed === x.events, { what: 'every event consumed' });
    expect(s.events - before.events).toBe(40);
    const dup = await ds.query(`SELECT event_id, count(*) FROM consumed_events GROUP BY event_id HAVING count(*) > 1`);
    expect(dup).toEqual([]);
    await expectInboxMatchesTasks(taskIds);
  });

  it('publishes a committed event again after a crash between commit and publish', async () => {
    const taskIds = await makeEvents(3);
    // The transition committed; nothing was published (the relay was down). A relay started later finds it.
    expect((await stats()).unpublished).toBe(6);
    worker = inboxWorker(prefix, ds, world.clock);
    await new OutboxRelay(ds, new BullOutboxPublisher(queues)).drain();
    await waitFor(stats, (x) => x.consumed === x.events, { what: 'every event consumed' });
    await expectInboxMatchesTasks(taskIds);
  });
});

describe('job ids', () => {
  it('keep a fresh database’s events apart from another database’s on the same Redis and prefix', async () => {
    // Both databases number their outbox from 1; job ids must not collide, or the second one's events
    // would be taken for the first one's retained jobs and silently dropped.
    const other = await createTestDatabase();
    const otherDs = createDataSource(other.url);
    await otherDs.initialize();
    const sharedPrefix = testPrefix();
    const shared = routedQueues(sharedPrefix);
    try {
      for (const source of [await freshWorld(), await freshWorld(otherDs)]) {
        const { svc, actors, departments } = source;
        const plan = await svc.plans.create(actors.coordinator, { title: '共用Redis' });
        const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: '任务', deadline: '2024-12-31' }]);
        await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
      }
      const firstIds = await Promise.all(
        [freshDb!, otherDs].map(async (d) => (await d.query(`SELECT min(id)::text AS id FROM outbox`))[0].id),
      );
      expect(firstIds).toEqual(['1', '1']);
      for (const d of [freshDb!, otherDs]) await new OutboxRelay(d, new BullOutboxPublisher(shared)).drain();
      expect(await shared.inbox.getJobCountByTypes('waiting')).toBe(2);
    } finally {
      for (const q of Object.values(shared)) {
        await q.obliterate({ force: true });
        await q.close();
      }
      await otherDs.destroy();
      await other.drop();
      await freshDb?.destroy();
      await freshDbHandle?.drop();
    }
  });
});

let freshDb: DataSource | null = null;
let freshDbHandle: TestDatabase | null = null;

/** A world in its own new database (the given one, or a fresh clone). */
async function freshWorld(given?: DataSource): Promise<World> {
  if (given) return buildWorld(given);
  freshDbHandle = await createTestDatabase();
  freshDb = createDataSource(freshDbHandle.url);
  await freshDb.initialize();
  return buildWorld(freshDb);
}

describe('inbox projector', () => {
  it('gives one effect for an event delivered twice and out of order', async () => {
    const { svc, actors } = world;
    const [taskId] = await makeEvents(1);
    await svc.transitions.perform(actors.leadA, taskId, 'report_progress', { percent: 50, narrative: '过半' });
    const events: Array<{ id: string; seq: number; type: TaskEventJob['type'] }> = await ds.query(
      `SELECT id::text AS id, seq, type FROM task_events WHERE task_id = $1 ORDER BY seq DESC`,
      [taskId],
    );
    const projector = new InboxProjector(ds);
    const outcomes = [];
    for (const e of [...events, ...events]) outcomes.push((await projector.apply({ eventId: e.id, taskId, seq: e.seq, type: e.type }, world.clock.now())).outcome);
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'skipped', 'skipped', 'skipped']);
    const [entry] = await ds.query(`SELECT * FROM inbox_entries WHERE task_id = $1`, [taskId]);
    expect(entry).toMatchObject({ last_event_seq: 3, last_event_type: 'ProgressReported', task_status: 'in_progress', active: true });
    expect(entry.last_message).toContain('进度50%');
  });

  it('moves the entry when a task is reassigned and marks returns unread', async () => {
    const { svc, actors, departments } = world;
    const [taskId] = await makeEvents(1);
    const projector = new InboxProjector(ds);
    const applyAll = async () => {
      const evs = await ds.query(`SELECT id::text AS id, seq, type FROM task_events WHERE task_id = $1 ORDER BY seq`, [taskId]);
      for (const e of evs) await projector.apply({ eventId: e.id, taskId, seq: e.seq, type: e.type }, world.clock.now());
    };
    await applyAll();
    await ds.query(`UPDATE inbox_entries SET unread = false WHERE task_id = $1`, [taskId]);
    await svc.transitions.perform(actors.leadA, taskId, 'decline', { reason: '非本单位职责' });
    await svc.transitions.perform(actors.coordinator, taskId, 'reassign', { departmentId: departments.deptB });
    await applyAll();
    const entries = await ds.query(`SELECT department_id, active, task_status, unread FROM inbox_entries WHERE task_id = $1 ORDER BY active`, [taskId]);
    expect(entries).toEqual([
      { department_id: departments.deptA, active: false, task_status: 'reassigned', unread: false },
      { department_id: departments.deptB, active: true, task_status: 'assigned', unread: true },
    ]);
  });
});
