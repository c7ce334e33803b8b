import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  PermanentDeliveryError,
  RobotRateLimiter,
  WebhookChannel,
  dingTalkSign,
  signGeneric,
  type OutgoingMessage,
} from '@duban/notifications';

interface Hit {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('webhook channel', () => {
  let server: Server;
  let base: string;
  const hits: Hit[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        hits.push({ url: req.url ?? '', headers: req.headers, body });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const message = (over: Partial<OutgoingMessage>): OutgoingMessage => ({
    id: 'u1|webhook|2024-03-11|n1',
    address: `${base}/hook`,
    recipientName: '州教育体育局',
    subject: '【督办提醒】完善校园安全制度',
    text: '【督办提醒】州教育体育局：“完善校园安全制度”办理期限为2024年3月20日，距办理期限还有7个工作日。',
    items: ['x'],
    ...over,
  });

  it('generic JSON is signed with HMAC-SHA256 over timestamp.body, verifiable by the receiver', async () => {
    hits.length = 0;
    const channel = new WebhookChannel({ nowMs: () => 1_710_000_000_000 });
    await channel.send(message({ format: 'generic', secret: 's3cret' }));
    const [hit] = hits;
    expect(hit!.headers['x-duban-timestamp']).toBe('1710000000');
    expect(hit!.headers['x-duban-signature']).toBe(`sha256=${signGeneric('s3cret', '1710000000', hit!.body)}`);
    expect(JSON.parse(hit!.body)).toMatchObject({ id: 'u1|webhook|2024-03-11|n1', subject: '【督办提醒】完善校园安全制度' });
    expect(signGeneric('other', '1710000000', hit!.body)).not.toBe(signGeneric('s3cret', '1710000000', hit!.body));
  });

  it('DingTalk robots get a text message with timestamp and sign in the URL', async () => {
    hits.length = 0;
    const channel = new WebhookChannel({ nowMs: () => 1_710_000_000_000 });
    await channel.send(message({ format: 'dingtalk', secret: 'SECdemo', address: `${base}/robot/send?access_token=abc` }));
    const url = new URL(hits[0]!.url, base);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1710000000000');
    expect(url.searchParams.get('sign')).toBe(dingTalkSign('SECdemo', '1710000000000'));
    expect(JSON.parse(hits[0]!.body)).toEqual({ msgtype: 'text', text: { content: message({}).text } });
  });

  it('a robot error code is permanent, a rate-limit code and 5xx are retried, 4xx is permanent', async () => {
    const channel = new WebhookChannel();
    reply = { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' };
    await expect(channel.send(message({ format: 'dingtalk' }))).rejects.toBeInstanceOf(PermanentDeliveryError);
    reply = { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' };
    const limited = await channel.send(message({ format: 'wecom' })).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Error);
    expect(limited).not.toBeInstanceOf(PermanentDeliveryError);
    reply = { status: 503, body: 'busy' };
    const busy = await channel.send(message({ format: 'generic' })).catch((e: unknown) => e);
    expect(busy).not.toBeInstanceOf(PermanentDeliveryError);
    reply = { status: 404, body: 'no such hook' };
    await expect(channel.send(message({ format: 'generic' }))).rejects.toBeInstanceOf(PermanentDeliveryError);
    reply = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  });

  it('WeCom text is cut to the robot limit of 2048 bytes', async () => {
    hits.length = 0;
    await new WebhookChannel().send(message({ format: 'wecom', text: '督'.repeat(1000) }));
    const content = JSON.parse(hits[0]!.body).text.content as string;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(2048);
    expect(content.endsWith('…')).toBe(true);
  });

  it('respects 20 messages per minute per robot by waiting', async () => {
    let now = 0;
    const waits: number[] = [];
    const channel = new WebhookChannel({
      nowMs: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    hits.length = 0;
    for (let i = 0; i < 21; i++) await channel.send(message({ format: 'dingtalk', address: `${base}/robot/a` }));
    await channel.send(message({ format: 'dingtalk', address: `${base}/robot/b` })); // another robot: no wait
    expect(waits).toEqual([60_000]);
    expect(hits).toHaveLength(22);
    const limiter = new RobotRateLimiter(2, 1000);
    expect([limiter.reserve('r', 0), limiter.reserve('r', 0), limiter.reserve('r', 0), limiter.reserve('r', 500)]).toEqual([0, 0, 1000, 500]); // the 4th shares the 1000 ms slot with the 3rd: two in any window
  });
});
