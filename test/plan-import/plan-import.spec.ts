import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { FixedClock } from '@duban/clock';
import { createDataSource, DepartmentEntity } from '@duban/persistence';
import { PlanImport1764200000000 } from '../../libs/persistence/src/migrations/1764200000000-plan-import.js';
import { DraftEditUseCase, DraftPublishUseCase, PlanImportUseCase, seedRegistryDepartments, type DraftView } from '@duban/plan-import';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { settleDraft, type DraftEditor } from './draft-fixer.js';
import { SEED_DIR, SEED_PLANS, seedJurisdiction, type SeededJurisdiction } from './seed-world.js';

let db: TestDatabase;
let ds: DataSource;
let cx: SeededJurisdiction;
const clock = new FixedClock('2024-01-08T02:00:00Z');
const chuxiong = readFileSync(join(SEED_DIR, SEED_PLANS.chuxiong));

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  cx = await seedJurisdiction(ds, 'chuxiong');
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const importer = () => new PlanImportUseCase(ds);
const publisher = () => new DraftPublishUseCase(ds, clock);

function editor(draftId: string): DraftEditor {
  const e = new DraftEditUseCase(ds);
  const a = cx.coordinator;
  return {
    setTitle: (title) => e.updateMetadata(a, draftId, { title }),
    addAssignment: (itemId, departmentId, role) => e.addAssignment(a, draftId, itemId, { departmentId, role }),
    resolve: (id, departmentId) => e.updateAssignment(a, draftId, id, { departmentId }),
    remove: (id) => e.removeAssignment(a, draftId, id),
    setRole: (id, role) => e.updateAssignment(a, draftId, id, { role }),
    setItemDeadline: (itemId, deadline) => e.updateItem(a, draftId, itemId, { deadline }),
  };
}

async function settledChuxiong(): Promise<DraftView> {
  const draft = await importer().import(cx.coordinator, { fileName: 'chuxiong.txt', bytes: chuxiong });
  const edu = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: 'chuxiong.edu' });
  return settleDraft(draft, editor(draft.id), edu.id, '2025-12-31');
}

async function counts() {
  const [row] = await ds.query(
    `SELECT (SELECT count(*)::int FROM plans) AS plans, (SELECT count(*)::int FROM plan_items) AS items, (SELECT count(*)::int FROM tasks) AS tasks,
            (SELECT count(*)::int FROM task_events) AS events, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM draft_plans WHERE status = 'published') AS published`,
  );
  return row as Record<string, number>;
}

describe('plan import on Postgres', () => {
  it('seeds the registry departments idempotently, each under its parent', async () => {
    expect(await seedRegistryDepartments(ds, cx.registry)).toBe(0);
    const rows = await ds.getRepository(DepartmentEntity).find();
    const byCode = new Map(rows.map((d) => [d.code, d]));
    for (const dep of cx.registry.departments) {
      const row = byCode.get(dep.code)!;
      expect(row.name).toBe(dep.name);
      if (dep.parentCode) expect(row.path.startsWith(byCode.get(dep.parentCode)!.path)).toBe(true);
    }
  });

  it('publishes everything in one transaction: a failure on the last task leaves no plan, item, task, event or outbox row', async () => {
    const settled = await settledChuxiong();
    const before = await counts();
    const total = settled.items.reduce((n, i) => n + (i.kind === 'task' ? i.assignments.length : 0), 0);
    await ds.query(`CREATE SEQUENCE test_task_inserts`);
    await ds.query(`CREATE FUNCTION test_fail_last_task() RETURNS trigger AS $$ BEGIN
        IF nextval('test_task_inserts') >= ${total} THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await ds.query(`CREATE TRIGGER test_fail_last_task BEFORE INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION test_fail_last_task()`);
    try {
      await expect(publisher().publish(cx.coordinator, settled.id)).rejects.toThrow(/disk full/);
    } finally {
      await ds.query(`DROP TRIGGER test_fail_last_task ON tasks; DROP FUNCTION test_fail_last_task(); DROP SEQUENCE test_task_inserts`);
    }
    expect(await counts()).toEqual(before);
    clock.set('2024-01-09T03:04:05.000Z');
    const published = await publisher().publish(cx.coordinator, settled.id);
    expect(published.tasks).toBe(total);
    // The plan is dated by the injected clock, like its tasks' events and the draft's publication.
    const [plan] = await ds.query(`SELECT created_at FROM plans WHERE id = $1`, [published.planId]);
    expect((plan.created_at as Date).toISOString()).toBe('2024-01-09T03:04:05.000Z');
    expect(await counts()).toMatchObject({ plans: before.plans + 1, tasks: before.tasks + total, events: before.events + total, outbox: before.outbox + total, published: before.published + 1 });
    // A published document stays recognised.
    await expect(importer().import(cx.coordinator, { fileName: 'again.txt', bytes: chuxiong })).rejects.toMatchObject({ code: 'conflict', details: { planId: published.planId } });
  });

  it('lets exactly one of two concurrent publications through', async () => {
    const bytes = Buffer.concat([chuxiong, Buffer.from('\n')]);
    const draft = await importer().import(cx.coordinator, { fileName: 'copy.txt', bytes });
    const edu = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: 'chuxiong.edu' });
    const settled = await settleDraft(draft, editor(draft.id), edu.id, '2025-12-31');
    const before = await counts();
    const results = await Promise.allSettled([publisher().publish(cx.coordinator, settled.id), publisher().publish(cx.coordinator, settled.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'conflict' });
    expect((await counts()).plans).toBe(before.plans + 1);
  });

  it('recognises two concurrent uploads of one document: one draft, one conflict', async () => {
    const bytes = Buffer.concat([chuxiong, Buffer.from('\n\n')]);
    const results = await Promise.allSettled([1, 2].map((n) => importer().import(cx.coordinator, { fileName: `race-${n}.txt`, bytes })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<DraftView>).value;
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', details: { draftId: winner.id } });
    // A discarded draft no longer holds the document: it may be imported afresh.
    await new DraftEditUseCase(ds).discard(cx.coordinator, winner.id);
    const fresh = await importer().import(cx.coordinator, { fileName: 'race-3.txt', bytes });
    expect(fresh.id).not.toBe(winner.id);
    await expect(new DraftEditUseCase(ds).updateMetadata(cx.coordinator, winner.id, { title: 'x' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('has a migration that reverts and applies again', async () => {
    const runner = ds.createQueryRunner();
    try {
      await new PlanImport1764200000000().down(runner);
      const left = await ds.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'draft_%'`);
      expect(left).toEqual([{ n: 0 }]);
      await new PlanImport1764200000000().up(runner);
      expect((await ds.driver.createSchemaBuilder().log()).upQueries.filter((q) => q.query.includes('draft_'))).toEqual([]);
    } finally {
      await runner.release();
    }
  });
});
