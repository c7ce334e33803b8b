import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ScoreDirtyMarker, ScoreRecomputeUseCase, type RecomputeOutcome } from '@duban/assessment';
import {
  QUEUE_NAMES,
  SCORING_DEBOUNCE_MS,
  SCORING_RECOMPUTE_JOB_OPTIONS,
  SCORING_SWEEP_SCHEDULER_ID,
  SCORING_SWEEP_YEAR,
  scoringRecomputeJobId,
  type ScoringRecomputeJob,
} from '@duban/queue';

/**
 * Thin adapter: recomputes the year's dirty departments (the use-case consumes the marks in its
 * transaction). Postgres knows what is dirty, so at boot and from a once-a-minute scheduler every
 * year that still has marks is enqueued again: jobs Redis lost, or a mark that raced the end of a run.
 */
@Processor(QUEUE_NAMES.scoringRecompute, { concurrency: 1 })
export class ScoringRecomputeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringRecomputeProcessor.name);

  constructor(
    private readonly recompute: ScoreRecomputeUseCase,
    private readonly marker: ScoreDirtyMarker,
    @InjectQueue(QUEUE_NAMES.scoringRecompute) private readonly queue: Queue<ScoringRecomputeJob>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCORING_SWEEP_SCHEDULER_ID,
      { every: 60_000 },
      { name: 'sweep', data: { year: SCORING_SWEEP_YEAR }, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
    for (const year of await this.marker.dirtyYears()) await this.enqueue(year, 0);
  }

  async process(job: Job<ScoringRecomputeJob>): Promise<RecomputeOutcome[]> {
    if (job.data.year === SCORING_SWEEP_YEAR) {
      for (const year of await this.marker.dirtyYears()) await this.enqueue(year, 0);
      return [];
    }
    const outcomes = await this.recompute.recomputeDirtyYear(job.data.year);
    for (const o of outcomes) this.logger.log(`scores ${o.year} (${o.assessmentId}): ${o.recomputed} recomputed (${o.lineByLine} line by line), ${o.changed} rows changed`);
    // Marks made while this run held the year (their own job may have been deduplicated): go again.
    if ((await this.marker.dirtyYears()).includes(job.data.year)) await this.enqueue(job.data.year, SCORING_DEBOUNCE_MS);
    return outcomes;
  }

  private async enqueue(year: number, delay: number): Promise<void> {
    // Wall time, like the BullMQ delay itself (see ScoringEventProcessor).
    await this.queue.add('recompute', { year }, { ...SCORING_RECOMPUTE_JOB_OPTIONS, jobId: `${scoringRecomputeJobId(year, Date.now())}-r`, delay });
  }
}
