import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { NotificationDelivery, DeadlineSweep } from '@duban/deadlines';
import { EmailChannel } from '@duban/notifications';
import { type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { type World } from '../support/world.js';
import { morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

interface Received {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** A real SMTP server in the test process, which can be down (port closed) and come back. */
class TestSmtp {
  readonly received: Received[] = [];
  private server: SMTPServer | null = null;
  constructor(readonly port: number) {}

  async up(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            this.received.push({ to: to?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '' });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('e-mail delivery over SMTP', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;
  let smtp: TestSmtp;
  let email: EmailChannel;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    smtp = new TestSmtp(await freePort());
    email = new EmailChannel({ host: '127.0.0.1', port: smtp.port, from: '督办系统 <duban@example.gov.cn>', connectionTimeoutMs: 2000 });
    await ds.query(
      `INSERT INTO user_channel_preferences (user_id, channel, enabled, address, updated_at) VALUES ($1, 'email', true, 'lead-a@example.gov.cn', now())`,
      [world.actors.leadA.userId],
    );
  }, 60_000);

  afterAll(async () => {
    email?.close();
    await smtp?.down();
    await closeEngineDatabase(ds, db);
  });

  async function task(heading: string, dueDate: string): Promise<string> {
    const { svc, actors, departments } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: `${heading}方案` });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading, deadline: dueDate }]);
    const [t] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
    return t.id;
  }

  it('two reminders of one morning reach the lead as one digest e-mail', async () => {
    await smtp.up();
    world.clock.set(morning('2024-03-01'));
    await task('完善校园安全制度', '2024-03-12'); // T-7 = 03-01
    await task('开展教师培训', '2024-03-12');
    const delivery = new NotificationDelivery(ds, { email });
    await new DeadlineSweep(ds).runOnce(world.clock.now());
    const r = await delivery.deliverDue(world.clock.now());
    expect(r).toMatchObject({ messages: 1, failed: 0, retrying: 0 });
    await waitFor(async () => smtp.received.length, (n) => n === 1, { what: 'the digest e-mail' });
    const [mail] = smtp.received;
    expect(mail!.to).toBe('lead-a@example.gov.cn');
    expect(mail!.subject).toBe('【督办日报】2024-03-01 共2条');
    // Items of one digest come in a fixed order: step time, deadline, then text.
    expect(mail!.text).toContain('1. 【督办提醒】州教育体育局：“完善校园安全制度”');
    expect(mail!.text).toContain('2. 【督办提醒】州教育体育局：“开展教师培训”');
    expect(mail!.messageId).toMatch(/@duban\.local>$/);
    await smtp.down();
  });

  it('the SMTP server down for a simulated hour: the message goes out when it returns, once', async () => {
    smtp.received.length = 0;
    world.clock.set(morning('2024-04-01'));
    const id = await task('报送一季度进展', '2024-04-11'); // T-7 = 04-01 (清明 04-04…06, 04-07 a make-up day)
    const delivery = new NotificationDelivery(ds, { email }, { retryBaseMs: 5 * 60_000 });
    await new DeadlineSweep(ds).runOnce(world.clock.now());
    let retries = 0;
    // An hour in 5-minute ticks with the server down: retried on the backoff schedule, never failed.
    for (let i = 0; i < 12; i++) {
      const r = await delivery.deliverDue(world.clock.now());
      retries += r.retrying;
      expect(r.failed).toBe(0);
      world.clock.advance(5 * 60_000);
    }
    expect(retries).toBeGreaterThanOrEqual(3);
    const pending = await ds.query(`SELECT state, attempts, last_error FROM notifications WHERE task_id = $1 AND channel = 'email'`, [id]);
    expect(pending[0].state).toBe('pending');
    expect(pending[0].last_error).toMatch(/ECONNREFUSED|connect/i);
    await smtp.up();
    for (let i = 0; i < 12 && smtp.received.length === 0; i++) {
      await delivery.deliverDue(world.clock.now());
      world.clock.advance(5 * 60_000);
    }
    // Later ticks find nothing left to send.
    for (let i = 0; i < 6; i++) {
      world.clock.advance(60 * 60_000);
      await delivery.deliverDue(world.clock.now());
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('【督办提醒】报送一季度进展');
    const sent = await ds.query(`SELECT state, attempts FROM notifications WHERE task_id = $1 AND channel = 'email'`, [id]);
    expect(sent[0]).toMatchObject({ state: 'sent' });
    expect(sent[0].attempts).toBe(retries + 1);
  }, 60_000);
});
