import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { shanghaiInstant } from '@duban/calendar';
import { CalendarRepository, DeadlineSweep, NotificationDelivery } from '@duban/deadlines';
import type { ChannelSender, OutgoingMessage } from '@duban/notifications';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildWorld, type World } from '../support/world.js';

export const SEEDS_CALENDAR = join(process.cwd(), 'seeds/calendar');

/** Loads the national holiday schedule into a test database. */
export async function loadCalendar(ds: DataSource): Promise<void> {
  await new CalendarRepository(ds).importDirectory(SEEDS_CALENDAR, new Date('2024-01-01T00:00:00Z'));
}

/** A channel that records what it was asked to send, and can be made to fail. */
export class RecordingChannel implements ChannelSender {
  readonly sent: OutgoingMessage[] = [];
  down = false;
  constructor(readonly channel: 'email' | 'webhook') {}
  async send(message: OutgoingMessage): Promise<void> {
    if (this.down) throw new Error('connection refused');
    this.sent.push(message);
  }
}

/** 09:30 Shanghai on a civil date: after the 09:00 send time of every step. */
export function morning(date: string): Date {
  return shanghaiInstant(date, 9, 30);
}

export function engine(ds: DataSource, senders: Partial<Record<'email' | 'webhook', ChannelSender>> = {}) {
  return { sweep: new DeadlineSweep(ds), delivery: new NotificationDelivery(ds, senders, { retryBaseMs: 10 * 60_000 }) };
}

export async function countBy(ds: DataSource, sql: string, params: unknown[] = []): Promise<Record<string, number>> {
  const rows: Array<{ k: string; n: number }> = await ds.query(sql, params);
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

/** What every engine spec starts from: its own database with the national calendar and a small world. */
export interface EngineDatabase {
  db: TestDatabase;
  ds: DataSource;
  world: World;
}

export async function openEngineDatabase(start: string): Promise<EngineDatabase> {
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  await loadCalendar(ds);
  return { db, ds, world: await buildWorld(ds, start) };
}

export async function closeEngineDatabase(ds: DataSource | undefined, db: TestDatabase | undefined): Promise<void> {
  await ds?.destroy();
  await db?.drop();
}
