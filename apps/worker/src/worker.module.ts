import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, SystemClock, type Clock } from '@duban/clock';
import { dataSourceOptions } from '@duban/persistence';
import { QUEUE_NAMES, redisConnectionOptions } from '@duban/queue';
import { InboxProcessor } from './inbox.processor.js';
import { OutboxRelayService, RELAY_OPTIONS } from './outbox-relay.service.js';

export interface WorkerOptions {
  databaseUrl: string;
  redisUrl: string;
  /** BullMQ key prefix; tests use a private one per file. */
  queuePrefix?: string;
  clock?: Clock;
  relay?: { batchSize?: number; leaseMs?: number; idleMs?: number; autoStart?: boolean };
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
      ],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: RELAY_OPTIONS, useValue: { autoStart: true, ...options.relay } },
        OutboxRelayService,
        InboxProcessor,
      ],
    };
  }
}
