import type { DataSource } from 'typeorm';

/**
 * BullMQ job ids are `task-event-<outbox id>`, and a fresh database numbers its outbox from 1. Jobs
 * are retained a day after completion to deduplicate re-publishes, so a database created after
 * another one was used with the same Redis and queue prefix would have its first events taken for
 * those old jobs and silently dropped. Until job ids carry an installation id, a database whose
 * outbox has never been used starts numbering at a random point far from any other.
 * Returns the new starting id, or null when the outbox was already in use (nothing changed).
 */
export async function spreadFreshOutboxIds(ds: DataSource): Promise<string | null> {
  return ds.transaction(async (m) => {
    await m.query('LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE');
    const [seq]: Array<{ name: string | null }> = await m.query(`SELECT pg_get_serial_sequence('outbox', 'id') AS name`);
    if (!seq?.name) return null;
    const [state]: Array<{ is_called: boolean }> = await m.query(`SELECT is_called FROM ${seq.name}`);
    const [rows]: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM outbox');
    if (state.is_called || rows.n > 0) return null;
    const start = (1_000_000_000n + BigInt(Math.floor(Math.random() * 1_000_000_000)) * 1_000n).toString();
    await m.query(`ALTER TABLE outbox ALTER COLUMN id RESTART WITH ${start}`);
    return start;
  });
}
