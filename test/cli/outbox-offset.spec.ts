import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { spreadFreshOutboxIds } from '../../apps/cli/src/commands/outbox-offset.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
}, 30_000);

describe('spreadFreshOutboxIds', () => {
  it('moves an unused outbox far from 1, once; a used one is left alone', async () => {
    const start = await spreadFreshOutboxIds(ds);
    expect(start).not.toBeNull();
    expect(BigInt(start!)).toBeGreaterThanOrEqual(1_000_000_000n);
    const [row]: Array<{ id: string }> = await ds.query(
      `INSERT INTO outbox (topic, payload, created_at) VALUES ('task-event', '{}', now()) RETURNING id::text AS id`,
    );
    expect(row.id).toBe(start);
    expect(await spreadFreshOutboxIds(ds)).toBeNull();
    const [next]: Array<{ id: string }> = await ds.query(
      `INSERT INTO outbox (topic, payload, created_at) VALUES ('task-event', '{}', now()) RETURNING id::text AS id`,
    );
    expect(BigInt(next.id)).toBe(BigInt(start!) + 1n);
  });
});
