import type { Queue } from 'bullmq';
import { NOTIFICATION_JOB_OPTIONS, type NotificationJob, notificationJobId } from '@duban/queue';
import type { NotificationDelivery } from './notification-delivery.js';

/**
 * Hands the digests due within a short horizon to the notifications queue (delayed to their
 * delivery time). Only this horizon is ever in Redis; Postgres holds the rest, and since every
 * sweep tick calls this, queues lost to a Redis flush are rebuilt within one tick.
 */
export async function enqueueDueDigests(
  delivery: NotificationDelivery,
  queue: Queue<NotificationJob>,
  now: Date,
  horizonMs = 5 * 60_000,
): Promise<number> {
  const due = await delivery.dueDigests(now, horizonMs);
  if (!due.length) return 0;
  await queue.addBulk(
    due.map(({ digestKey, at }) => ({
      name: 'deliver',
      data: { digestKey },
      opts: { ...NOTIFICATION_JOB_OPTIONS, jobId: notificationJobId(digestKey, at), delay: Math.max(0, at.getTime() - now.getTime()) },
    })),
  );
  return due.length;
}
