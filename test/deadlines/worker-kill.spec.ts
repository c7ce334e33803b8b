import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';
import { type World } from '../support/world.js';
import { countBy, morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

const TASKS = 3000;
const BATCH = 200;

function child(dbUrl: string, now: Date): { proc: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', './scripts/register.mjs', 'test/deadlines/sweep-child.ts', dbUrl, now.toISOString(), String(BATCH)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, lines, exited };
}

/**
 * A worker SIGKILLed in the middle of a sweep: each batch is one transaction, so what it committed
 * stays (whole batches), what it was doing rolls back with its connection, and the next worker
 * does the rest. Stated bound: sweep work resumes at the next tick (no lease to wait for);
 * deliveries a dead worker had claimed resume when their lease ends (30 s in the worker).
 */
describe('a worker killed with SIGKILL mid-batch', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    const plan = await world.svc.plans.create(world.actors.coordinator, { title: '批量任务' });
    await ds.query(
      `INSERT INTO plan_items (plan_id, path, kind, heading, deadline, position)
       SELECT $1, 'i' || g, 'task', '批量事项' || g, '2024-03-20', g FROM generate_series(1, $2) g`,
      [plan.id, TASKS],
    );
    await ds.query(
      `INSERT INTO tasks (plan_id, plan_item_id, department_id, role, status, original_due_date, due_date, assigned_at, next_action_at)
       SELECT $1, id, $2, 'lead', 'assigned', '2024-03-20', '2024-03-20', '2024-03-01T01:00:00Z', '2024-03-01T01:00:00Z'
         FROM plan_items WHERE plan_id = $1`,
      [plan.id, world.departments.deptA],
    );
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  it('loses nothing, doubles nothing, and the next worker finishes the work', async () => {
    const now = morning('2024-03-11'); // T-7 of 03-20 for all 3000 tasks
    const first = child(db.url, now);
    await waitFor(async () => first.lines.some((l) => l.startsWith('batch')), (seen) => seen, {
      timeoutMs: 60_000,
      intervalMs: 5,
      what: 'the child to commit its first batch',
    });
    first.proc.kill('SIGKILL');
    await first.exited;
    const afterKill = Number((await ds.query(`SELECT count(*) AS n FROM escalation_steps`))[0].n);
    // Only whole batches committed; the one in flight rolled back.
    expect(afterKill % BATCH).toBe(0);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(TASKS);

    const restartedAt = Date.now();
    const second = child(db.url, new Date(now.getTime() + 31_000)); // the next tick, past any delivery lease
    expect(await second.exited).toBe(0);
    const resumeMs = Date.now() - restartedAt;
    expect(resumeMs).toBeLessThan(30_000);

    expect(await countBy(ds, `SELECT step || ':' || state AS k, count(*) AS n FROM escalation_steps GROUP BY 1`)).toEqual({ 'T-7:recorded': TASKS });
    // Two users in department A, in-app each: every notification once, all delivered.
    expect(await countBy(ds, `SELECT state AS k, count(*) AS n FROM notifications GROUP BY state`)).toEqual({ sent: 2 * TASKS });
    const doubled = await ds.query(`SELECT task_id, user_id FROM notifications GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    const stillDue = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE next_action_at <= $1`, [now]);
    expect(stillDue[0].n).toBe(0);
  }, 120_000);
});
