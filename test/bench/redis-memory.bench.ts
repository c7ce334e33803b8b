import { Queue } from 'bullmq';
import { shanghaiInstant } from '@duban/calendar';
import { CalendarRepository, DeadlineSweep, NotificationDelivery, enqueueDueDigests } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';
import {
  DEADLINE_SWEEP_JOB_OPTIONS,
  DEADLINE_SWEEP_SCHEDULER_ID,
  QUEUE_NAMES,
  createRedisClient,
  redisConnectionOptions,
  type NotificationJob,
} from '@duban/queue';
import { createTestDatabase } from '../support/test-database.js';
import { PrivateRedis } from '../deadlines/private-redis.js';
import { seedBenchWorld } from '../deadlines/bench-fixtures.js';
import { median, printResult, type BenchOptions } from './bench-result.js';

/**
 * Redis used memory with `size` open tasks, measured on a private redis-server: the sweep
 * scheduler plus one real sweep tick on a busy morning (every step due that day recorded in
 * Postgres, its deliveries queued for the 5-minute horizon, held undelivered). Baseline in the
 * same run: the naive design, one delayed BullMQ job per open task, measured on a sample of
 * `--sample` tasks and scaled linearly to `size`.
 */
const NOW = shanghaiInstant('2024-01-03', 9, 30);

async function usedMemory(url: string): Promise<number> {
  const c = createRedisClient(url);
  try {
    const info = await c.info('memory');
    return Number(/used_memory:(\d+)/.exec(info)![1]);
  } finally {
    await c.quit();
  }
}

export async function run(options: BenchOptions): Promise<void> {
  const size = options.size ?? 1_000_000;
  const runs = options.runs ?? 3;
  const sampleSize = Math.min(size, Number(options.extra.sample ?? 100_000));
  const departments = Math.min(1000, size);
  if (size % departments !== 0) throw new Error(`--size must be a multiple of ${departments}`);
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  const redis = await PrivateRedis.start();
  try {
    await new CalendarRepository(ds).importDirectory('seeds/calendar', new Date());
    process.stderr.write(`seeding ${size} open tasks…\n`);
    // Due dates over the year; next look = nine days before (about T-7), so ~2/350 are due on the morning of 01-03.
    await seedBenchWorld(ds, {
      departments,
      itemsPerDepartment: size / departments,
      dueDateSql: `DATE '2024-01-10' + (i.position % 350)`,
      nextActionAtSql: `((DATE '2024-01-10' + (i.position % 350) - 9)::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '9 hours'`,
      assignedAt: new Date('2024-01-01T01:00:00Z'),
      webhook: true,
    });
    const connection = redisConnectionOptions(redis.url);
    const engineBytes: number[] = [];
    const naiveBytes: number[] = [];
    let queued = 0;
    for (let r = 0; r < runs + 1; r++) {
      await redis.flushAll();
      const empty = await usedMemory(redis.url);
      const prefix = `bench-${r}`;
      const sweepQueue = new Queue(QUEUE_NAMES.deadlineSweep, { connection, prefix });
      const notifications = new Queue<NotificationJob>(QUEUE_NAMES.notifications, { connection, prefix });
      await sweepQueue.upsertJobScheduler(DEADLINE_SWEEP_SCHEDULER_ID, { pattern: '* * * * *', tz: 'Asia/Shanghai' }, { name: 'sweep', data: {}, opts: DEADLINE_SWEEP_JOB_OPTIONS });
      if (r === 0) {
        const swept = await new DeadlineSweep(ds, { batchSize: 2000 }).runOnce(NOW);
        process.stderr.write(`sweep tick: ${swept.tasks} tasks looked at, ${swept.steps} steps, ${swept.notifications} notifications\n`);
      }
      queued = await enqueueDueDigests(new NotificationDelivery(ds), notifications, NOW);
      const engine = (await usedMemory(redis.url)) - empty;
      await sweepQueue.close();
      await notifications.close();

      await redis.flushAll();
      const empty2 = await usedMemory(redis.url);
      const naive = new Queue('naive-reminders', { connection, prefix });
      const ids: string[] = await ds.query(`SELECT id FROM tasks LIMIT $1`, [sampleSize]).then((rows: Array<{ id: string }>) => rows.map((x) => x.id));
      for (let i = 0; i < ids.length; i += 1000) {
        await naive.addBulk(ids.slice(i, i + 1000).map((taskId, k) => ({ name: 'remind', data: { taskId, step: 'T-7' }, opts: { jobId: `${taskId}-T-7`, delay: 86_400_000 + (i + k) * 1000 } })));
      }
      const naiveSample = (await usedMemory(redis.url)) - empty2;
      await naive.close();
      if (r > 0) {
        engineBytes.push(engine);
        naiveBytes.push((naiveSample * size) / sampleSize);
        process.stderr.write(`run ${r}/${runs}: engine ${(engine / 1e6).toFixed(2)} MB (${queued} jobs queued), naive ${(naiveBytes.at(-1)! / 1e6).toFixed(1)} MB\n`);
      }
    }
    printResult({
      bench: 'redis-memory',
      metric: 'used-memory',
      value: median(engineBytes) / 1e6,
      unit: 'MB',
      baseline: { name: 'one-delayed-job-per-open-task', value: median(naiveBytes) / 1e6, unit: 'MB' },
      higherIsBetter: false,
      size,
      runs,
      notes:
        `redis used_memory above an empty private redis-server; engine = sweep scheduler + ${queued} delivery jobs of a busy morning ` +
        `(5-minute horizon, undelivered); naive measured on ${sampleSize} delayed jobs and scaled ×${(size / sampleSize).toFixed(1)}; goal ≤ 300 MB`,
    });
  } finally {
    await redis.stop();
    await ds.destroy();
    await db.drop();
  }
}
