import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';
import { InboxProjector, type ProjectionOutcome } from '@duban/inbox';
import { QUEUE_NAMES, type TaskEventJob } from '@duban/queue';

/** Thin adapter: the projector reloads the task, re-checks and records the effect once. */
@Processor(QUEUE_NAMES.inbox, { concurrency: 8 })
export class InboxProcessor extends WorkerHost {
  private readonly logger = new Logger(InboxProcessor.name);
  private readonly projector: InboxProjector;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
    this.projector = new InboxProjector(dataSource);
  }

  async process(job: Job<TaskEventJob>): Promise<ProjectionOutcome> {
    const outcome = await this.projector.apply(job.data, this.clock.now());
    if (outcome.outcome === 'skipped') this.logger.debug(`job ${job.id} skipped: ${outcome.why}`);
    return outcome;
  }
}
