import type { ChannelSender } from '@duban/notifications';

export const NOTIFICATION_SENDERS = Symbol('NOTIFICATION_SENDERS');
export const DEADLINE_OPTIONS = Symbol('DEADLINE_OPTIONS');

export type NotificationSenders = Partial<Record<'email' | 'webhook', ChannelSender>>;

export interface DeadlineEngineOptions {
  /** Register the every-minute sweep scheduler at boot (idempotent across instances). */
  schedule: boolean;
  /** Cron pattern of the sweep, Asia/Shanghai. */
  pattern: string;
  /** How far ahead delivery jobs are queued. */
  horizonMs: number;
  batchSize: number;
  leaseMs: number;
}

export const DEFAULT_DEADLINE_OPTIONS: DeadlineEngineOptions = {
  schedule: true,
  pattern: '* * * * *',
  horizonMs: 5 * 60_000,
  batchSize: 1000,
  leaseMs: 30_000,
};
