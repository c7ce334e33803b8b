import { SystemClock } from '@duban/clock';
import { readEnv } from '@duban/config';
import { createDataSource } from '@duban/persistence';
import { loadRegistryFile } from '@duban/registry';
import { assertRedisAnswers, CliError, withCliErrors } from './cli-errors.js';
import { AppProcess, assertPortFree, waitForHealth } from './demo-children.js';
import { collectRows, inboxProgress, renderLogins, renderTaskTable, summarize } from './demo-report.js';
import { DEMO_END, DEMO_START, demoScenario } from './demo-scenario.js';
import { walkDemo } from './demo-walk.js';
import { demoDocuments, importDemoDocument, renderImport, type DemoImportOutcome } from './demo-imports.js';
import { scoreYear, simulateYear, simulationTotals, simulationWindow, type SimulatedYear } from './demo-year.js';
import { formatScoreTable } from './scores.command.js';
import { line as simulationMonthLine } from './simulate.command.js';
import { migrateDatabase, redactUrl } from './migrate.command.js';
import { registryFile, samplePlanFile } from './repo-paths.js';
import { loadSamplePlan } from './sample-plan.js';
import { DEMO_PASSWORD, seedFromFiles, seedSummary } from './seed.command.js';

interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run demo [-- --once]';
const JURISDICTION = 'chuxiong';
const READY_TIMEOUT_MS = 90_000;
const INBOX_TIMEOUT_MS = 90_000;

