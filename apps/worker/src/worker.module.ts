import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, SystemClock, type Clock } from '@duban/clock';
import { dataSourceOptions } from '@duban/persistence';
import { QUEUE_NAMES, redisConnectionOptions } from '@duban/queue';
import { InboxProcessor } from './inbox.processor.js';
import { DEADLINE_OPTIONS, DEFAULT_DEADLINE_OPTIONS, NOTIFICATION_SENDERS, type DeadlineEngineOptions, type NotificationSenders } from './deadline-engine.providers.js';
import { DeadlineSweepProcessor } from './deadline-sweep.processor.js';
import { NotificationProcessor } from './notification.processor.js';
import { EmailChannel, WebhookChannel, type EmailChannelOptions } from '@duban/notifications';
import { OutboxRelayService, RELAY_OPTIONS } from './outbox-relay.service.js';
import { ScoreDirtyMarker, ScoreRecomputeUseCase, SchemeVersionService, SCORING_CALENDAR, createScoringCalendar } from '@duban/assessment';
import { ScoringEventProcessor } from './scoring-event.processor.js';
import { ScoringRecomputeProcessor } from './scoring-recompute.processor.js';

export interface WorkerOptions {
  databaseUrl: string;
  redisUrl: string;
  /** BullMQ key prefix; tests use a private one per file. */
  queuePrefix?: string;
  clock?: Clock;
  relay?: { batchSize?: number; leaseMs?: number; idleMs?: number; autoStart?: boolean };
  /** Deadline sweep and delivery (schedule: false in tests that drive the sweep themselves). */
  deadlines?: Partial<DeadlineEngineOptions>;
  /** SMTP for e-mail delivery; without it e-mail notifications fail visibly ("no email channel"). */
  smtp?: EmailChannelOptions;
  /** Replace the channels (tests pass recording stubs). */
  senders?: NotificationSenders;
}

function defaultSenders(options: WorkerOptions): NotificationSenders {
  return { webhook: new WebhookChannel(), ...(options.smtp ? { email: new EmailChannel(options.smtp) } : {}) };
}

/** The worker process: no HTTP, only the outbox relay and the BullMQ processors. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        BullModule.forRoot({ connection: redisConnectionOptions(options.redisUrl), prefix: options.queuePrefix ?? 'duban' }),
        BullModule.registerQueue({ name: QUEUE_NAMES.inbox }),
        BullModule.registerQueue({ name: QUEUE_NAMES.deadlineSweep }),
        BullModule.registerQueue({ name: QUEUE_NAMES.notifications }),
        BullModule.registerQueue({ name: QUEUE_NAMES.scoring }),
        BullModule.registerQueue({ name: QUEUE_NAMES.scoringRecompute }),
      ],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: RELAY_OPTIONS, useValue: { autoStart: true, ...options.relay } },
        OutboxRelayService,
        InboxProcessor,
        { provide: DEADLINE_OPTIONS, useValue: { ...DEFAULT_DEADLINE_OPTIONS, ...options.deadlines } },
        { provide: NOTIFICATION_SENDERS, useValue: options.senders ?? defaultSenders(options) },
        DeadlineSweepProcessor,
        NotificationProcessor,
        { provide: SCORING_CALENDAR, useFactory: () => createScoringCalendar() },
        SchemeVersionService,
        ScoreDirtyMarker,
        ScoreRecomputeUseCase,
        ScoringEventProcessor,
        ScoringRecomputeProcessor,
      ],
    };
  }
}
