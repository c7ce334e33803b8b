import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { FixedClock } from '@duban/clock';
import { WorkingCalendar, loadHolidayYears, shanghaiDateOf, shanghaiInstant } from '@duban/calendar';
import { DeadlineSimulation } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type ChuxiongTask, type LoadedChuxiong, loadChuxiongPlan } from './chuxiong-plan.js';
import { SEEDS_CALENDAR, loadCalendar } from './engine-harness.js';

/**
 * A simulated 2024 (and January 2025) over the whole Chuxiong sample plan, loaded on 2024-01-01
 * 08:00. Every expected step is derived here from the written rules and the national calendar,
 * not from the engine:
 * - a deadline on a non-working day counts from the next working day (2023-12-31 was a Sunday and
 *   2024-01-01 New Year's Day, so those tasks are due 2024-01-02);
 * - reminders T-7/T-3/T-1 working days and on the due day to the task's department; reminders
 *   dated before the assignment are not owed (so the 2023-12-31 tasks get only the due-day one);
 * - ladder +1 (催办, the department), +5 (督办, coordinating office + department), +10 (to leadership
 *   — no leader account in the seed, so the coordinators — and the coordinating office);
 * - a completed task gets nothing from its completion day on; an extension opens deadline version 2
 *   whose steps restart from the new date; one in-app digest per recipient per Shanghai day.
 */
const SIM_FROM = '2024-01-01';
const SIM_TO = '2025-01-31';
const LOADED_AT = shanghaiInstant(SIM_FROM, 8, 0);
const REMINDERS = [7, 3, 1, 0] as const;
const LADDER = [
  { after: 1, action: 'urge' },
  { after: 5, action: 'supervise' },
  { after: 10, action: 'escalate' },
] as const;

/** The scripted department actions, by plan item path and department code, on Shanghai days. */
const COMPLETIONS: Array<{ path: string; code: string; on: string; why: string }> = [
  { path: '三.(一).1', code: 'chuxiong.party.edu-work', on: '2024-01-04', why: 'late: after +1, before +5' },
  { path: '三.(一).5', code: 'chuxiong.public-security', on: '2024-06-28', why: 'early: before any reminder' },
  { path: '三.(一).2', code: 'chuxiong.edu', on: '2024-09-30', why: 'early: a 2025 task' },
  { path: '三.(一).5', code: 'chuxiong.edu', on: '2024-12-24', why: 'before its deadline, after T-7' },
];
const EXTENSION = { path: '三.(三).10', code: 'chuxiong.edu', on: '2024-12-27', to: '2025-01-10' };

interface ExpectedStep {
  task: ChuxiongTask;
  rule: 'reminder' | 'ladder';
  step: string;
  version: number;
  day: string;
  action: 'remind' | 'urge' | 'supervise' | 'escalate';
}

const keyOf = (t: ChuxiongTask) => `${t.path}|${t.departmentCode}`;
const inWindow = (day: string) => day >= SIM_FROM && day <= SIM_TO;

/** The steps one deadline version owes, recorded on their own day, before `until` (exclusive). */
function versionSteps(cal: WorkingCalendar, task: ChuxiongTask, version: number, written: string, owedFrom: string | null, until: string | null): ExpectedStep[] {
  const out: ExpectedStep[] = [];
  const due = cal.rollForward(written);
  for (const n of REMINDERS) {
    const day = cal.addWorkingDays(due, -n);
    if (owedFrom && day < owedFrom) continue;
    out.push({ task, rule: 'reminder', step: n === 0 ? 'due' : `T-${n}`, version, day, action: 'remind' });
  }
  for (const r of LADDER) out.push({ task, rule: 'ladder', step: `+${r.after}`, version, day: cal.addWorkingDays(due, r.after), action: r.action });
  return out.filter((s) => inWindow(s.day) && (until === null || s.day < until));
}

function expectedSteps(cal: WorkingCalendar, tasks: ChuxiongTask[]): ExpectedStep[] {
  const completed = new Map(COMPLETIONS.map((c) => [`${c.path}|${c.code}`, c.on]));
  const extensionKey = `${EXTENSION.path}|${EXTENSION.code}`;
  return tasks.flatMap((t) => {
    const done = completed.get(keyOf(t)) ?? null;
    if (keyOf(t) !== extensionKey) return versionSteps(cal, t, 1, t.deadline, SIM_FROM, done);
    const v2 = versionSteps(cal, t, 2, EXTENSION.to, null, done);
    // Keeps the derivation simple: no step of the new deadline is already due when it is granted.
    if (v2.some((s) => s.day <= EXTENSION.on)) throw new Error('the scripted extension would supersede steps; pick a later date');
    return [...versionSteps(cal, t, 1, t.deadline, SIM_FROM, EXTENSION.on), ...v2];
  });
}

