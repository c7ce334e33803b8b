import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { assignedAction, buildWorld, type World } from '../support/world.js';
import { assessmentServices, ledgerRows, seedScheme } from './assessment-world.js';

/**
 * The incremental path against the full one in the cases that can drift: clean departments whose
 * 加分 the quota rebuilds from stored lines, deadlines passing without any event, and a task moving
 * to another department.
 */
let db: TestDatabase;
let ds: DataSource;
let world: World;
let svc: ReturnType<typeof assessmentServices>;
let assessmentId: string;

async function snapshot() {
  const scores = await ds.query(
    `SELECT department_id, rank, grade, score::text, added::text, deducted::text, bonus_claimed::text, bonus_denied, counts, notes, rule_cents, quota_denial
       FROM department_scores ORDER BY department_id`,
  );
  const lines = (await ledgerRows(ds, svc)).map(({ department_id, line_key, position, rule, points, reason, adjusts }) => ({ department_id, line_key, position, rule, points, reason, adjusts }));
  return { scores, lines };
}

/** Incremental state now, then a full recompute of the same moment: both must be identical. */
async function expectFullAgrees() {
  const incremental = await snapshot();
  const full = await svc.recompute.recomputeAll(assessmentId);
  expect(await snapshot()).toEqual(incremental);
  expect(full.changed).toBe(0);
}

async function deliver() {
  const rows: Array<{ id: string }> = await ds.query(`SELECT id::text AS id FROM task_events ORDER BY id DESC`);
  for (const { id } of rows) await svc.marker.markForEvent(id);
  return svc.recompute.recomputeDirtyYear(2024);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds, '2024-02-01T02:00:00Z');
  svc = assessmentServices(ds, world.clock);
  await svc.schemes.register(seedScheme('default'));
  assessmentId = (await svc.assessments.open({ year: 2024, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: 1 })).id;
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('incremental recompute', () => {
  it('rebuilds a clean 加分 claimant from its stored lines exactly as a full recompute would', async () => {
    const { svc: s, actors, clock } = world;
    // A and B both finish weeks early: both claim 加分, and with 3 units the quota (10%) keeps none.
    const first = await assignedAction(world, '2024-06-28');
    clock.set('2024-05-06T02:00:00Z');
    for (const [taskId, lead] of [[first.leadTaskId, actors.leadA], [first.supportTaskId, actors.leadB]] as const) {
      await s.transitions.perform(lead, taskId, 'accept');
      await s.transitions.perform(lead, taskId, 'submit');
      await s.transitions.perform(actors.coordinator, taskId, 'approve', { rating: '优' });
    }
    await deliver();
    const claims = await ds.query(`SELECT bonus_claimed::float AS c, bonus_denied FROM department_scores WHERE bonus_claimed > 0`);
    expect(claims.length).toBe(2);
    expect(claims.every((c: { bonus_denied: boolean }) => c.bonus_denied)).toBe(true);
    const quotaLines = (await ledgerRows(ds, svc)).filter((l) => l.rule.startsWith('quota:'));
    expect(quotaLines.length).toBeGreaterThan(0);

    // Only B changes (a return on a new task); A stays clean and is rebuilt from its stored lines.
    const second = await assignedAction(world, '2024-09-30');
    await s.transitions.perform(actors.leadB, second.supportTaskId, 'accept');
    await s.transitions.perform(actors.leadB, second.supportTaskId, 'submit');
    await s.transitions.perform(actors.coordinator, second.supportTaskId, 'return', { reason: '数据有误' });
    await svc.marker.markForEvent((await ds.query(`SELECT max(id)::text AS id FROM task_events`))[0].id);
    const [outcome] = await svc.recompute.recomputeDirtyYear(2024);
    expect(outcome.recomputed).toBe(1); // B from its facts; A (a clean claimant) is rebuilt from its stored ledger
    await expectFullAgrees();
  });

  it('counts a deadline that passed without any event as missed on the next run, for whichever department it is', async () => {
    const { clock } = world;
    const before = (await ledgerRows(ds, svc)).filter((l) => l.rule === 'missed');
    expect(before.length).toBe(0);
    clock.set('2024-10-08T02:00:00Z'); // the 2024-09-30 tasks of A and B are now overdue (A never acted)
    const [outcome] = await svc.recompute.recomputeDirtyYear(2024); // no marks at all
    expect(outcome.recomputed).toBeGreaterThanOrEqual(2);
    const missed = (await ledgerRows(ds, svc)).filter((l) => l.rule === 'missed');
    expect(missed.map((m: { department_id: string }) => m.department_id).sort()).toEqual([world.departments.deptA, world.departments.deptB].sort());
    await expectFullAgrees();
  });

  it('moves a reassigned task to its new department and dirties both', async () => {
    const { svc: s, actors, departments } = world;
    const third = await assignedAction(world, '2024-12-20');
    const office = (await ds.query(`SELECT id FROM departments WHERE code = 'city.office'`))[0].id;
    await s.transitions.perform(actors.coordinator, third.leadTaskId, 'return', { reason: '不属实' }).catch(() => undefined);
    await s.transitions.perform(actors.leadA, third.leadTaskId, 'decline', { reason: '不属于本单位职责' });
    await s.transitions.perform(actors.coordinator, third.leadTaskId, 'reassign', { departmentId: office, reason: '改由督查室牵头' });
    const reassigned = (await ds.query(`SELECT max(id)::text AS id FROM task_events`))[0].id;
    const marked = await svc.marker.markForEvent(reassigned);
    expect(marked.outcome === 'marked' && marked.marks.map((m) => m.departmentId).sort()).toEqual([departments.deptA, office].sort());
    await svc.recompute.recomputeDirtyYear(2024);
    const lines = (await ledgerRows(ds, svc)).filter((l) => l.task_id === third.leadTaskId);
    expect(lines.every((l: { department_id: string }) => l.department_id === office)).toBe(true);
    await expectFullAgrees();
  });

  it('after switching the open year to another scheme version, the next run rescores everyone under it', async () => {
    const v2 = await svc.schemes.revise('default', 1, { rules: { missed: { lead: -9, support: -7 } } });
    await svc.assessments.open({ year: 2024, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: v2.version });
    const [outcome] = await svc.recompute.recomputeDirtyYear(2024);
    expect(outcome.recomputed).toBe(outcome.members);
    const missed = new Set((await ledgerRows(ds, svc)).filter((l) => l.rule === 'missed').map((l) => `${Number(l.points)} ${l.role}`));
    expect([...missed].sort()).toEqual(['-7 support', '-9 lead']);
    await expectFullAgrees();
  });
});
