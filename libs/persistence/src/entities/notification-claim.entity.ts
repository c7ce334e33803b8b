import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A delivery's lease on one digest (one recipient, channel and Shanghai day) while it sends it:
 * one small row per digest instead of rewriting every claimed notification. Released when the
 * round ends; a worker that dies leaves it to expire, and the next delivery takes it over.
 */
@Entity('notification_claims')
export class NotificationClaimEntity {
  @PrimaryColumn({ type: 'text', name: 'digest_key' })
  digestKey: string;

  @Column({ type: 'timestamptz', name: 'claimed_until' })
  claimedUntil: Date;
}
