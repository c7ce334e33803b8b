import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '@duban/persistence';
import { ensureDatabase, migrateDatabase } from '../../apps/cli/src/commands/migrate.command.js';

const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The duban_t_<epoch>_ prefix lets test-database.ts sweep it up if this run dies.
const name = `duban_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
const url = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function query<T extends pg.QueryResultRow>(connection: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: connection });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const migrationNames = () => MIGRATIONS.map((m) => (new (m as new () => { name: string })()).name);

afterAll(async () => {
  await query(ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}, 30_000);

describe('migrate', () => {
  it('creates a missing database and applies every migration, then has nothing left to do', async () => {
    const first = await migrateDatabase(url);
    expect(first.createdDatabase).toBe(true);
    expect(first.applied).toEqual(migrationNames());
    const tables = await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(['departments', 'users', 'tasks', 'task_events', 'outbox', 'inbox_entries']));

    const second = await migrateDatabase(url);
    expect(second).toEqual({ createdDatabase: false, applied: [], reverted: [] });
  }, 60_000);

  it('--revert undoes only the last migration, and migrating again re-applies it', async () => {
    const names = migrationNames();
    const reverted = await migrateDatabase(url, { revert: true });
    expect(reverted.reverted).toEqual([names[names.length - 1]]);
    const left = await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id');
    expect(left.map((r) => r.name)).toEqual(names.slice(0, -1));

    const again = await migrateDatabase(url);
    expect(again.applied).toEqual([names[names.length - 1]]);
  }, 60_000);

  it('refuses a database name it would have to quote', async () => {
    await expect(ensureDatabase('postgres://postgres@127.0.0.1:5432/bad"name')).rejects.toThrow(/DATABASE_URL names the database/);
  });
});
