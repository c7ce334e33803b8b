/** One message out of duban: a single item or a digest of several, to one recipient on one channel. */
export interface OutgoingMessage {
  /** Deterministic id (the digest key + first notification id): providers that deduplicate use it. */
  id: string;
  /** E-mail address or webhook URL. */
  address: string;
  /** Webhooks: 'generic' | 'dingtalk' | 'wecom'. */
  format?: 'generic' | 'dingtalk' | 'wecom' | null;
  /** HMAC / DingTalk signing secret. */
  secret?: string | null;
  recipientName: string;
  subject: string;
  text: string;
  /** The single items a digest is made of (one entry when it is not a digest). */
  items: string[];
}

export interface ChannelSender {
  readonly channel: 'email' | 'webhook';
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * A failure retrying cannot fix (bad address, rejected signature, 4xx): the notification is marked
 * failed at once and shown to the coordinating office. Any other error is retried with backoff.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}
