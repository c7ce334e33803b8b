import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AssessmentService, ScoreRecomputeUseCase, SchemeVersionService, createScoringCalendar } from '@duban/assessment';
import { FixedClock } from '@duban/clock';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { seedScheme } from '../assessment/assessment-world.js';
import { median, printResult, type BenchOptions } from './bench-result.js';

/**
 * `rollup`: a full recompute of one assessment year at `--size` tasks (default 1,000,000) against a
 * bare SQL GROUP BY over the same rows (tasks joined with their scoring events, counted per
 * department) in the same run. The recompute is timed twice per run: cold (no stored scores) and
 * warm (rows in place: same numbers). It reduces the tasks to fact classes in SQL and stores one
 * score row per department; ledgers are produced on read, so no line is written either way.
 * Options: --departments N (default 500), --runs N (default 3).
 */
const YEAR = 2024;

export async function generate(ds: DataSource, size: number, departments: number): Promise<{ rootId: string }> {
  const [root] = await ds.query(
    `INSERT INTO departments (code, name, kind, path) VALUES ('bench', '基准市人民政府', 'government', '/') RETURNING id`,
  );
  await ds.query(`UPDATE departments SET path = '/' || id || '/' WHERE id = $1`, [root.id]);
  await ds.query(
    `INSERT INTO departments (code, name, kind, parent_id, path)
     SELECT 'bench.' || g, '基准单位' || g, CASE WHEN g % 5 = 0 THEN 'county' ELSE 'bureau' END, $1::uuid, '/' || $1::text || '/'
       FROM generate_series(1, $2) AS g`,
    [root.id, departments],
  );
  await ds.query(`UPDATE departments SET path = path || id || '/' WHERE parent_id = $1`, [root.id]);
  const [user] = await ds.query(
    `INSERT INTO users (username, display_name, password_hash, role, department_id, jurisdiction_id)
     VALUES ('bench', 'bench', 'x', 'coordinator', $1, $1) RETURNING id`,
    [root.id],
  );
  const [plan] = await ds.query(`INSERT INTO plans (title, jurisdiction_id, created_by) VALUES ('基准计划', $1, $2) RETURNING id`, [root.id, user.id]);
  const items = Math.ceil(size / departments);
  await ds.query(
    `INSERT INTO plan_items (plan_id, path, kind, heading, text, deadline, position)
     SELECT $1, g::text, 'task', '基准任务第' || g || '项', '', DATE '2024-01-15' + (g * 7919 % 340), g
       FROM generate_series(1, $2) AS g`,
    [plan.id, items],
  );
  // Tasks: item × department, cut at `size`. 70% completed (most on time, some late), the rest open.
  await ds.query(
    `INSERT INTO tasks (plan_id, plan_item_id, department_id, role, status, original_due_date, due_date, assigned_at, completed_at, quality_rating)
     SELECT $1, i.id, d.id, CASE WHEN (i.position + d.rn) % 4 = 0 THEN 'lead' ELSE 'support' END,
            CASE WHEN h < 70 THEN 'completed' WHEN h < 80 THEN 'submitted' ELSE 'in_progress' END,
            i.deadline, i.deadline, TIMESTAMPTZ '2024-01-02 09:00+08',
            CASE WHEN h < 70 THEN (i.deadline + (h % 20 - 14))::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours' END,
            CASE WHEN h < 70 THEN (ARRAY['优','良','中','差'])[1 + h % 4] END
       FROM (SELECT id, position, deadline FROM plan_items WHERE plan_id = $1) i
       CROSS JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM departments WHERE parent_id = $2) d
       CROSS JOIN LATERAL (SELECT ((i.position * 31 + d.rn * 17) % 100)::int AS h) hh
      ORDER BY i.position, d.rn
      LIMIT $3`,
    [plan.id, root.id, size],
  );
  // Events: a TaskCompleted per completed task, a TaskReturned for every 10th task.
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 1, 'TaskCompleted', completed_at, jsonb_build_object('rating', quality_rating, 'departmentId', department_id), 'h'
       FROM tasks WHERE status = 'completed'`,
  );
  await ds.query(
    `INSERT INTO task_events (task_id, seq, type, occurred_at, payload, hash)
     SELECT id, 2, 'TaskReturned', due_date - 3 + TIME '10:00', jsonb_build_object('departmentId', department_id), 'h'
       FROM tasks WHERE hashtext(id::text) % 10 = 0`,
  );
  await ds.query(`ANALYZE`);
  return { rootId: root.id };
}

const BASELINE_SQL = `
  SELECT t.department_id,
         count(DISTINCT t.id) AS tasks,
         count(*) FILTER (WHERE e.type = 'TaskCompleted' AND e.occurred_at::date <= t.due_date) AS on_time,
         count(*) FILTER (WHERE e.type = 'TaskCompleted' AND e.occurred_at::date > t.due_date) AS late,
         count(*) FILTER (WHERE e.type = 'TaskReturned') AS returned,
         count(DISTINCT t.id) FILTER (WHERE t.status NOT IN ('completed', 'cancelled') AND t.due_date < DATE '2024-12-31') AS missed
    FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id AND e.type IN ('TaskCompleted', 'TaskReturned', 'ExtensionGranted')
   WHERE t.due_date BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
   GROUP BY t.department_id`;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run(options: BenchOptions): Promise<void> {
  const size = options.size ?? 1_000_000;
  const runs = options.runs ?? 3;
  const departments = Number(options.extra.departments ?? 500);
  if (!Number.isInteger(departments) || departments < 1) throw new Error(`--departments must be a positive integer, got ${options.extra.departments}`);
  let db: TestDatabase | undefined;
  let ds: DataSource | undefined;
  try {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    const t0 = Date.now();
    const { rootId } = await generate(ds, size, departments);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks`);
    process.stderr.write(`generated ${n} tasks for ${departments} departments in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const clock = new FixedClock('2025-01-05T02:00:00Z');
    const schemes = new SchemeVersionService(ds);
    await schemes.register(seedScheme('default'));
    const assessment = await new AssessmentService(ds, schemes).open({ year: YEAR, jurisdictionId: rootId, schemeId: 'default', schemeVersion: 1 });
    const recompute = new ScoreRecomputeUseCase(ds, clock, schemes, createScoringCalendar());
    const reset = () => ds!.query(`DELETE FROM department_scores; TRUNCATE ledger_lines`);

    // Warm-up: JIT, plan caches, buffer cache.
    await ds.query(BASELINE_SQL);
    await reset();
    const warm = await recompute.recomputeAll(assessment.id);
    process.stderr.write(`warm-up: ${warm.recomputed} departments (${warm.lineByLine} line by line), ${JSON.stringify(warm.timings)}\n`);

    const cold: number[] = [];
    const steady: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r < runs; r++) {
      baseline.push(await seconds(() => ds!.query(BASELINE_SQL)));
      await reset();
      cold.push(await seconds(() => recompute.recomputeAll(assessment.id)));
      steady.push(await seconds(() => recompute.recomputeAll(assessment.id)));
      process.stderr.write(
        `run ${r + 1}/${runs}: GROUP BY ${baseline[r].toFixed(2)} s, full recompute cold ${cold[r].toFixed(2)} s, unchanged ${steady[r].toFixed(2)} s\n`,
      );
    }
    const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM department_scores`);
    const ratioSteady = median(steady) / median(baseline);
    printResult({
      bench: 'rollup',
      metric: 'full-recompute-seconds',
      value: median(cold),
      unit: 's',
      baseline: { name: 'bare-sql-group-by', value: median(baseline), unit: 's' },
      higherIsBetter: false,
      size: n,
      runs,
      notes: `median of ${runs} runs after 1 warm-up; cold = no stored scores, ${rows} score rows written (ledgers on read); unchanged-rows recompute median ${median(steady).toFixed(2)} s (${ratioSteady.toFixed(1)}x); ${departments} departments; goal 5x`,
    });
  } finally {
    await ds?.destroy();
    await db?.drop();
  }
}
