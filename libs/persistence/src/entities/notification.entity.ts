import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/**
 * One message of one step to one user on one channel, recorded in the step's transaction under a
 * unique key (step, user, channel), then delivered by the notifications queue. The in-app inbox reads these rows
 * (`read_at` is the read receipt); external channels group them into one digest per recipient per day.
 */
@Check('ck_notifications_state', `"state" IN ('pending', 'sending', 'sent', 'skipped', 'failed')`)
@Entity('notifications')
// The step already stands for (task, rule, step, deadline version): one message per step, user and channel.
@Index('uq_notifications_step_user_channel', ['stepId', 'userId', 'channel'], { unique: true })
@Index('ix_notifications_due', ['deliverAt'], { where: `state IN ('pending', 'sending')` })
// The in-app inbox: a user's sent in-app messages, newest first. External messages never enter it.
@Index('ix_notifications_inbox', ['userId', 'sentAt'], { where: `channel = 'in_app' AND state = 'sent'` })
@Index('ix_notifications_digest_pending', ['digestKey'], { where: `state IN ('pending', 'sending')` })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('EscalationStepEntity', { name: 'fk_notifications_step' })
  @Column({ type: 'uuid', name: 'step_id' })
  stepId: string;

  /**
   * Always its step's task (the recorder takes it from the step row): no foreign key of its own,
   * fk_notifications_step and the step's fk to tasks already guarantee the task. No index either:
   * a task's notifications are found through its steps.
   */
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @ForeignKey('UserEntity', { name: 'fk_notifications_user' })
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  /** Which audience the user was reached as: department, coordinating-office, leadership. */
  @Column({ type: 'text' })
  audience: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'boolean', default: false })
  critical: boolean;

  /** The task's deadline version and department when recorded: delivery re-checks both. */
  @Column({ type: 'int', name: 'deadline_version' })
  deadlineVersion: number;

  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  /** Not before this instant (quiet hours hold non-critical messages until 07:00). */
  @Column({ type: 'timestamptz', name: 'deliver_at' })
  deliverAt: Date;

  /** `<user>|<channel>|<Shanghai day>`: one digest per recipient per day on external channels. */
  @Column({ type: 'text', name: 'digest_key' })
  digestKey: string;

  @Column({ type: 'text' })
  state: NotificationState;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'text', name: 'skip_reason', nullable: true })
  skipReason: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
