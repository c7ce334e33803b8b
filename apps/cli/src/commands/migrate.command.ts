import pg from 'pg';
import { readEnv } from '@duban/config';
import { createDataSource } from '@duban/persistence';
import { CliError, withCliErrors } from './cli-errors.js';

/** Local shape of main.ts's CliCommand (importing it would run main.ts again). */
interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run duban -- migrate [--revert]';

/** Database names we are willing to create: plain identifiers, so no quoting surprises. */
const DB_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!DB_NAME.test(name)) {
    throw new CliError(`DATABASE_URL names the database "${name}": expected letters, digits and _ (e.g. .../duban)`);
  }
  return name;
}

/**
 * Creates the database DATABASE_URL points at when it does not exist yet, by connecting to the
 * server's `postgres` maintenance database. Returns true when it created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
      return true;
    } catch (err) {
      // Another process created it between our check and CREATE: that is what we wanted.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}

export interface MigrateOutcome {
  createdDatabase: boolean;
  /** Names of the migrations this call applied (or, with revert, undid). */
  applied: string[];
  reverted: string[];
}

/** Runs every pending migration in one transaction (or undoes the last one), creating the database first if needed. */
export async function migrateDatabase(databaseUrl: string, opts: { revert?: boolean } = {}): Promise<MigrateOutcome> {
  const createdDatabase = await ensureDatabase(databaseUrl);
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    if (opts.revert) {
      const before = await executedMigrations(ds);
      await ds.undoLastMigration({ transaction: 'all' });
      const after = new Set(await executedMigrations(ds));
      return { createdDatabase, applied: [], reverted: before.filter((m) => !after.has(m)) };
    }
    const applied = await ds.runMigrations({ transaction: 'all' });
    return { createdDatabase, applied: applied.map((m) => m.name), reverted: [] };
  } finally {
    await ds.destroy();
  }
}

async function executedMigrations(ds: ReturnType<typeof createDataSource>): Promise<string[]> {
  const exists: Array<{ t: string | null }> = await ds.query(`SELECT to_regclass('public.migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  const rows: Array<{ name: string }> = await ds.query('SELECT name FROM migrations ORDER BY id');
  return rows.map((r) => r.name);
}

/** Prints the URL without its password. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export const command: Command = {
  async run(args: string[]): Promise<number> {
    const unknown = args.filter((a) => a !== '--revert');
    if (unknown.length) {
      process.stderr.write(`unknown argument: ${unknown.join(' ')}\n${USAGE}\n`);
      return 2;
    }
    return withCliErrors('migrate', async () => {
      const { databaseUrl } = readEnv();
      const out = await migrateDatabase(databaseUrl, { revert: args.includes('--revert') });
      const where = redactUrl(databaseUrl);
      if (out.createdDatabase) process.stdout.write(`已创建数据库 ${where}\n`);
      if (args.includes('--revert')) {
        process.stdout.write(out.reverted.length ? `已回退迁移：${out.reverted.join(', ')}\n` : `没有可回退的迁移（${where}）\n`);
      } else {
        process.stdout.write(
          out.applied.length ? `已执行迁移：${out.applied.join(', ')}\n` : `数据库结构已是最新（${where}）\n`,
        );
      }
      return 0;
    });
  },
};
