import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * BullMQ delivers at least once; a consumer records each event it applied here, in the same
 * transaction as the effect, so a second delivery is a no-op.
 */
@Entity('consumed_events')
export class ConsumedEventEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'bigint', name: 'event_id' })
  eventId: string;

  @Column({ type: 'timestamptz', name: 'consumed_at' })
  consumedAt: Date;
}
