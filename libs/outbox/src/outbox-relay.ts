import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxPublisher, OutboxRow } from './outbox-publisher.js';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How long a claim holds. A relay that dies mid-batch delays its rows by at most this long. */
  leaseMs?: number;
  /** Pause between polls when the outbox is empty. */
  idleMs?: number;
  relayId?: string;
}

/**
 * Moves committed outbox rows to BullMQ. A batch is claimed with FOR UPDATE SKIP LOCKED and a lease,
 * in its own short transaction, so no queue call ever happens inside a database transaction; then it
 * is published, then marked. Crash anywhere and the lease expires: the rows are published again
 * under the same job ids, and consumers deduplicate by event id.
 */
export class OutboxRelay {
  readonly relayId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: OutboxPublisher,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.idleMs = options.idleMs ?? 200;
    this.relayId = options.relayId ?? `relay-${randomUUID()}`;
  }

  /** Claims, publishes and marks one batch; returns how many rows it published. */
  async relayOnce(): Promise<number> {
    const rows = await this.claim();
    if (!rows.length) return 0;
    await this.publisher.publish(rows);
    await this.dataSource.query(
      `UPDATE outbox SET published_at = now(), claimed_until = NULL WHERE id = ANY($1::bigint[]) AND claimed_by = $2`,
      [rows.map((r) => r.id), this.relayId],
    );
    return rows.length;
  }

  /** Relays until the outbox is empty (tests, the demo, the simulator). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.relayOnce(); n > 0; n = await this.relayOnce()) total += n;
    return total;
  }

  start(onError: (err: unknown) => void = () => undefined): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        let published = 0;
        let failed = false;
        try {
          published = await this.relayOnce();
        } catch (err) {
          failed = true;
          onError(err);
        }
        if (published === 0 && !this.stopping) {
          // An outage (database or Redis down) is retried every second, not in a tight loop.
          const pause = failed ? Math.max(this.idleMs, 1000) : this.idleMs;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pause);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  private async claim(): Promise<OutboxRow[]> {
    const rows: Array<{ id: string; topic: OutboxRow['topic']; payload: Record<string, unknown> }> = await this.dataSource.query(
      `UPDATE outbox o
          SET claimed_until = now() + ($2::int * interval '1 millisecond'), claimed_by = $3, attempts = o.attempts + 1
        WHERE o.id IN (
              SELECT id FROM outbox
               WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
               ORDER BY id
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
    RETURNING o.id::text AS id, o.topic, o.payload`,
      [this.batchSize, this.leaseMs, this.relayId],
    );
    // UPDATE … RETURNING gives the rows in no particular order; publish oldest first.
    const list = (Array.isArray(rows[0]) ? (rows[0] as unknown as typeof rows) : rows).slice();
    return list.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}
