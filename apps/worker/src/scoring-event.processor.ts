import { Logger } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ScoreDirtyMarker, type MarkOutcome } from '@duban/assessment';
import {
  QUEUE_NAMES,
  SCORING_DEBOUNCE_MS,
  SCORING_RECOMPUTE_JOB_OPTIONS,
  scoringRecomputeJobId,
  type ScoringRecomputeJob,
  type TaskEventJob,
} from '@duban/queue';

/**
 * Thin adapter: marks the (year, department) pairs the event can move in Postgres, then schedules
 * one debounced recompute per year (deterministic id per window, so a burst of events adds one job).
 */
@Processor(QUEUE_NAMES.scoring, { concurrency: 4 })
export class ScoringEventProcessor extends WorkerHost {
  private readonly logger = new Logger(ScoringEventProcessor.name);

  constructor(
    private readonly marker: ScoreDirtyMarker,
    @InjectQueue(QUEUE_NAMES.scoringRecompute) private readonly recompute: Queue<ScoringRecomputeJob>,
  ) {
    super();
  }

  async process(job: Job<TaskEventJob>): Promise<MarkOutcome> {
    const outcome = await this.marker.markForEvent(job.data.eventId);
    if (outcome.outcome === 'skipped') {
      this.logger.debug(`job ${job.id} skipped: ${outcome.why}`);
      return outcome;
    }
    // The debounce window is wall time on purpose: BullMQ delays run on wall time, and a simulated
    // clock that stands still would otherwise put every later event into one finished window.
    const now = Date.now();
    for (const year of new Set(outcome.marks.map((m) => m.year))) {
      await this.recompute.add('recompute', { year }, { ...SCORING_RECOMPUTE_JOB_OPTIONS, jobId: scoringRecomputeJobId(year, now), delay: SCORING_DEBOUNCE_MS });
    }
    return outcome;
  }
}
