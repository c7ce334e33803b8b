import { type ChannelSender, type OutgoingMessage, PermanentDeliveryError } from './channel-sender.js';
import { RobotRateLimiter } from './robot-rate-limiter.js';
import { type WebhookRequest, dingTalkRequest, genericRequest, weComRequest } from './webhook-payloads.js';

export interface WebhookChannelOptions {
  fetch?: typeof fetch;
  /** Wall time for signatures and rate limits (the robots check timestamps against real time). */
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  limiter?: RobotRateLimiter;
}

/**
 * Webhooks: generic JSON signed with HMAC, DingTalk and WeCom robots (20 messages/min per robot,
 * respected by waiting). 4xx and a robot's non-zero errcode are permanent; 5xx and network errors retry.
 */
export class WebhookChannel implements ChannelSender {
  readonly channel = 'webhook' as const;
  private readonly fetchFn: typeof fetch;
  private readonly nowMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limiter: RobotRateLimiter;

  constructor(private readonly options: WebhookChannelOptions = {}) {
    this.fetchFn = options.fetch ?? fetch;
    this.nowMs = options.nowMs ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.limiter = options.limiter ?? new RobotRateLimiter();
  }

  async send(message: OutgoingMessage): Promise<void> {
    const format = message.format ?? 'generic';
    if (format === 'dingtalk' || format === 'wecom') {
      const wait = this.limiter.reserve(message.address, this.nowMs());
      if (wait > 0) await this.sleep(wait);
    }
    const req: WebhookRequest =
      format === 'dingtalk' ? dingTalkRequest(message, this.nowMs()) : format === 'wecom' ? weComRequest(message) : genericRequest(message, this.nowMs());
    const res = await this.fetchFn(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (res.status >= 400 && res.status < 500) throw new PermanentDeliveryError(`webhook ${res.status}: ${text.slice(0, 200)}`);
    if (!res.ok) throw new Error(`webhook ${res.status}: ${text.slice(0, 200)}`);
    if (format !== 'generic') {
      let errcode = 0;
      let errmsg = '';
      try {
        ({ errcode = 0, errmsg = '' } = JSON.parse(text) as { errcode?: number; errmsg?: string });
      } catch {
        throw new Error(`robot answered with non-JSON: ${text.slice(0, 200)}`);
      }
      // 45009 / 130101: over the robot's rate limit — worth retrying later; anything else is configuration.
      if (errcode === 45009 || errcode === 130101) throw new Error(`robot rate-limited: ${errmsg}`);
      if (errcode !== 0) throw new PermanentDeliveryError(`robot refused (errcode ${errcode}): ${errmsg}`);
    }
  }
}
