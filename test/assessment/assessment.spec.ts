import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildWorld, type World } from '../support/world.js';
import { assessmentServices, ledgerRows, seedScheme } from './assessment-world.js';

let db: TestDatabase;
let ds: DataSource;
let world: World;
let svc: ReturnType<typeof assessmentServices>;
const tasks: Record<string, { lead: string; support: string }> = {};

/** One plan item assigned to A (lead) and B (support). */
async function item(path: string, heading: string, deadline: string) {
  const { svc: s, actors, departments } = world;
  const plan = await s.plans.create(actors.coordinator, { title: `2024年重点工作督办清单${path}`, periodStart: 2024, periodEnd: 2024 });
  const [created] = await s.plans.addItems(actors.coordinator, plan.id, [{ path, kind: 'task', heading, deadline }]);
  const assigned = await s.assignment.assign(actors.coordinator, {
    planId: plan.id,
    planItemId: created.id,
    leadDepartmentId: departments.deptA,
    supportDepartmentIds: [departments.deptB],
  });
  return { lead: assigned[0].id, support: assigned[1].id };
}

async function complete(taskId: string, lead: World['actors']['leadA'], at: string, rating?: '优' | '良' | '中' | '差') {
  const { svc: s, actors, clock } = world;
  clock.set(at);
  await s.transitions.perform(lead, taskId, 'accept');
  await s.transitions.perform(lead, taskId, 'submit');
  await s.transitions.perform(actors.coordinator, taskId, 'approve', rating ? { rating } : {});
}

/** Every task event delivered twice, in a scrambled order, as the relay may deliver them. */
async function deliverAllEvents() {
  const rows: Array<{ id: string }> = await ds.query(`SELECT id::text AS id FROM task_events ORDER BY id DESC`);
  const ids = rows.map((r) => r.id);
  const scrambled = [...ids.filter((_, i) => i % 2 === 1), ...ids.filter((_, i) => i % 2 === 0), ...ids];
  for (const id of scrambled) await svc.marker.markForEvent(id);
}

