import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadRegistryFile } from '@duban/registry';
import { demoDocuments } from '../../apps/cli/src/commands/demo-imports.js';
import { DEMO_MISASSIGNMENT, DEMO_START } from '../../apps/cli/src/commands/demo-scenario.js';
import { registryFile, samplePlanFile } from '../../apps/cli/src/commands/repo-paths.js';
import { actionItems, loadSamplePlan } from '../../apps/cli/src/commands/sample-plan.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL, deleteQueueKeys, testPrefix } from '../support/test-queues.js';

/**
 * `npm run demo -- --once` end to end: the real CLI process, which starts the real API and worker
 * processes, on a database and queue prefix of its own.
 */
const plan = loadSamplePlan(samplePlanFile('chuxiong'), loadRegistryFile(registryFile('chuxiong')));
const expectedTasks = actionItems(plan).reduce((n, i) => n + 1 + (i.support?.length ?? 0), 0) + 1; // + the deliberate slip
const documents = demoDocuments();
/** The walked sample plans (an imported document may be published as a plan of its own). */
const WALKED = `(title = '${plan.title.replace(/'/g, "''")}' OR starts_with(title, '${plan.title.replace(/'/g, "''")}（演示第'))`;

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

const prefixes: string[] = [];

/** A private queue prefix for one demo run, removed with its keys after the file. */
function demoPrefix(): string {
  const p = testPrefix();
  prefixes.push(p);
  return p;
}

afterAll(async () => {
  await client?.end();
  await db?.drop();
  for (const p of prefixes) await deleteQueueKeys(p);
}, 30_000);

