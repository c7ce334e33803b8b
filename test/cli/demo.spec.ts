import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadRegistryFile } from '@duban/registry';
import { DEMO_MISASSIGNMENT } from '../../apps/cli/src/commands/demo-scenario.js';
import { registryFile, samplePlanFile } from '../../apps/cli/src/commands/repo-paths.js';
import { actionItems, loadSamplePlan } from '../../apps/cli/src/commands/sample-plan.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL, testPrefix } from '../support/test-queues.js';

/**
 * `npm run demo -- --once` end to end: the real CLI process, which starts the real API and worker
 * processes, on a database and queue prefix of its own.
 */
const plan = loadSamplePlan(samplePlanFile('chuxiong'), loadRegistryFile(registryFile('chuxiong')));
const expectedTasks = actionItems(plan).reduce((n, i) => n + 1 + (i.support?.length ?? 0), 0) + 1; // + the deliberate slip

let db: TestDatabase;
let client: pg.Client;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function runDemo(port: number, prefix: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', './scripts/register.mjs', 'apps/cli/src/main.ts', 'demo', '--once'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, PORT: String(port), QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await db?.drop();
}, 30_000);

describe('npm run demo -- --once', () => {
  let first: { code: number | null; stdout: string; stderr: string };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    first = await runDemo(port, testPrefix());
  }, 240_000);

  it('exits 0 and prints the lifecycle table, the logins and the API URL', () => {
    if (first.code !== 0) throw new Error(`demo exited ${first.code}\nstdout:\n${first.stdout}\nstderr:\n${first.stderr}`);
    const out = first.stdout;
    expect(out).toMatch(/条目\s+任务\s+承办单位\s+角色\s+状态\s+期限\s+事件\s+待办/);
    expect(out).toContain('交办→签收→进展→报结→退回→进展→报结→办结');
    expect(out).toContain('交办→退交→改派→签收');
    expect(out).toContain('2024-06-30(原2023-12-31)');
    expect(out).toContain(`审计链校验：${expectedTasks}/${expectedTasks}`);
    expect(out).toContain(`待办：${expectedTasks}/${expectedTasks}`);
    expect(out).toContain('chuxiong.coordinator');
    expect(out).toContain('chuxiong.edu.lead');
    expect(out).toContain(`http://127.0.0.1:${port}/api`);
  });

  it('created the plan through the use-cases and left tasks at every stage of the lifecycle', async () => {
    const [p] = await rows<{ id: string; n: number }>(
      `SELECT p.id, (SELECT count(*)::int FROM tasks t WHERE t.plan_id = p.id) AS n FROM plans p`,
    );
    expect(p.n).toBe(expectedTasks);
    const statuses = (await rows<{ status: string }>('SELECT DISTINCT status FROM tasks')).map((r) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'assigned', 'completed', 'in_progress', 'submitted']);
    const extended = await rows('SELECT 1 FROM tasks WHERE due_date <> original_due_date');
    expect(extended).toHaveLength(1);
    const evidence = await rows<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE progress_report_id IS NOT NULL');
    expect(evidence[0].n).toBeGreaterThan(0);
  });

  it('the reassigned task belongs to the new department, and only its 待办 lists it as open', async () => {
    const [t] = await rows<{ id: string; code: string }>(
      `SELECT t.id, d.code FROM tasks t JOIN departments d ON d.id = t.department_id
        WHERE EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'TaskReassigned')`,
    );
    expect(t.code).toBe(DEMO_MISASSIGNMENT.reassignTo);
    // The projector reloads the task, so the old department either never got an entry (events applied
    // after the reassignment) or had it closed; either way it is not open there.
    const open = await rows<{ code: string }>(
      `SELECT d.code FROM inbox_entries b JOIN departments d ON d.id = b.department_id WHERE b.task_id = $1 AND b.active`,
      [t.id],
    );
    expect(open.map((r) => r.code)).toEqual([DEMO_MISASSIGNMENT.reassignTo]);
  });

  it('the worker brought every department’s 待办 up to the latest event of each task', async () => {
    const stale = await rows(
      `SELECT t.id FROM tasks t LEFT JOIN inbox_entries b ON b.task_id = t.id AND b.department_id = t.department_id
        WHERE b.id IS NULL OR b.last_event_seq <> t.last_event_seq`,
    );
    expect(stale).toEqual([]);
    const [unpublished] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    expect(unpublished.n).toBe(0);
  });

  it('stopped the API when it exited', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('runs again on the same database: seeds are reused and a second, uniquely named plan is walked', async () => {
    const again = await runDemo(await freePort(), testPrefix());
    if (again.code !== 0) throw new Error(`second demo exited ${again.code}\nstdout:\n${again.stdout}\nstderr:\n${again.stderr}`);
    expect(again.stdout).toContain('单位：新增 0 个');
    expect(again.stdout).toContain('用户：新增 0 个');
    const plans = await rows<{ title: string }>('SELECT title FROM plans ORDER BY created_at');
    expect(plans).toHaveLength(2);
    expect(plans[1].title).toBe(`${plan.title}（演示第2轮）`);
    expect(again.stdout).toContain(`审计链校验：${expectedTasks}/${expectedTasks}`);
  }, 240_000);
});
