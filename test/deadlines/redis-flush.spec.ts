import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { addDays } from '@duban/calendar';
import { createDataSource } from '@duban/persistence';
import { QUEUE_NAMES, redisConnectionOptions } from '@duban/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testPrefix } from '../support/test-queues.js';
import { waitFor } from '../support/wait-for.js';
import { assignedAction, buildWorld, type World } from '../support/world.js';
import { RecordingChannel, countBy, loadCalendar, morning } from './engine-harness.js';
import { PrivateRedis } from './private-redis.js';

/**
 * The real worker (sweep and notification processors on BullMQ) over a simulated month, with a
 * private redis-server that is FLUSHALLed on the due day right after the sweep queued the day's
 * deliveries and before any was delivered. Expected counts as in sweep.spec.ts: 22 in-app
 * notifications; lead A's first user also has a webhook, reached by T-7, T-3, T-1, due, +1 and +5:
 * 6 more notifications and 6 webhook messages (28 in all, 20 of them for the lead task).
 */
describe('Redis flushed in the middle of a simulated month', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let redis: PrivateRedis;
  let worker: INestApplicationContext;
  let world: World;
  let sweepQueue: Queue;
  let notificationQueue: Queue;
  let sweepEvents: QueueEvents;
  const webhook = new RecordingChannel('webhook');
  let ids: Awaited<ReturnType<typeof assignedAction>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    ds = createDataSource(db.url);
    await ds.initialize();
    await loadCalendar(ds);
    world = await buildWorld(ds, '2024-03-01T01:00:00Z');
    ids = await assignedAction(world, '2024-03-20');
    await ds.query(
      `INSERT INTO user_channel_preferences (user_id, channel, enabled, address, format, updated_at) VALUES ($1, 'webhook', true, 'http://robot.test/hook', 'generic', now())`,
      [world.actors.leadA.userId],
    );
    const prefix = testPrefix();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({
        databaseUrl: db.url,
        redisUrl: redis.url,
        queuePrefix: prefix,
        clock: world.clock,
        relay: { autoStart: false },
        deadlines: { schedule: false },
        senders: { webhook },
      }),
      { logger: ['error'] },
    );
    await worker.init();
    const connection = redisConnectionOptions(redis.url);
    sweepQueue = new Queue(QUEUE_NAMES.deadlineSweep, { connection, prefix });
    notificationQueue = new Queue(QUEUE_NAMES.notifications, { connection, prefix });
    sweepEvents = new QueueEvents(QUEUE_NAMES.deadlineSweep, { connection, prefix });
    await sweepEvents.waitUntilReady();
  }, 60_000);

  afterAll(async () => {
    await sweepEvents?.close();
    await sweepQueue?.close();
    await notificationQueue?.close();
    await worker?.close();
    await ds?.destroy();
    await redis?.stop();
    await db?.drop();
  });

  const pendingDue = async () =>
    Number((await ds.query(`SELECT count(*) AS n FROM notifications WHERE state IN ('pending', 'sending') AND deliver_at <= $1`, [world.clock.now()]))[0].n);

  it('every due reminder and escalation still happens, exactly once', async () => {
    let flushed = false;
    for (let d = '2024-03-01'; d <= '2024-04-10'; d = addDays(d, 1)) {
      world.clock.set(morning(d));
      const flushDay = d === '2024-03-20';
      if (flushDay) await notificationQueue.pause();
      const job = await sweepQueue.add('sweep', {});
      await job.waitUntilFinished(sweepEvents, 20_000);
      if (flushDay) {
        expect(await pendingDue()).toBeGreaterThan(0);
        expect(await notificationQueue.count()).toBeGreaterThan(0);
        await redis.flushAll();
        flushed = true;
        expect(await notificationQueue.count()).toBe(0);
        continue; // today's deliveries are now only in Postgres
      }
      await waitFor(pendingDue, (n) => n === 0, { what: `deliveries of ${d}` });
    }
    expect(flushed).toBe(true);
    expect(await countBy(ds, `SELECT state AS k, count(*) AS n FROM notifications GROUP BY state`)).toEqual({ sent: 28 });
    const perTask = await countBy(ds, `SELECT task_id AS k, count(*) AS n FROM notifications GROUP BY task_id`);
    expect(perTask).toEqual({ [ids.leadTaskId]: 20, [ids.supportTaskId]: 8 });
    // The due-day reminder went out the next morning, with that day's +1, once each.
    const sentOn: Array<{ step: string; day: string }> = await ds.query(
      `SELECT s.step, to_char(n.sent_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD') AS day FROM notifications n
         JOIN escalation_steps s ON s.id = n.step_id WHERE n.user_id = $1 AND n.channel = 'webhook' ORDER BY s.step_at`,
      [world.actors.leadA.userId],
    );
    expect(sentOn).toEqual([
      { step: 'T-7', day: '03-11' },
      { step: 'T-3', day: '03-15' },
      { step: 'T-1', day: '03-19' },
      { step: 'due', day: '03-21' },
      { step: '+1', day: '03-21' },
      { step: '+5', day: '03-27' },
    ]);
    expect(webhook.sent).toHaveLength(6);
    expect(new Set(webhook.sent.map((m) => m.id)).size).toBe(6);
  }, 120_000);

  it('the same sweep and the same digest delivered twice, out of order: one effect', async () => {
    const plan = await world.svc.plans.create(world.actors.coordinator, { title: '重复投递测试' });
    const [item] = await world.svc.plans.addItems(world.actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: '重复投递事项', deadline: '2024-04-30' }]);
    const [task] = await world.svc.assignment.assign(world.actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: world.departments.deptA });
    world.clock.set(morning('2024-04-30'));
    await notificationQueue.resume();
    await notificationQueue.pause();
    const jobs = await Promise.all([sweepQueue.add('sweep', {}), sweepQueue.add('sweep', {})]);
    await Promise.all(jobs.map((j) => j.waitUntilFinished(sweepEvents, 20_000)));
    const keys: Array<{ digest_key: string }> = await ds.query(`SELECT DISTINCT digest_key FROM notifications WHERE task_id = $1`, [task.id]);
    // Each digest twice more, in reverse order, on top of what the sweep queued.
    for (const { digest_key } of [...keys].reverse()) await notificationQueue.add('digest', { kind: 'digest', digestKeys: [digest_key] });
    await notificationQueue.add('in-app', { kind: 'in-app' });
    for (const { digest_key } of keys) await notificationQueue.add('digest', { kind: 'digest', digestKeys: [digest_key] });
    await notificationQueue.add('in-app', { kind: 'in-app' });
    await notificationQueue.resume();
    await waitFor(pendingDue, (n) => n === 0, { what: 'duplicate deliveries' });
    const steps = await countBy(ds, `SELECT step || ':' || state AS k, count(*) AS n FROM escalation_steps WHERE task_id = $1 GROUP BY 1`, [task.id]);
    // Assigned 04-10, first swept on the due day: T-7/T-3/T-1 are on record as superseded, the
    // due-day reminder is the one message, once (to leadA in-app + webhook, staffA in-app).
    expect(steps).toEqual({ 'T-7:superseded': 1, 'T-3:superseded': 1, 'T-1:superseded': 1, 'due:recorded': 1 });
    expect(await countBy(ds, `SELECT state AS k, count(*) AS n FROM notifications WHERE task_id = $1 GROUP BY state`, [task.id])).toEqual({ sent: 3 });
    expect(webhook.sent.filter((m) => m.text.includes('重复投递事项'))).toHaveLength(1);
  }, 60_000);
});
