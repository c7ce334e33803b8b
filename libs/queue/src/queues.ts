import type { JobsOptions } from 'bullmq';
import type { TaskEventType } from '@duban/domain';

/**
 * The one contract between producers (the outbox relay) and processors. Queue names are part of the
 * deployed state in Redis: never rename one that has shipped; add a new one.
 */
export const QUEUE_NAMES = {
  /** Task events for the in-app inbox (待办). */
  inbox: 'inbox',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Outbox topics, and the queues each topic fans out to (one queue per consumer, so each gets every event). */
export const OUTBOX_TOPICS = {
  taskEvent: 'task-event',
} as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[keyof typeof OUTBOX_TOPICS];

export const TOPIC_ROUTES: Record<OutboxTopic, readonly QueueName[]> = {
  'task-event': [QUEUE_NAMES.inbox],
};

/** Jobs carry ids, not records: the processor reloads the event and the task from Postgres. */
export interface TaskEventJob {
  eventId: string;
  taskId: string;
  seq: number;
  type: TaskEventType;
}

/** Deterministic job id: a message published twice (relay crash, two relays) is one job while it is retained. */
export function jobIdFor(topic: OutboxTopic, outboxId: string): string {
  return `${topic}-${outboxId}`;
}

/**
 * Explicit per job type: retries with backoff, and bounded retention so Redis never fills up.
 * Completed jobs are kept a day so the deterministic job id still deduplicates a late re-publish.
 */
export const TASK_EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};
