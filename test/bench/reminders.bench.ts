import { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { shanghaiInstant } from '@duban/calendar';
import { DeadlineSweep, NotificationDelivery, enqueueDueDigests } from '@duban/deadlines';
import type { ChannelSender, OutgoingMessage } from '@duban/notifications';
import { createDataSource } from '@duban/persistence';
import { QUEUE_NAMES, redisConnectionOptions, type NotificationJob } from '@duban/queue';
import { CalendarRepository } from '@duban/deadlines';
import { createTestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { TEST_REDIS_URL, testPrefix } from '../support/test-queues.js';
import { resetEngineState, seedBenchWorld } from '../deadlines/bench-fixtures.js';
import { median, printResult, type BenchOptions } from './bench-result.js';

/**
 * End-to-end reminders/s: N tasks whose T-7 reminder is due → sweep (record step + in-app and
 * webhook notifications; the in-app ones delivered as recorded) → notifications queue on real
 * Redis → delivery (re-check, digest per recipient) to a stub channel, until every notification
 * is sent. Baseline in the same run: raw
 * BullMQ, N no-op jobs added in bulk and processed (jobs/s).
 */
class StubChannel implements ChannelSender {
  readonly channel = 'webhook' as const;
  messages = 0;
  items = 0;
  async send(m: OutgoingMessage): Promise<void> {
    this.messages++;
    this.items += m.items.length;
  }
}

const DUE = '2024-03-20';
const NOW = shanghaiInstant('2024-03-11', 9, 30); // T-7 of 03-20

async function endToEnd(ds: DataSource, tasks: number): Promise<number> {
  await resetEngineState(ds, new Date(NOW.getTime() - 60_000));
  const prefix = testPrefix();
  const connection = redisConnectionOptions(TEST_REDIS_URL);
  const stub = new StubChannel();
  const delivery = new NotificationDelivery(ds, { webhook: stub });
  const queue = new Queue<NotificationJob>(QUEUE_NAMES.notifications, { connection, prefix });
  const worker = new Worker<NotificationJob>(QUEUE_NAMES.notifications, (job) => (job.data.kind === 'in-app' ? delivery.deliverInApp(NOW) : delivery.deliverDigests(job.data.digestKeys, NOW)), {
    connection,
    prefix,
    concurrency: 8,
  });
  const start = process.hrtime.bigint();
  const sweep = new DeadlineSweep(ds, { batchSize: Number(process.env.BENCH_SWEEP_BATCH ?? 2000) });
  const swept = await sweep.runOnce(NOW);
  const sweptAt = process.hrtime.bigint();
  await enqueueDueDigests(delivery, queue, NOW);
  // Done when Postgres has no open notification left. Asked only once the queue is idle (a Redis
  // count): an EXISTS every 20 ms walks the dead entries of the pending index and took a third of
  // a core away from the delivery being measured.
  const drained = async (): Promise<boolean> => {
    const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (!Object.values(jobs).every((n) => n === 0)) return false;
    const [{ open }] = await ds.query(`SELECT EXISTS (SELECT 1 FROM notifications WHERE state IN ('pending', 'sending')) AS open`);
    return !open;
  };
  await waitFor(drained, (done) => done, { timeoutMs: 600_000, intervalMs: 20, what: 'every notification delivered' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [{ unsent }] = await ds.query(`SELECT count(*)::int AS unsent FROM notifications WHERE state <> 'sent'`);
  if (unsent !== 0) throw new Error(`${unsent} notifications were skipped or failed instead of sent`);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  if (swept.steps !== tasks) throw new Error(`expected ${tasks} reminders, the sweep recorded ${swept.steps}`);
  // One webhook item per reminder reached the stub (the in-app ones are the inbox rows, checked above).
  if (stub.items !== tasks) throw new Error(`expected ${tasks} webhook items at the stub, it got ${stub.items}`);
  const sweepSeconds = Number(sweptAt - start) / 1e9;
  process.stderr.write(
    `  ${tasks} reminders (${swept.notifications} notifications, ${stub.messages} webhook digests) in ${seconds.toFixed(2)} s ` +
      `(sweep ${sweepSeconds.toFixed(2)} s, delivery ${(seconds - sweepSeconds).toFixed(2)} s)\n`,
  );
  return tasks / seconds;
}

async function bullmqNoop(n: number): Promise<number> {
  const prefix = testPrefix();
  const connection = redisConnectionOptions(TEST_REDIS_URL);
  const queue = new Queue('bench-noop', { connection, prefix });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const worker = new Worker(
    'bench-noop',
    async () => {
      if (++done === n) finish();
    },
    { connection, prefix, concurrency: 8, removeOnComplete: { count: 0 } },
  );
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return n / seconds;
}

export async function run(options: BenchOptions): Promise<void> {
  const size = options.size ?? 100_000;
  const runs = options.runs ?? 3;
  const departments = Math.min(1000, size);
  if (size % departments !== 0) throw new Error(`--size must be a multiple of ${departments}`);
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  try {
    await new CalendarRepository(ds).importDirectory('seeds/calendar', new Date());
    process.stderr.write(`seeding ${size} tasks in ${departments} departments…\n`);
    await seedBenchWorld(ds, {
      departments,
      itemsPerDepartment: size / departments,
      dueDateSql: `'${DUE}'`,
      assignedAt: new Date('2024-03-01T01:00:00Z'),
      nextActionAtSql: `'2024-03-11T01:00:00Z'::timestamptz`,
      webhook: true,
    });
    process.stderr.write('warm-up…\n');
    await endToEnd(ds, size);
    await bullmqNoop(Math.min(size, 20_000));
    const values: number[] = [];
    const baselines: number[] = [];
    for (let r = 0; r < runs; r++) {
      values.push(await endToEnd(ds, size));
      baselines.push(await bullmqNoop(size));
      process.stderr.write(`run ${r + 1}/${runs}: ${values[r]!.toFixed(0)} reminders/s, bullmq no-op ${baselines[r]!.toFixed(0)} jobs/s\n`);
    }
    printResult({
      bench: 'reminders',
      metric: 'throughput',
      value: median(values),
      unit: 'reminders/s',
      baseline: { name: 'bullmq-noop', value: median(baselines), unit: 'jobs/s' },
      higherIsBetter: true,
      size,
      runs,
      notes:
        `median of ${runs} runs after 1 warm-up; each reminder = 1 step + 2 notifications (in-app + webhook) recorded and delivered, ` +
        `in-app delivered by the sweep as it records them (re-checked on the locked task), ${departments} recipients → ` +
        `${departments} webhook digests (50 per job, leased per digest) through BullMQ; sweep batches of 2000; node ${process.version}`,
    });
  } finally {
    await ds.destroy();
    await db.drop();
  }
}
