import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Clock } from '@duban/clock';
import { InboxProjector } from '@duban/inbox';
import { QUEUE_NAMES, TOPIC_ROUTES, createRedisClient, redisConnectionOptions, type QueueName, type TaskEventJob } from '@duban/queue';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A private BullMQ key prefix per test file, so files share one Redis without seeing each other's jobs. */
export function testPrefix(): string {
  return `duban-test-${randomBytes(4).toString('hex')}`;
}

/** Every queue the outbox fans out to, so a relay under test publishes as the worker's does. */
export function routedQueues(prefix: string): Record<QueueName, Queue> {
  const names = [...new Set(Object.values(TOPIC_ROUTES).flat())];
  return Object.fromEntries(names.map((n) => [n, new Queue(n, { connection: redisConnectionOptions(TEST_REDIS_URL), prefix })])) as Record<QueueName, Queue>;
}

export function inboxWorker(prefix: string, ds: DataSource, clock: Clock): Worker<TaskEventJob> {
  const projector = new InboxProjector(ds);
  return new Worker<TaskEventJob>(QUEUE_NAMES.inbox, (job) => projector.apply(job.data, clock.now()), {
    connection: redisConnectionOptions(TEST_REDIS_URL),
    prefix,
    concurrency: 8,
  });
}

/** Removes every BullMQ key under the private prefix, whatever queues the worker registered. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = createRedisClient(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
