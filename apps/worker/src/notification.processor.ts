import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';
import { NotificationDelivery, type DeliveryResult } from '@duban/deadlines';
import { QUEUE_NAMES, type NotificationJob } from '@duban/queue';
import { DEADLINE_OPTIONS, NOTIFICATION_SENDERS, type DeadlineEngineOptions, type NotificationSenders } from './deadline-engine.providers.js';

/** Thin adapter: claims due notifications (one digest, or the in-app batch), re-checks each task, sends once. */
@Processor(QUEUE_NAMES.notifications, { concurrency: 8 })
export class NotificationProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationProcessor.name);
  private readonly delivery: NotificationDelivery;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DEADLINE_OPTIONS) options: DeadlineEngineOptions,
    @Inject(NOTIFICATION_SENDERS) senders: NotificationSenders,
  ) {
    super();
    this.delivery = new NotificationDelivery(dataSource, senders, { leaseMs: options.leaseMs });
  }

  async process(job: Job<NotificationJob>): Promise<DeliveryResult> {
    const now = this.clock.now();
    const data = job.data;
    const result = data.kind === 'in-app' ? await this.delivery.deliverInApp(now) : await this.delivery.deliverDigests(data.digestKeys, now);
    if (result.failed || result.retrying) this.logger.warn(`job ${job.name}: ${result.failed} failed, ${result.retrying} retrying`);
    return result;
  }
}
