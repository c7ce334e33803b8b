import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { BullOutboxPublisher, OutboxRelay, type OutboxRelayOptions } from '@duban/outbox';
import { QUEUE_NAMES } from '@duban/queue';

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/** Runs one outbox relay per worker process; any number may run at once (SKIP LOCKED + leases). */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUE_NAMES.inbox) inbox: Queue,
    @InjectQueue(QUEUE_NAMES.scoring) scoring: Queue,
    @Inject(RELAY_OPTIONS) private readonly options: OutboxRelayOptions & { autoStart: boolean },
  ) {
    this.relay = new OutboxRelay(dataSource, new BullOutboxPublisher({ inbox, scoring }), options);
  }

  onApplicationBootstrap(): void {
    if (!this.options.autoStart) return;
    this.relay.start((err) => this.logger.error(`relay batch failed, will retry: ${err instanceof Error ? err.message : String(err)}`));
    this.logger.log(`relay ${this.relay.relayId} started`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
