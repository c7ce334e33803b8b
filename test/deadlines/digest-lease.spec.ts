import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { NotificationDelivery } from '@duban/deadlines';
import type { ChannelSender, OutgoingMessage } from '@duban/notifications';
import { type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { type World } from '../support/world.js';
import { RecordingChannel, countBy, engine, morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/** A webhook whose send waits until the test lets it go: a delivery caught mid-send. */
class HeldChannel implements ChannelSender {
  readonly channel = 'webhook' as const;
  readonly sent: OutgoingMessage[] = [];
  entered = 0;
  private release!: () => void;
  private readonly released = new Promise<void>((r) => (this.release = r));
  async send(m: OutgoingMessage): Promise<void> {
    this.entered++;
    await this.released;
    this.sent.push(m);
  }
  letGo(): void {
    this.release();
  }
}

/**
 * A delivery leases a whole digest (one notification_claims row) while it sends it: a duplicate
 * job meanwhile gets nothing, a dead worker's lease expires and the digest is taken over, and
 * the notifications are written once, with their outcome.
 */
describe('digest leases', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    await ds.query(
      `INSERT INTO user_channel_preferences (user_id, channel, enabled, address, format, updated_at) VALUES ($1, 'webhook', true, 'http://hook.invalid/a', 'generic', now())`,
      [world.actors.leadA.userId],
    );
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  /** A task whose T-7 reminder is recorded now; returns its pending webhook digest key. */
  async function reminded(heading: string, day: string, dueDate: string): Promise<{ taskId: string; digestKey: string }> {
    const { svc, actors, departments, clock } = world;
    clock.set(morning(day));
    const plan = await svc.plans.create(actors.coordinator, { title: `${heading}方案` });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading, deadline: dueDate }]);
    const [t] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptA });
    await engine(ds).sweep.runOnce(clock.now());
    const rows: Array<{ digest_key: string }> = await ds.query(`SELECT digest_key FROM notifications WHERE task_id = $1 AND channel = 'webhook' AND state = 'pending'`, [t.id]);
    expect(rows).toHaveLength(1);
    return { taskId: t.id, digestKey: rows[0]!.digest_key };
  }

  it('a duplicate job while the digest is being sent gets nothing; the message goes out once', async () => {
    const { taskId, digestKey } = await reminded('租约事项', '2024-03-11', '2024-03-20'); // T-7 of 03-20 is 03-11
    const now = world.clock.now();
    const held = new HeldChannel();
    const first = new NotificationDelivery(ds, { webhook: held }).deliverDigests([digestKey], now);
    await waitFor(async () => held.entered, (n) => n === 1, { what: 'the first delivery to reach the send' });
    const duplicate = new RecordingChannel('webhook');
    expect(await new NotificationDelivery(ds, { webhook: duplicate }).deliverDigests([digestKey, digestKey], now)).toMatchObject({ sent: 0, messages: 0 });
    held.letGo();
    expect(await first).toMatchObject({ sent: 1, messages: 1 });
    expect(duplicate.sent).toHaveLength(0);
    expect(held.sent).toHaveLength(1);
    const rows = await ds.query(`SELECT state, attempts FROM notifications WHERE task_id = $1 AND channel = 'webhook'`, [taskId]);
    expect(rows).toEqual([{ state: 'sent', attempts: 1 }]);
    expect(await countBy(ds, `SELECT 'claims' AS k, count(*) AS n FROM notification_claims`)).toEqual({ claims: 0 });
  });

  it("a live lease of a dead worker holds the digest until it expires; then the next delivery takes it over", async () => {
    const { taskId, digestKey } = await reminded('接管事项', '2024-04-08', '2024-04-17'); // T-7 of 04-17 (清明 04-04..06, 04-07 make-up day) is 04-08
    const now = world.clock.now();
    await ds.query(`INSERT INTO notification_claims (digest_key, claimed_until) VALUES ($1, $2)`, [digestKey, new Date(now.getTime() + 30_000)]);
    const channel = new RecordingChannel('webhook');
    const delivery = new NotificationDelivery(ds, { webhook: channel });
    expect(await delivery.deliverDue(now)).toMatchObject({ sent: 0 });
    expect(channel.sent).toHaveLength(0);
    expect(await delivery.deliverDue(new Date(now.getTime() + 31_000))).toMatchObject({ sent: 1, messages: 1 });
    expect(channel.sent).toHaveLength(1);
    const rows = await ds.query(`SELECT state FROM notifications WHERE task_id = $1 AND channel = 'webhook'`, [taskId]);
    expect(rows).toEqual([{ state: 'sent' }]);
    expect(await countBy(ds, `SELECT 'claims' AS k, count(*) AS n FROM notification_claims`)).toEqual({ claims: 0 });
  });
});