describe('npm run demo -- --once', () => {
  let first: { code: number | null; stdout: string; stderr: string };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    first = await runDemo(port, demoPrefix());
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
    const [p] = await rows<{ id: string; n: number; created_at: Date }>(
      `SELECT p.id, p.created_at, (SELECT count(*)::int FROM tasks t WHERE t.plan_id = p.id) AS n FROM plans p WHERE ${WALKED}`,
    );
    expect(p.n).toBe(expectedTasks);
    // Created on the walk's simulated clock, like every step after it.
    expect(p.created_at.toISOString()).toBe(new Date(DEMO_START).toISOString());
    const statuses = (await rows<{ status: string }>('SELECT DISTINCT status FROM tasks WHERE plan_id = $1', [p.id])).map((r) => r.status).sort();
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

  it('imported each seed document into a draft of its jurisdiction and printed its line with the draft’s real numbers', async () => {
    const out = first.stdout;
    expect(out).toContain(`【计划文件导入】${documents.length} 份`);
    const drafts = await rows<{ file_name: string; code: string; status: string; items: number; proposed: number; title: string | null }>(
      `SELECT d.file_name, j.code, d.status, d.title,
              (SELECT count(*)::int FROM draft_items i WHERE i.draft_id = d.id) AS items,
              (SELECT count(*)::int FROM draft_assignments a WHERE a.draft_id = d.id AND a.department_id IS NOT NULL) AS proposed
         FROM draft_plans d JOIN departments j ON j.id = d.jurisdiction_id ORDER BY d.file_name`,
    );
    expect(drafts.map((d) => d.file_name)).toEqual(documents);
    for (const d of drafts) {
      expect(d.code).toBe(d.file_name.split('-')[0]);
      expect(d.items).toBeGreaterThan(0);
      const line = out.split('\n').find((l) => l.startsWith(`${d.file_name}：`));
      expect(line).toBeDefined();
      expect(line).toContain(`条目 ${d.items} 个`);
      expect(line).toContain(`拟交办任务 ${d.proposed} 项`);
      expect(line).toMatch(/需处理问题 \d+ 个，提示 \d+ 个/);
      // Published drafts became plans; the others wait for review with their first problem named.
      const next = out.split('\n')[out.split('\n').indexOf(line!) + 1];
      if (d.status === 'published') expect(next).toMatch(/^ {2}→ 已发布：计划 [0-9a-f-]{36}，交办任务 \d+ 项$/);
      else expect(next).toMatch(/^ {2}→ 待督查室审核后发布：\S/);
    }
    const chuxiong = drafts.find((d) => d.code === 'chuxiong')!;
    expect(chuxiong.items).toBeGreaterThan(20);
    const published = drafts.filter((d) => d.status === 'published').length;
    expect(out).toContain(`已发布 ${published} 份，待督查室审核 ${drafts.length - published} 份，此前已导入 0 份`);
  });

  it('ran the deadline engine day by day under the walk and printed the months with the recorded steps', async () => {
    const out = first.stdout;
    expect(out).toMatch(/【期限引擎模拟】2023-10-16 至 2025-01-31.*474 个模拟日/);
    const steps = await rows<{ month: string; reminders: number; urge: number; supervise: number; escalate: number }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              count(*) FILTER (WHERE rule = 'reminder')::int AS reminders,
              count(*) FILTER (WHERE action = 'urge')::int AS urge,
              count(*) FILTER (WHERE action = 'supervise')::int AS supervise,
              count(*) FILTER (WHERE action = 'escalate')::int AS escalate
         FROM escalation_steps WHERE state = 'recorded' AND recorded_at < '2025-02-01' GROUP BY 1 ORDER BY 1`,
    );
    const reminderMonths = steps.filter((m) => m.reminders > 0);
    expect(reminderMonths.length).toBeGreaterThan(0);
    for (const m of steps) {
      expect(out).toMatch(new RegExp(`^${m.month}  提醒 ${m.reminders}  报送提醒 \\d+  催办 ${m.urge}  督办 ${m.supervise}  升级 ${m.escalate}  .*日报 \\d+$`, 'm'));
    }
    const total = (f: (m: (typeof steps)[number]) => number) => steps.reduce((a, m) => a + f(m), 0);
    expect(total((m) => m.urge)).toBeGreaterThan(0);
    expect(out).toContain(`合计  提醒 ${total((m) => m.reminders)}  催办/督办/升级 ${total((m) => m.urge)}/${total((m) => m.supervise)}/${total((m) => m.escalate)}`);
  });

  it('ends with the simulated year’s scores table: ranks per peer group, each department’s real score', async () => {
    const out = first.stdout;
    const tail = out.slice(out.indexOf('【2024 年度考核得分】'));
    expect(out.indexOf('【2024 年度考核得分】')).toBeGreaterThan(out.indexOf('【期限引擎模拟】'));
    expect(tail).toMatch(/2024年度考核 {2}方案：.*未定稿 {2}截至2024-12-31/);
    const scores = await rows<{ name: string; score: string; peer_group_id: string; deducted: string }>(
      `SELECT d.name, s.score, s.peer_group_id, s.deducted FROM department_scores s
         JOIN assessments a ON a.id = s.assessment_id JOIN departments d ON d.id = s.department_id
        WHERE a.year = 2024`,
    );
    expect(scores.length).toBeGreaterThan(0);
    const groups = new Set(scores.map((s) => s.peer_group_id));
    expect(tail.match(/^名次 {2}得分 {5}等次 {2}单位 {2}主要扣分$/gm)).toHaveLength(groups.size);
    expect(tail.match(/^ {3}1 +\d+\.\d{2} {2}\S+/gm)).toHaveLength(groups.size);
    for (const s of scores) expect(tail).toMatch(new RegExp(`^ +\\d+ +${esc(Number(s.score).toFixed(2))}  \\S+\\s+${esc(s.name)}  `, 'm'));
    const penalised = scores.filter((s) => Number(s.deducted) > 0);
    expect(penalised.length).toBeGreaterThan(0);
    for (const s of penalised) expect(tail).toMatch(new RegExp(`${esc(s.name)}  \\S+-\\d`));
  });

  it('stopped the API when it exited', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('runs again on the same database: seeds are reused and a second, uniquely named plan is walked', async () => {
    const again = await runDemo(await freePort(), demoPrefix());
    if (again.code !== 0) throw new Error(`second demo exited ${again.code}\nstdout:\n${again.stdout}\nstderr:\n${again.stderr}`);
    expect(again.stdout).toContain('单位：新增 0 个');
    expect(again.stdout).toContain('用户：新增 0 个');
    const plans = await rows<{ title: string }>(`SELECT title FROM plans WHERE ${WALKED} ORDER BY created_at`);
    expect(plans).toHaveLength(2);
    expect(plans[1].title).toBe(`${plan.title}（演示第2轮）`);
    expect(again.stdout).toContain(`审计链校验：${expectedTasks}/${expectedTasks}`);
    for (const file of documents) expect(again.stdout).toContain(`${file}：已导入（内容哈希相同）`);
    expect(again.stdout).toContain(`此前已导入 ${documents.length} 份`);
    const [drafts] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM draft_plans');
    expect(drafts.n).toBe(documents.length);
    expect(again.stdout).toContain('【2024 年度考核得分】');
  }, 240_000);
});