async function snapshot() {
  const scores = await ds.query(
    `SELECT department_id, peer_group_id, rank, grade, score::text, added::text, deducted::text, bonus_denied, counts, notes, rule_cents, quota_denial
       FROM department_scores ORDER BY department_id`,
  );
  const lines = (await ledgerRows(ds, svc)).map(({ role: _role, ...line }) => line);
  return { scores, lines };
}

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds, '2024-01-08T01:00:00Z');
  svc = assessmentServices(ds, world.clock);
  await svc.schemes.register(seedScheme('default'));
  await svc.assessments.open({ year: 2024, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: 1 });

  const { actors, clock, svc: s } = world;
  tasks.onTime = await item('1', '推进义务教育优质均衡发展', '2024-06-28');
  tasks.late = await item('2', '完成校舍安全隐患排查整治', '2024-05-31');
  tasks.missed = await item('3', '建成智慧教育平台', '2024-04-30');
  tasks.weekend = await item('4', '完善家校共育机制', '2024-06-15'); // a Saturday: the deadline rolls to Monday 06-17
  await complete(tasks.onTime.lead, actors.leadA, '2024-06-03T02:00:00Z', '优');
  await complete(tasks.onTime.support, actors.leadB, '2024-06-20T02:00:00Z');
  await complete(tasks.weekend.lead, actors.leadA, '2024-06-17T02:00:00Z');
  clock.set('2024-05-20T02:00:00Z');
  await s.transitions.perform(actors.leadA, tasks.late.lead, 'accept');
  await s.transitions.perform(actors.leadA, tasks.late.lead, 'submit');
  await s.transitions.perform(actors.coordinator, tasks.late.lead, 'return', { reason: '佐证材料不全' });
  clock.set('2024-06-12T02:00:00Z');
  await s.transitions.perform(actors.leadA, tasks.late.lead, 'submit');
  await s.transitions.perform(actors.coordinator, tasks.late.lead, 'approve', { rating: '良' });
  // The deadline engine recorded a yellow ladder step on the missed task.
  await ds.query(
    `INSERT INTO escalation_steps (task_id, rule, step, deadline_version, state, department_id, due_date, step_at, recorded_at, colour)
     VALUES ($1, 'ladder', '+3', 1, 'recorded', $2, '2024-04-30', '2024-05-06T01:00:00Z', '2024-05-06T01:00:00Z', 'yellow')`,
    [tasks.missed.lead, world.departments.deptA],
  );
  clock.set('2024-07-01T02:00:00Z');
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('annual assessment on Postgres', () => {
  it('marks dirty pairs from events delivered twice and out of order; incremental and full recompute agree line for line', async () => {
    await deliverAllEvents();
    const dirty = await ds.query(`SELECT year, department_id FROM score_dirty ORDER BY department_id`);
    expect(dirty.map((d: { department_id: string }) => d.department_id).sort()).toEqual([world.departments.deptA, world.departments.deptB].sort());
    const [incremental] = await svc.recompute.recomputeDirtyYear(2024);
    expect(incremental.recomputed).toBeGreaterThanOrEqual(2);
    expect(await ds.query(`SELECT * FROM score_dirty`)).toEqual([]);
    const afterIncremental = await snapshot();

    const full = await svc.recompute.recomputeAll(incremental.assessmentId);
    expect(full.changed).toBe(0); // same rows: nothing changed
    expect(await snapshot()).toEqual(afterIncremental);

    // Delivered again: still the same numbers.
    await deliverAllEvents();
    await svc.recompute.recomputeDirtyYear(2024);
    expect(await snapshot()).toEqual(afterIncremental);
  });

  it('explains every point: each task line points at its task and at the event or escalation step behind it; the score is the sum', async () => {
    const { lines, scores } = await snapshot();
    const a = lines.filter((l: { department_id: string }) => l.department_id === world.departments.deptA);
    const rules = a.map((l: { rule: string }) => l.rule);
    expect(rules).toEqual(expect.arrayContaining(['base', 'completedOnTime', 'completedLate', 'returned', 'missed', 'escalatedYellow']));
    for (const line of lines) {
      if (line.rule === 'base' || line.rule!.startsWith('cap.year')) continue;
      expect(line.task_id).not.toBeNull();
      const traced = line.task_event_id ?? line.escalation_step_id ?? (/^(overdue|completed):\d{4}-\d{2}-\d{2}$/.test(line.event_ref!) ? line.event_ref : null);
      expect(traced).not.toBeNull();
    }
    const returned = a.find((l: { rule: string }) => l.rule === 'returned');
    const [event] = await ds.query(`SELECT type, task_id FROM task_events WHERE id = $1`, [returned!.task_event_id]);
    expect(event).toEqual({ type: 'TaskReturned', task_id: tasks.late.lead });
    const yellow = a.find((l: { rule: string }) => l.rule === 'escalatedYellow');
    expect(yellow!.escalation_step_id).not.toBeNull();
    const missed = a.find((l: { rule: string }) => l.rule === 'missed');
    expect(missed!.event_ref).toBe('overdue:2024-04-30');
    for (const score of scores as Array<{ department_id: string; score: string }>) {
      const sum = lines
        .filter((l: { department_id: string }) => l.department_id === score.department_id)
        .reduce((acc: number, l: { points: string }) => acc + Math.round(Number(l.points) * 100), 0);
      expect(sum / 100).toBe(Number(score.score));
    }
  });

  it('counts a task due on a Saturday and completed the following Monday as on time (the deadline rolls to the next working day)', async () => {
    const lines = (await ledgerRows(ds, svc)).filter((l) => l.task_id === tasks.weekend.lead);
    expect(lines.map((l) => l.rule)).toEqual(['completedOnTime']);
    expect(lines[0].reason).toContain('截止2024-06-15，顺延至2024-06-17，2024-06-17办结');
  });

  it('after a full recompute every ledger read sums to the stored score, and every line points at a task and an event or step that exists', async () => {
    const ref = await svc.assessments.resolve(world.actors.assessor, 2024);
    await svc.recompute.recomputeAll(ref.assessment.id);
    const stored: Array<{ department_id: string; score: number }> = await ds.query(
      `SELECT department_id, score::float AS score FROM department_scores WHERE assessment_id = $1`,
      [ref.assessment.id],
    );
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const ledgers = await svc.queries.ledgersOf(ref, stored.map((r) => r.department_id));
    for (const row of stored) {
      const ledger = ledgers.get(row.department_id)!;
      expect(ledger.storedScore).toBe(row.score);
      expect(ledger.linesTotal).toBe(row.score);
      expect(ledger.lines.reduce((acc, l) => acc + Math.round(l.points * 100), 0) / 100).toBe(row.score);
      expect(ledger.pendingRecompute).toBe(false);
    }
    const lines = await ledgerRows(ds, svc);
    expect(lines.filter((l) => l.rule !== 'base').length).toBeGreaterThan(5);
    for (const line of lines) {
      if (line.rule === 'base' || line.rule.startsWith('cap.year')) continue;
      const [task] = await ds.query(`SELECT department_id FROM tasks WHERE id = $1`, [line.task_id]);
      expect(task).toEqual({ department_id: line.department_id });
      if (line.rule.startsWith('cap.task:')) continue; // a per-task cap adjusts the task's lines, not one event
      if (line.task_event_id) {
        expect(await ds.query(`SELECT task_id FROM task_events WHERE id = $1`, [line.task_event_id])).toEqual([{ task_id: line.task_id }]);
      } else if (line.escalation_step_id) {
        expect(await ds.query(`SELECT task_id FROM escalation_steps WHERE id = $1`, [line.escalation_step_id])).toEqual([{ task_id: line.task_id }]);
      } else {
        expect(line.event_ref).toMatch(/^(overdue|completed):\d{4}-\d{2}-\d{2}$/);
      }
    }

    // Something happens after the run: the ledger read shows it and says the score is pending.
    const [step] = await ds.query(
      `INSERT INTO escalation_steps (task_id, rule, step, deadline_version, state, department_id, due_date, step_at, recorded_at, colour)
       VALUES ($1, 'ladder', '+10', 1, 'recorded', $2, '2024-04-30', '2024-05-15T01:00:00Z', '2024-05-15T01:00:00Z', 'red') RETURNING id`,
      [tasks.missed.lead, world.departments.deptA],
    );
    const pending = await svc.queries.ledger(world.actors.leadA, 2024, world.departments.deptA);
    expect(pending.pendingRecompute).toBe(true);
    expect(pending.lines.some((l) => l.rule === 'escalatedRed')).toBe(true);
    expect(pending.linesTotal).not.toBe(pending.storedScore);
    await ds.query(`DELETE FROM escalation_steps WHERE id = $1`, [step.id]);
    expect((await svc.queries.ledger(world.actors.leadA, 2024, world.departments.deptA)).pendingRecompute).toBe(false);
  });

  it('lets a lead read only their own ledger, and only the committee read the table', async () => {
    const { actors, departments } = world;
    const own = await svc.queries.ledger(actors.leadA, 2024, departments.deptA);
    expect(own.lines.length).toBeGreaterThan(3);
    await expect(svc.queries.ledger(actors.leadB, 2024, departments.deptA)).rejects.toMatchObject({ code: 'not_found' });
    await expect(svc.queries.table(actors.leadA, 2024)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(svc.queries.table(actors.otherCoordinator, 2024, departments.city)).rejects.toMatchObject({ code: 'not_found' });
    const table = await svc.queries.table(actors.assessor, 2024);
    const rows = table.groups.flatMap((g) => g.departments);
    expect(rows.map((r) => r.departmentId)).toEqual(expect.arrayContaining([departments.deptA, departments.deptB]));
    expect(Object.values(table.groups[0].distribution).reduce((a, b) => a + b, 0)).toBe(table.groups[0].departments.length);
  });

  it('an upheld appeal voids the disputed line and the score follows; a second appeal on the line is refused while pending', async () => {
    const { actors, departments } = world;
    const before = await svc.queries.ledger(actors.leadA, 2024, departments.deptA);
    const missed = before.lines.find((l) => l.rule === 'missed')!;
    const appeal = await svc.appeals.file(actors.leadA, 2024, { lineKey: missed.key, reason: '该任务因上级政策调整暂缓实施' });
    await expect(svc.appeals.file(actors.leadA, 2024, { lineKey: missed.key, reason: '再次申诉' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(svc.appeals.file(actors.leadB, 2024, { lineKey: missed.key, reason: '代为申诉' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(svc.appeals.decide(actors.leadA, appeal.id, { decision: 'void_line' })).rejects.toMatchObject({ code: 'forbidden' });
    const decided = await svc.appeals.decide(actors.assessor, appeal.id, { decision: 'void_line', note: '经核实属实' });
    expect(decided.status).toBe('line_voided');
    const after = await svc.queries.ledger(actors.leadA, 2024, departments.deptA);
    expect(after.lines.some((l) => l.rule === 'appeal:missed' && l.adjusts === missed.key && l.points === -missed.points)).toBe(true);
    expect(after.table!.score).toBeCloseTo(before.table!.score - missed.points, 2);
    // A full recompute keeps the ruling.
    const snap = await snapshot();
    await svc.recompute.recomputeAll(appeal.id ? (await svc.assessments.resolve(actors.assessor, 2024)).assessment.id : '');
    expect(await snapshot()).toEqual(snap);
  });

  it('what-if evaluates another scheme version over the same year and writes nothing', async () => {
    const { actors, departments } = world;
    const v2 = await svc.schemes.revise('default', 1, { rules: { returned: { lead: -6 } } });
    expect(v2.version).toBe(2);
    const snap = await snapshot();
    const result = await svc.whatIf.compare(actors.assessor, 2024, { schemeId: 'default', version: 2 });
    const a = result.rows.find((r) => r.departmentId === departments.deptA)!;
    const returnedLead = (seedScheme('default') as { rules: { returned: { lead: number } } }).rules.returned.lead;
    expect(a.delta).toBeCloseTo(-6 - returnedLead, 2);
    expect(result.rows.find((r) => r.departmentId === departments.deptB)!.delta).toBe(0);
    expect(await snapshot()).toEqual(snap);
  });

  it('finalize freezes the year: later events and recomputes do not move it, and the scheme version is frozen', async () => {
    const { actors, clock } = world;
    clock.set('2025-01-10T02:00:00Z');
    const result = await svc.finalize.finalize(actors.assessor, 2024);
    expect(result.asOf).toBe('2024-12-31');
    const frozen = await svc.queries.table(actors.assessor, 2024);
    expect(frozen.status).toBe('finalized');

    // A late completion of the missed task arrives after finalization.
    await complete(tasks.missed.support, actors.leadB, '2025-01-15T02:00:00Z');
    await deliverAllEvents();
    await svc.recompute.recomputeDirtyYear(2024);
    expect(await svc.queries.table(actors.assessor, 2024)).toEqual(frozen);
    await expect(svc.finalize.finalize(actors.assessor, 2024)).rejects.toMatchObject({ code: 'conflict' });
    await expect(svc.schemes.amend('default', 1, { baseScore: 90 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(svc.appeals.file(actors.leadA, 2024, { lineKey: 'x', reason: '晚了' })).rejects.toMatchObject({ code: 'conflict' });
    const ledger = await svc.queries.ledger(actors.leadA, 2024, world.departments.deptA);
    expect(ledger.lines.reduce((acc, l) => acc + Math.round(l.points * 100), 0) / 100).toBe(ledger.table!.score);
  });

  it('exports the table with its breakdown as CSV (UTF-8 with BOM) and XLSX', async () => {
    const { actors } = world;
    const csv = await svc.exports.export(actors.assessor, 2024, 'csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('得分');
    expect(text).toContain('州教育体育局');
    const xlsx = await svc.exports.export(actors.assessor, 2024, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.getWorksheet('得分')!.rowCount).toBeGreaterThanOrEqual(4);
    const detail = book.getWorksheet('明细')!;
    const reasons = detail.getColumn(4).values.filter((v) => typeof v === 'string') as string[];
    expect(reasons.some((r) => r.includes('建成智慧教育平台'))).toBe(true);
  });
});
