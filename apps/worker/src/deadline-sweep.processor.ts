import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';
import { DeadlineSweep, NotificationDelivery, ReportRequestSweep, enqueueDueDigests, type SweepResult } from '@duban/deadlines';
import {
  DEADLINE_SWEEP_JOB_OPTIONS,
  DEADLINE_SWEEP_SCHEDULER_ID,
  QUEUE_NAMES,
  type DeadlineSweepJob,
  type NotificationJob,
} from '@duban/queue';
import { DEADLINE_OPTIONS, NOTIFICATION_SENDERS, type DeadlineEngineOptions, type NotificationSenders } from './deadline-engine.providers.js';

/**
 * Thin adapter: the sweep records due steps in Postgres, then the digests due within the horizon
 * are handed to the notifications queue. Scheduled with upsertJobScheduler, so however many
 * workers boot, one sweep job fires per tick; the sweep itself is safe to run concurrently anyway.
 */
@Processor(QUEUE_NAMES.deadlineSweep, { concurrency: 1 })
export class DeadlineSweepProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweepProcessor.name);
  private readonly sweep: DeadlineSweep;
  private readonly delivery: NotificationDelivery;
  private readonly reports: ReportRequestSweep;
  private refresh: NodeJS.Timeout | null = null;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectQueue(QUEUE_NAMES.deadlineSweep) private readonly sweepQueue: Queue<DeadlineSweepJob>,
    @InjectQueue(QUEUE_NAMES.notifications) private readonly notifications: Queue<NotificationJob>,
    @Inject(DEADLINE_OPTIONS) private readonly options: DeadlineEngineOptions,
    @Inject(NOTIFICATION_SENDERS) senders: NotificationSenders,
  ) {
    super();
    this.sweep = new DeadlineSweep(dataSource, { batchSize: options.batchSize });
    this.delivery = new NotificationDelivery(dataSource, senders, { leaseMs: options.leaseMs });
    this.reports = new ReportRequestSweep(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.schedule) return;
    await this.ensureScheduler();
    // Redis may lose everything (no persistence, FLUSHALL): re-assert the scheduler every minute.
    // upsert is idempotent, so N workers doing this still yield one sweep per tick.
    this.refresh = setInterval(() => {
      this.ensureScheduler().catch((err: unknown) => this.logger.warn(`could not re-assert the sweep scheduler: ${String(err)}`));
    }, 60_000);
    this.refresh.unref();
  }

  onApplicationShutdown(): void {
    if (this.refresh) clearInterval(this.refresh);
  }

  async ensureScheduler(): Promise<void> {
    await this.sweepQueue.upsertJobScheduler(
      DEADLINE_SWEEP_SCHEDULER_ID,
      { pattern: this.options.pattern, tz: 'Asia/Shanghai' },
      { name: 'sweep', data: {}, opts: DEADLINE_SWEEP_JOB_OPTIONS },
    );
  }

  async process(_job: Job<DeadlineSweepJob>): Promise<SweepResult & { enqueued: number }> {
    const now = this.clock.now();
    const result = await this.sweep.runOnce(now);
    const reports = await this.reports.runOnce(now);
    const enqueued = await enqueueDueDigests(this.delivery, this.notifications, now, this.options.horizonMs);
    if (result.steps || reports.steps || enqueued) {
      this.logger.log(`sweep: ${result.steps} steps, ${reports.steps} report requests, ${result.notifications + reports.notifications} notifications, ${enqueued} jobs queued`);
    }
    return { ...result, steps: result.steps + reports.steps, notifications: result.notifications + reports.notifications, enqueued };
  }
}