/** Who a step reaches, by username (the seed's accounts: one `<code>.lead` per department, one coordinator). */
function recipientsOf(s: ExpectedStep): string[] {
  const dept = `${s.task.departmentCode}.lead`;
  if (s.action === 'remind' || s.action === 'urge') return [dept];
  if (s.action === 'supervise') return ['chuxiong.coordinator', dept];
  return ['chuxiong.coordinator']; // leadership falls back to the coordinators, who are also the office
}

const countBy = <T>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [f(x)]: (acc[f(x)] ?? 0) + 1 }), {});

describe('a simulated year over the Chuxiong sample plan', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let cx: LoadedChuxiong;
  const clock = new FixedClock(LOADED_AT);
  const cal = new WorkingCalendar(loadHolidayYears(SEEDS_CALENDAR));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await loadCalendar(ds);
    cx = await loadChuxiongPlan(ds, clock);
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the calendar facts the expectations rest on', () => {
    expect(new Date(`2024-12-31T12:00:00Z`).getUTCDay()).toBe(2); // a Tuesday
    expect(cal.isWorkingDay('2025-01-01')).toBe(false); // New Year's Day
    expect(cal.isWorkingDay('2023-12-31')).toBe(false); // a Sunday inside the 2024 New Year holiday
    expect(cal.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
    expect(cal.rollForward('2023-12-31')).toBe('2024-01-02');
  });

  it('loads every item and assignment of the plan', async () => {
    const items = cx.plan.items.filter((i) => i.lead);
    expect(items).toHaveLength(23);
    const assignments = items.reduce((n, i) => n + 1 + (i.support?.length ?? 0), 0);
    expect(cx.tasks).toHaveLength(assignments);
    const rows: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'assigned' AND next_action_at IS NOT NULL`);
    expect(rows[0]!.n).toBe(assignments);
    // Leadership has no account of its own in the seed (so the +10 step reaches the coordinators).
    const leaders: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM users WHERE department_id = $1 AND role = 'department_lead'`, [cx.jurisdictionId]);
    expect(leaders[0]!.n).toBe(0);
  });

  it('produces exactly the reminders, escalations and digests the rules call for', async () => {
    const byKey = new Map(cx.tasks.map((t) => [keyOf(t), t]));
    const find = (path: string, code: string) => {
      const t = byKey.get(`${path}|${code}`);
      if (!t) throw new Error(`no task for ${path} assigned to ${code}`);
      return t;
    };
    const sim = new DeadlineSimulation(ds);
    const { ticks } = await sim.run({
      from: SIM_FROM,
      to: SIM_TO,
      stepMs: 86_400_000,
      onTick: async (now) => {
        clock.set(now);
        const day = shanghaiDateOf(now);
        for (const c of COMPLETIONS.filter((c) => c.on === day)) {
          const t = find(c.path, c.code);
          const lead = await cx.leadOf(c.code);
          await cx.svc.transitions.perform(lead, t.id, 'accept');
          await cx.svc.transitions.perform(lead, t.id, 'submit');
          await cx.svc.transitions.perform(cx.coordinator, t.id, 'approve', { rating: '良' });
        }
        if (day === EXTENSION.on) {
          const t = find(EXTENSION.path, EXTENSION.code);
          const lead = await cx.leadOf(EXTENSION.code);
          await cx.svc.transitions.perform(lead, t.id, 'accept');
          await cx.svc.transitions.perform(lead, t.id, 'request_extension', { dueDate: EXTENSION.to, reason: '等待资金下达' });
          await cx.svc.transitions.perform(cx.coordinator, t.id, 'grant_extension', {});
        }
      },
    });
    expect(ticks).toBe(366 + 31);

    const expected = expectedSteps(cal, cx.tasks);
    const rows: Array<{ task_id: string; rule: string; step: string; deadline_version: number; action: string; state: string; day: string; step_day: string }> =
      await ds.query(
        `SELECT task_id, rule, step, deadline_version, action, state,
                to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
                to_char(step_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS step_day
           FROM escalation_steps`,
      );
    const taskById = new Map(cx.tasks.map((t) => [t.id, t]));
    const describeRow = (r: (typeof rows)[number]) => `${keyOf(taskById.get(r.task_id)!)}|${r.step}|v${r.deadline_version}|${r.day}|${r.action}`;
    const describeExpected = (s: ExpectedStep) => `${keyOf(s.task)}|${s.step}|v${s.version}|${s.day}|${s.action}`;

    // Nothing superseded, skipped or requested: every step came on its own day.
    expect(countBy(rows, (r) => r.state)).toEqual({ recorded: expected.length });
    expect(rows.every((r) => r.day === r.step_day)).toBe(true);
    expect(rows.map(describeRow).sort()).toEqual(expected.map(describeExpected).sort());

    // The totals per kind (derived above: 2024-12-31 tasks remind in December and climb the ladder
    // in January 2025; the 2023-12-31 tasks only climb the ladder in January 2024).
    const kinds = (xs: Array<{ rule: string; step: string }>) => countBy(xs, (x) => `${x.rule}:${x.step}`);
    expect(kinds(rows)).toEqual(kinds(expected));
    const d2023 = cx.tasks.filter((t) => t.deadline === '2023-12-31');
    const d2024 = cx.tasks.filter((t) => t.deadline === '2024-12-31');
    const d2025 = cx.tasks.filter((t) => t.deadline === '2025-12-31');
    expect(d2023.length + d2024.length + d2025.length).toBe(cx.tasks.length);
    // 2023-12-31 tasks: the Sunday deadline counts from 01-02 (New Year's Day is off). Only the
    // due-day reminder is owed (the others are dated before the plan was loaded); the ladder runs
    // +1 = 01-03, +5 = 01-09, +10 = 01-16.
    const steps2023 = rows.filter((r) => d2023.some((t) => t.id === r.task_id));
    expect([...new Set(steps2023.filter((r) => r.rule === 'reminder').map((r) => `${r.step}@${r.day}`))]).toEqual(['due@2024-01-02']);
    expect([...new Set(steps2023.filter((r) => r.rule === 'ladder').map((r) => `${r.step}@${r.day}`))].sort()).toEqual(['+1@2024-01-03', '+5@2024-01-09', '+10@2024-01-16'].sort());
    expect(steps2023.filter((r) => r.step === '+1')).toHaveLength(d2023.length);
    expect(steps2023.filter((r) => r.step === '+10')).toHaveLength(d2023.length - 1); // one completed late
    // 2025-12-31 tasks: nothing is due before February 2025.
    expect(rows.filter((r) => d2025.some((t) => t.id === r.task_id))).toEqual([]);

    // Completed tasks: no step on or after the completion day.
    for (const c of COMPLETIONS) {
      const t = find(c.path, c.code);
      expect(rows.filter((r) => r.task_id === t.id && r.day >= c.on).map(describeRow)).toEqual([]);
    }
    expect(rows.filter((r) => r.task_id === find('三.(一).1', 'chuxiong.party.edu-work').id).map((r) => r.step)).toEqual(['due', '+1']);

    // The extended task: the first deadline's T-7 and T-3, then the new deadline's full run.
    const ext = find(EXTENSION.path, EXTENSION.code);
    const extSteps = rows.filter((r) => r.task_id === ext.id).sort((a, b) => a.day.localeCompare(b.day)).map((r) => `v${r.deadline_version} ${r.step} ${r.day}`);
    const v2 = (n: number) => cal.addWorkingDays(EXTENSION.to, n);
    expect(extSteps).toEqual([
      `v1 T-7 ${cal.addWorkingDays('2024-12-31', -7)}`,
      `v1 T-3 ${cal.addWorkingDays('2024-12-31', -3)}`,
      `v2 T-7 ${v2(-7)}`,
      `v2 T-3 ${v2(-3)}`,
      `v2 T-1 ${v2(-1)}`,
      `v2 due ${EXTENSION.to}`,
      `v2 +1 ${v2(1)}`,
      `v2 +5 ${v2(5)}`,
      `v2 +10 ${v2(10)}`,
    ]);
    expect(v2(-7)).toBe('2024-12-31'); // seven working days back across New Year's Day

    // Notifications: one in-app message per recipient of each step, all delivered; one digest per
    // recipient per Shanghai day.
    const userIds = new Map<string, string>(
      (await ds.query(`SELECT username, id FROM users`)).map((u: { username: string; id: string }) => [u.username, u.id]),
    );
    const messages = expected.flatMap((s) => recipientsOf(s).map((u) => ({ user: userIds.get(u)!, day: s.day })));
    expect(messages.every((m) => m.user)).toBe(true);
    const notes: Array<{ user_id: string; channel: string; state: string; day: string; digest_key: string }> = await ds.query(
      `SELECT user_id, channel, state, digest_key, to_char(sent_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM notifications`,
    );
    expect(notes).toHaveLength(messages.length);
    expect(countBy(notes, (n) => `${n.channel}:${n.state}`)).toEqual({ 'in_app:sent': messages.length });
    expect(countBy(notes, (n) => `${n.user_id}|${n.day}`)).toEqual(countBy(messages, (m) => `${m.user}|${m.day}`));
    const digests = new Set(messages.map((m) => `${m.user}|${m.day}`)).size;
    expect(new Set(notes.map((n) => n.digest_key)).size).toBe(digests);
    expect(sim.email.messages).toEqual([]);
    expect(sim.webhook.messages).toEqual([]);

    // The numbers, for the record (each derived above, none read from the engine).
    process.stdout.write(
      `chuxiong year: ${cx.tasks.length} tasks; steps ${JSON.stringify(kinds(expected))}; ` +
        `${messages.length} notifications; ${digests} digests\n`,
    );
  }, 120_000);
});
