import type { DataSource } from 'typeorm';
import { DUE_TASKS_SQL } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase } from '../support/test-database.js';
import { seedBenchWorld } from '../deadlines/bench-fixtures.js';
import { median, printResult, type BenchOptions } from './bench-result.js';

/**
 * The sweep's due-task query (DUE_TASKS_SQL: partial index on next_action_at, FOR UPDATE SKIP
 * LOCKED, joined to plan, item and department for the texts) at `size` tasks, p99 latency per
 * 1,000-row batch, against the same selection hand-written: ids by the index, no lock, no joins.
 * Each sample runs in a rolled-back transaction at a different "now" over the year.
 */
const BATCH = 1000;
const SAMPLES = 300;
const YEAR_START = Date.parse('2024-01-01T01:00:00Z');

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}

async function sample(ds: DataSource, sql: string, now: Date): Promise<number> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const start = process.hrtime.bigint();
    const rows: unknown[] = await runner.query(sql, [now, BATCH]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (rows.length !== BATCH) throw new Error(`expected ${BATCH} due rows at ${now.toISOString()}, got ${rows.length}`);
    await runner.rollbackTransaction();
    return ms;
  } finally {
    await runner.release();
  }
}

async function series(ds: DataSource, sql: string, seed: number): Promise<number> {
  const latencies: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    // Deterministic spread of "now" over days 30…360 of the year (always ≥ 1,000 tasks due).
    const day = 30 + ((k * 7919 + seed * 104729) % 330);
    latencies.push(await sample(ds, sql, new Date(YEAR_START + day * 86_400_000)));
  }
  return p99(latencies);
}

const BASELINE_SQL = `SELECT id FROM tasks WHERE next_action_at <= $1 ORDER BY next_action_at LIMIT $2`;

export async function run(options: BenchOptions): Promise<void> {
  const size = options.size ?? 1_000_000;
  const runs = options.runs ?? 3;
  const departments = Math.min(1000, size);
  if (size % departments !== 0) throw new Error(`--size must be a multiple of ${departments}`);
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  try {
    process.stderr.write(`seeding ${size} tasks…\n`);
    const t0 = Date.now();
    await seedBenchWorld(ds, {
      departments,
      itemsPerDepartment: size / departments,
      dueDateSql: `DATE '2024-01-10' + ((hashtext(d.code || i.path) & 2147483647) % 355)`,
      // Spread over the year: each task's next look is somewhere in 2024.
      nextActionAtSql: `'2024-01-01T01:00:00Z'::timestamptz + ((hashtext(i.path || d.code) & 2147483647) % 525600) * interval '1 minute'`,
      assignedAt: new Date('2024-01-01T01:00:00Z'),
      webhook: false,
    });
    process.stderr.write(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s; warm-up…\n`);
    await series(ds, DUE_TASKS_SQL, 0);
    await series(ds, BASELINE_SQL, 0);
    const values: number[] = [];
    const baselines: number[] = [];
    for (let r = 0; r < runs; r++) {
      values.push(await series(ds, DUE_TASKS_SQL, r + 1));
      baselines.push(await series(ds, BASELINE_SQL, r + 1));
      process.stderr.write(`run ${r + 1}/${runs}: sweep query p99 ${values[r]!.toFixed(2)} ms, hand-written SQL p99 ${baselines[r]!.toFixed(2)} ms\n`);
    }
    printResult({
      bench: 'overdue-scan',
      metric: 'p99-latency',
      value: median(values),
      unit: 'ms per 1000-row batch',
      baseline: { name: 'hand-written-index-scan', value: median(baselines), unit: 'ms per 1000-row batch' },
      higherIsBetter: false,
      size,
      runs,
      notes: `median over ${runs} runs (after 1 warm-up) of the p99 of ${SAMPLES} samples each; sweep query locks (SKIP LOCKED) and joins plan/item/department, baseline selects ids only; each sample in a rolled-back transaction`,
    });
  } finally {
    await ds.destroy();
    await db.drop();
  }
}
