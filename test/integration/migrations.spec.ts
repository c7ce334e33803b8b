import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'all' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('leave nothing for the entities to change (an entity changed without a migration fails here)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert cleanly, every one of them, and apply again', async () => {
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'all' });
    const tables = await ds.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables[0].n).toBe(0);
    await ds.runMigrations({ transaction: 'all' });
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
