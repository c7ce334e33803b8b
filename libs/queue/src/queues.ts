import type { JobsOptions } from 'bullmq';
import type { TaskEventType } from '@duban/domain';

/**
 * The one contract between producers (the outbox relay) and processors. Queue names are part of the
 * deployed state in Redis: never rename one that has shipped; add a new one.
 */
export const QUEUE_NAMES = {
  /** Task events for the in-app inbox (待办). */
  inbox: 'inbox',
  /** The deadline sweep: a job scheduler fires it every minute, once across all worker instances. */
  deadlineSweep: 'deadline-sweep',
  /** Delivery of recorded notifications, one job per digest (recipient × channel × day). */
  notifications: 'notifications',
  /** Task events for scoring: each marks (year, department) dirty in Postgres. */
  scoring: 'scoring',
  /** The debounced recompute of one assessment year's dirty departments. */
  scoringRecompute: 'scoring-recompute',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Outbox topics, and the queues each topic fans out to (one queue per consumer, so each gets every event). */
export const OUTBOX_TOPICS = {
  taskEvent: 'task-event',
} as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[keyof typeof OUTBOX_TOPICS];

export const TOPIC_ROUTES: Record<OutboxTopic, readonly QueueName[]> = {
  'task-event': [QUEUE_NAMES.inbox, QUEUE_NAMES.scoring],
};

/** Jobs carry ids, not records: the processor reloads the event and the task from Postgres. */
export interface TaskEventJob {
  eventId: string;
  taskId: string;
  seq: number;
  type: TaskEventType;
}

/**
 * Deterministic job id: a message published twice (relay crash, two relays) is one job while it is
 * retained. Built from the task's random uuid and the event's number in its chain, never from a
 * database sequence: a fresh or restored database on the same Redis starts its sequences again, and
 * its first events would be mistaken for another database's retained jobs and dropped.
 */
export function jobIdFor(topic: OutboxTopic, job: TaskEventJob): string {
  return `${topic}-${job.taskId}-${job.seq}`;
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

/** The sweep job carries nothing: it reads what is due from Postgres. */
export type DeadlineSweepJob = Record<string, never>;

/**
 * A wake-up for delivery: a few external digests (each: e-mail/webhook to one recipient for one
 * day, handled in one claim round), or the in-app notifications due by then (set-based). The
 * processor claims from Postgres.
 */
export type NotificationJob = { kind: 'digest'; digestKeys: string[] } | { kind: 'in-app' };

export const DEADLINE_SWEEP_SCHEDULER_ID = 'deadline-sweep-every-minute';

/** A sweep that fails is simply run again by the next tick; keep little history. */
export const DEADLINE_SWEEP_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 500, age: 7 * 24 * 3600 },
};

/**
 * Notification jobs are only a wake-up call: state and retries (deliver_at) live in Postgres, and
 * the sweep re-enqueues anything still pending, so completed jobs are dropped at once (a job id
 * must not block a later wake-up for the same digest).
 */
export const NOTIFICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 10_000 },
};

/** Job id of a wake-up: duplicates while one is waiting collapse into one job. */
export function notificationJobId(job: NotificationJob, at: Date): string {
  const what =
    job.kind === 'digest' ? `digest-${job.digestKeys[0]!.replace(/[^A-Za-z0-9-]/g, '_')}-${job.digestKeys.length}` : 'in-app';
  return `${what}-${at.getTime()}`;
}

/** Recompute the dirty departments of one assessment year; the processor reads the marks from Postgres. */
export interface ScoringRecomputeJob {
  year: number;
}

/** Events within one window collapse into one recompute job per year (debounce). */
export const SCORING_DEBOUNCE_MS = 5_000;

/**
 * Deterministic id per (year, debounce window): the many events of a burst add one delayed job; an
 * event arriving while that job runs falls into the next window and gets its own job, so no mark
 * waits for an unrelated later event.
 */
export function scoringRecomputeJobId(year: number, nowMs: number, windowMs = SCORING_DEBOUNCE_MS): string {
  return `scoring-${year}-${Math.floor(nowMs / windowMs)}`;
}

/**
 * Completed recompute jobs are removed at once: the id deduplicates only while a job waits, so an
 * event after a run always schedules a new one. Failed jobs are kept a week for inspection.
 */
export const SCORING_RECOMPUTE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

/** Every minute, recompute any year that still has dirty marks (a job Redis lost, a race at the end of a run). */
export const SCORING_SWEEP_SCHEDULER_ID = 'scoring-sweep-every-minute';
/** The sweep's job: year 0 means "every year with dirty marks". */
export const SCORING_SWEEP_YEAR = 0;