const say = (s = '') => process.stdout.write(`${s}\n`);
const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Waits until the worker has relayed every outbox row of the plan and the inbox consumer applied every event. */
async function waitForInbox(ds: ReturnType<typeof createDataSource>, planId: string, worker: AppProcess): Promise<number> {
  const started = Date.now();
  for (;;) {
    const p = await inboxProgress(ds, planId);
    if (p.consumed === p.events) return Date.now() - started;
    if (!worker.running) throw new CliError(`the worker exited while events were pending:\n${worker.logTail()}`);
    if (Date.now() - started > INBOX_TIMEOUT_MS) {
      throw new CliError(
        `the worker applied ${p.consumed}/${p.events} events to the inbox within ${INBOX_TIMEOUT_MS / 1000} s ` +
          `(${p.unpublished} outbox rows not relayed yet):\n${worker.logTail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function waitForSignal(children: AppProcess[]): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (sig: string) => resolve(sig);
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    for (const c of children) void c.exited.then((code) => resolve(`${c.name} exited (${code})`));
  });
}

/**
 * `npm run demo`: migrate, seed, start the API and the worker, create the sample plan and walk its
 * tasks through the lifecycle as the real actors, then print what happened. `--once` stops there.
 */
export const command: Command = {
  async run(args: string[]): Promise<number> {
    const unknown = args.filter((a) => a !== '--once');
    if (unknown.length) {
      process.stderr.write(`unknown argument: ${unknown.join(' ')}\n${USAGE}\n`);
      return 2;
    }
    return withCliErrors('demo', () => runDemo(args.includes('--once')));
  },
};

async function runDemo(once: boolean): Promise<number> {
  const env = readEnv();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new CliError(`PORT must be a port number, got "${process.env.PORT}"`);
  const baseUrl = `http://127.0.0.1:${port}`;

  say(`督办 duban 演示 — 数据库 ${redactUrl(env.databaseUrl)}，Redis ${redactUrl(env.redisUrl)}`);
  await assertRedisAnswers(env.redisUrl);
  const migrated = await migrateDatabase(env.databaseUrl);
  say(migrated.applied.length ? `已执行迁移：${migrated.applied.join(', ')}` : '数据库结构已是最新');

  const registry = loadRegistryFile(registryFile(JURISDICTION));
  const plan = loadSamplePlan(samplePlanFile(JURISDICTION), registry);
  const ds = createDataSource(env.databaseUrl);
  await ds.initialize();
  const children: AppProcess[] = [];
  try {
    const seeded = await seedFromFiles(ds, JURISDICTION);
    say(seedSummary(seeded));

    await assertPortFree(port);
    const childEnv = { ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, PORT: String(port) };
    const api = new AppProcess('api', childEnv);
    children.push(api);
    say(`已启动 API（pid ${api.pid}）`);

    const coordinator = seeded.logins.find((l) => l.role === 'coordinator')!;
    say(`以督查室 ${coordinator.username} 创建计划并交办，再由各单位和督查室按模拟时间办理（${shanghaiDay(DEMO_START)} 至 ${shanghaiDay(DEMO_END)}）…`);
    // The deadline engine runs day by day under the walk: each simulated day's steps are played,
    // then that day's sweep, so reminders and escalations see every task as it stood that day.
    const year = Number(shanghaiDay(DEMO_END).slice(0, 4));
    const window = simulationWindow(shanghaiDay(DEMO_START), year);
    let simulated: SimulatedYear | undefined;
    const walked = await walkDemo(
      ds,
      { plan, departmentIds: seeded.departmentIds, coordinatorUsername: coordinator.username, steps: demoScenario(plan) },
      async (play) => {
        simulated = await simulateYear(ds, window, play);
      },
    );
    say(`计划：${walked.title}（${walked.planId}），交办 ${walked.tasks.size} 个任务，办理 ${walked.steps} 步；期限引擎同步模拟 ${window.from} 至 ${window.to}`);
    // Scored before the imports: documents published now are assigned today, not in the simulated year.
    const scores = await scoreYear(ds, year, JURISDICTION);

    const documents = demoDocuments();
    say(`导入 seeds/plans/documents 中的 ${documents.length} 份计划文件…`);
    const imports: DemoImportOutcome[] = [];
    // Published like `plan import --publish`: tasks are assigned now (system time), after the simulated timeline.
    for (const file of documents) imports.push(await importDemoDocument(ds, new SystemClock(), file));

    // The worker starts only now: its every-minute sweep runs on system time, and had it swept the
    // walked tasks during the simulation, their reminders would have been recorded in the present.
    const worker = new AppProcess('worker', childEnv);
    children.push(worker);
    say(`已启动 worker（pid ${worker.pid}）`);
    await worker.waitForLog(/worker running/, READY_TIMEOUT_MS);
    let waited = 0;
    for (const planId of [walked.planId, ...imports.flatMap((o) => (o.kind === 'published' ? [o.planId] : []))]) {
      waited += await waitForInbox(ds, planId, worker);
    }
    say(`worker 已把全部事件经 outbox → BullMQ 投递到各单位待办（等待 ${(waited / 1000).toFixed(1)} 秒）`);
    await waitForHealth(api, baseUrl, READY_TIMEOUT_MS);

    const rows = await collectRows(ds, walked.planId, [...walked.tasks.values()]);
    say();
    say(renderTaskTable(rows));
    say();
    for (const line of summarize(rows)) say(line);
    say();
    const existing = seeded.logins.filter((l) => !l.created).length;
    say(`演示账号（密码均为 ${DEMO_PASSWORD}${existing ? `；其中 ${existing} 个此前已存在，密码未改动` : ''}）：`);
    say(renderLogins(seeded.logins));
    say();
    say(`API：${baseUrl}/api   接口文档：${baseUrl}/api/docs   健康检查：${baseUrl}/health`);
    say(`登录示例：curl -s -X POST ${baseUrl}/api/auth/login -H 'content-type: application/json' -d '{"username":"${JURISDICTION}.edu.lead","password":"${DEMO_PASSWORD}"}'`);
    say(`注：上面的办理过程使用模拟时间（${shanghaiDay(DEMO_START)} 至 ${shanghaiDay(DEMO_END)}）；API 使用系统时间，此后通过 API 的操作按当前时间记录。`);

    say();
    say(`【计划文件导入】${imports.length} 份（解析 → 草稿 → 无待处理问题的直接发布）`);
    for (const o of imports) for (const l of renderImport(o)) say(l);
    const published = imports.filter((o) => o.kind === 'published').length;
    const review = imports.filter((o) => o.kind === 'review').length;
    say(`已发布 ${published} 份，待督查室审核 ${review} 份，此前已导入 ${imports.length - published - review} 份`);

    say();
    const sim = simulated!;
    say(`【期限引擎模拟】${sim.from} 至 ${sim.to}（与上面的办理过程同步，每个模拟日一次巡检；含次年1月：年末到期任务的逾期升级在此月发生），${sim.ticks} 个模拟日，用时 ${sim.seconds.toFixed(1)} 秒`);
    if (walked.title !== plan.title) say('（数据库中还有此前各轮演示的计划，下列数字包括它们的记录）');
    for (const m of sim.months) say(simulationMonthLine(m));
    const t = simulationTotals(sim.months);
    say(`合计  提醒 ${t.reminders}  催办/督办/升级 ${t.urge}/${t.supervise}/${t.escalate}  日报 ${t.digests}`);

    say();
    say(`【${year} 年度考核得分】`);
    say(formatScoreTable(scores));
    if (once) return 0;

    say('API 和 worker 保持运行，按 Ctrl-C 退出。');
    for (const c of children) c.streamLogs();
    const why = await waitForSignal(children);
    say(`\n${why.startsWith('SIG') ? `收到 ${why}` : why}，正在停止 API 和 worker…`);
    return why.startsWith('SIG') ? 0 : 1;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await ds.destroy();
  }
}
