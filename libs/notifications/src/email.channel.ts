import nodemailer, { type Transporter } from 'nodemailer';
import { type ChannelSender, type OutgoingMessage, PermanentDeliveryError } from './channel-sender.js';

export interface EmailChannelOptions {
  host: string;
  port: number;
  secure?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** Used in the Message-ID, so a message re-sent after a crash carries the same id (MUAs dedupe on it). */
  domain?: string;
  connectionTimeoutMs?: number;
}

/** E-mail over SMTP (nodemailer). 5xx replies are permanent; connection errors and 4xx are retried. */
export class EmailChannel implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: EmailChannelOptions) {
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure ?? false,
      auth: options.auth,
      ignoreTLS: !options.secure,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.connectionTimeoutMs ?? 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: message.address,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id.replace(/[^A-Za-z0-9.-]/g, '.')}@${this.options.domain ?? 'duban.local'}>`,
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) {
        throw new PermanentDeliveryError(`SMTP rejected ${message.address}: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  close(): void {
    this.transport.close();
  }
}
