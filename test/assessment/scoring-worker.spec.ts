import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { QUEUE_NAMES, redisConnectionOptions } from '@duban/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL, deleteQueueKeys, testPrefix } from '../support/test-queues.js';
import { waitFor } from '../support/wait-for.js';
import { assignedAction, buildWorld, type World } from '../support/world.js';
import { assessmentServices, ledgerRows, seedScheme } from './assessment-world.js';

/**
 * The real worker: outbox relay → `scoring` queue → dirty marks → one debounced recompute job per
 * year and window (its delay is promoted here instead of waited for) → scores in Postgres.
 */
describe('scoring on the worker', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let worker: INestApplicationContext;
  let world: World;
  let recomputeQueue: Queue;

  let prefix: string | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    world = await buildWorld(ds, '2024-03-01T01:00:00Z');
    const svc = assessmentServices(ds, world.clock);
    await svc.schemes.register(seedScheme('default'));
    await svc.assessments.open({ year: 2024, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: 1 });
    prefix = testPrefix();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({
        databaseUrl: db.url,
        redisUrl: TEST_REDIS_URL,
        queuePrefix: prefix,
        clock: world.clock,
        relay: { autoStart: true, idleMs: 20 },
        deadlines: { schedule: false },
      }),
      { logger: ['error'] },
    );
    await worker.init();
    recomputeQueue = new Queue(QUEUE_NAMES.scoringRecompute, { connection: redisConnectionOptions(TEST_REDIS_URL), prefix });
  }, 60_000);

  afterAll(async () => {
    await recomputeQueue?.close();
    await worker?.close();
    await ds?.destroy();
    await db?.drop();
    if (prefix) await deleteQueueKeys(prefix);
  });

  async function promoteDelayed() {
    const recomputeJobs = async () => (await recomputeQueue.getDelayed()).filter((job) => job.name === 'recompute');
    const delayed = await waitFor(recomputeJobs, (jobs) => jobs.length > 0, { what: 'a delayed recompute job', timeoutMs: 20_000 });
    for (const job of delayed) await job.promote();
    return delayed;
  }

  it('turns task events into dirty marks and one debounced recompute per year that scores the departments', async () => {
    const { svc, actors } = world;
    const { leadTaskId } = await assignedAction(world, '2024-06-28');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'accept');
    await svc.transitions.perform(actors.leadA, leadTaskId, 'submit');
    await svc.transitions.perform(actors.coordinator, leadTaskId, 'approve', { rating: '优' });

    const jobs = await promoteDelayed();
    expect(new Set(jobs.map((j) => j.data.year))).toEqual(new Set([2024]));
    expect(jobs.length).toBeLessThanOrEqual(2); // five events, one debounce window (two if they straddle a boundary)
    const rows = await waitFor(
      () => ds.query(`SELECT department_id, score::float AS score FROM department_scores`) as Promise<unknown[]>,
      (r) => r.length >= 2,
      { what: 'department scores', timeoutMs: 20_000 },
    );
    const a = (rows as Array<{ department_id: string; score: number }>).find((r) => r.department_id === world.departments.deptA)!;
    expect(a.score).toBeGreaterThan(100);
    const lines = (await ledgerRows(ds, assessmentServices(ds, world.clock))).filter((l) => l.department_id === world.departments.deptA && l.rule === 'completedOnTime');
    expect(lines).toHaveLength(1);
    expect(lines[0].task_event_id).not.toBeNull();
    // Events the relay delivered after the first run started are picked up by a follow-up job.
    await waitFor(
      async () => {
        for (const job of await recomputeQueue.getDelayed()) if (job.name === 'recompute') await job.promote().catch(() => undefined);
        return ds.query(`SELECT count(*)::int AS n FROM score_dirty`);
      },
      (r: Array<{ n: number }>) => r[0].n === 0,
      { what: 'dirty marks consumed', timeoutMs: 20_000 },
    );
    const full = await assessmentServices(ds, world.clock).recompute.recomputeAll(
      (await ds.query(`SELECT id FROM assessments`))[0].id,
    );
    expect(full.changed).toBe(0); // the worker's incremental result is what a full recompute gives
  }, 30_000);
});
