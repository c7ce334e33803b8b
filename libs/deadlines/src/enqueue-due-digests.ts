import type { Queue } from 'bullmq';
import { NOTIFICATION_JOB_OPTIONS, type NotificationJob, notificationJobId } from '@duban/queue';
import { DIGESTS_PER_ROUND, type NotificationDelivery } from './notification-delivery.js';

/**
 * Hands the deliveries due within a short horizon to the notifications queue (delayed to their
 * time): one job per external digest, one for the in-app batch. Only this horizon is ever in
 * Redis; Postgres holds the rest, and since every sweep tick calls this, queues lost to a Redis
 * flush are rebuilt within one tick.
 */
export async function enqueueDueDigests(
  delivery: NotificationDelivery,
  queue: Queue<NotificationJob>,
  now: Date,
  horizonMs = 5 * 60_000,
): Promise<number> {
  const due = await delivery.dueDigests(now, horizonMs);
  const jobs: Array<{ data: NotificationJob; at: Date }> = [];
  // Earliest first, so a round's digests are due within moments of each other; the job waits for its latest.
  for (let i = 0; i < due.length; i += DIGESTS_PER_ROUND) {
    const round = due.slice(i, i + DIGESTS_PER_ROUND);
    jobs.push({ data: { kind: 'digest', digestKeys: round.map((d) => d.digestKey) }, at: round.at(-1)!.at });
  }
  const inApp = await delivery.dueInApp(now, horizonMs);
  if (inApp) jobs.unshift({ data: { kind: 'in-app' }, at: inApp });
  if (!jobs.length) return 0;
  await queue.addBulk(
    jobs.map(({ data, at }) => ({
      name: data.kind,
      data,
      opts: { ...NOTIFICATION_JOB_OPTIONS, jobId: notificationJobId(data, at), delay: Math.max(0, at.getTime() - now.getTime()) },
    })),
  );
  return jobs.length;
}
