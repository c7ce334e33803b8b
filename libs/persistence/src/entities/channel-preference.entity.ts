import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A user's choice of an external channel. In-app always applies; steps marked critical (督办,
 * escalation) also go to every configured channel even when the user switched it off.
 */
@Check('ck_user_channel_preferences_channel', `"channel" IN ('email', 'webhook')`)
@Entity('user_channel_preferences')
export class ChannelPreferenceEntity {
  @ForeignKey('UserEntity', { name: 'fk_user_channel_preferences_user' })
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  channel: 'email' | 'webhook';

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** E-mail address, or the webhook URL. */
  @Column({ type: 'text' })
  address: string;

  /** Webhooks only: 'generic' (JSON signed with HMAC), 'dingtalk' or 'wecom' robot formats. */
  @Column({ type: 'text', nullable: true })
  format: 'generic' | 'dingtalk' | 'wecom' | null;

  /** HMAC secret (generic) or the DingTalk robot's signing secret. */
  @Column({ type: 'text', nullable: true })
  secret: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
