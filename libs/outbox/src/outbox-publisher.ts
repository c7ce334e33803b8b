import type { Queue } from 'bullmq';
import { TASK_EVENT_JOB_OPTIONS, TOPIC_ROUTES, jobIdFor, type OutboxTopic, type QueueName, type TaskEventJob } from '@duban/queue';

export interface OutboxRow {
  id: string;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
}

/** Where claimed outbox rows go. The relay depends on this seam, so tests can fail a publish midway. */
export interface OutboxPublisher {
  publish(rows: readonly OutboxRow[]): Promise<void>;
}

/**
 * Fans each row out to every queue its topic routes to, with a deterministic job id, so publishing
 * the same row twice (a relay that died before marking it, two relays racing) adds one job.
 */
export class BullOutboxPublisher implements OutboxPublisher {
  constructor(private readonly queues: Partial<Record<QueueName, Queue>>) {}

  async publish(rows: readonly OutboxRow[]): Promise<void> {
    const byQueue = new Map<QueueName, Array<{ name: string; data: unknown; opts: object }>>();
    for (const row of rows) {
      for (const queueName of TOPIC_ROUTES[row.topic] ?? []) {
        const jobs = byQueue.get(queueName) ?? [];
        jobs.push({
          name: String(row.payload.type ?? row.topic),
          data: row.payload,
          opts: { ...TASK_EVENT_JOB_OPTIONS, jobId: jobIdFor(row.topic, row.payload as unknown as TaskEventJob) },
        });
        byQueue.set(queueName, jobs);
      }
    }
    for (const [queueName, jobs] of byQueue) {
      const queue = this.queues[queueName];
      if (!queue) throw new Error(`no queue registered for "${queueName}"`);
      await queue.addBulk(jobs as Parameters<Queue['addBulk']>[0]);
    }
  }
}
