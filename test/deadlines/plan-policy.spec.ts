import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { type WorkingCalendar, addDays, shanghaiInstant } from '@duban/calendar';
import { BoardQuery, CalendarRepository, ManualUrgeUseCase } from '@duban/deadlines';
import { PlanPolicyUseCase } from '@duban/plans';
import { type TestDatabase } from '../support/test-database.js';
import { type World } from '../support/world.js';
import { closeEngineDatabase, engine, morning, openEngineDatabase } from './engine-harness.js';

/**
 * Three plans in one database, one action each, all due 2024-03-20, lead department A:
 * - DEFAULT sets nothing: the defaults from practice (T-7/T-3/T-1/due, +1/+5/+10);
 * - FAST sets T-10/T-5/T-1 reminders and a +2/+4/+6 ladder from the start;
 * - SWITCHED starts on the defaults and switches to T-10/T-5/T-1 the morning after its T-7 went out.
 * The expected days come from the jurisdiction's calendar (working days around the due date), not
 * from hand-written dates, so a calendar change moves both sides alike.
 */
const DUE = '2024-03-20';
const FAST_LADDER = [
  { workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'] },
  { workingDaysAfter: 4, colour: 'red', action: 'supervise', audience: ['coordinating-office', 'lead'] },
  { workingDaysAfter: 6, colour: 'red', action: 'escalate', audience: ['leadership', 'coordinating-office'], flagInterview: true, critical: true },
];

describe('escalation policy per plan', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;
  let calendar: WorkingCalendar;
  let policies: PlanPolicyUseCase;
  const plans: Record<'DEFAULT' | 'FAST' | 'SWITCHED', { planId: string; taskId: string }> = {} as never;

  async function planWithTask(title: string): Promise<{ planId: string; taskId: string }> {
    const { svc, actors, departments } = world;
    const plan = await svc.plans.create(actors.coordinator, { title });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: `${title}事项`, deadline: DUE }]);
    const [task] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item!.id, leadDepartmentId: departments.deptA });
    return { planId: plan.id, taskId: task!.id };
  }

  /** The day (Shanghai) each recorded step of a task was recorded on, with its action. */
  async function recorded(taskId: string): Promise<Record<string, string>> {
    const rows: Array<{ step: string; day: string; action: string }> = await ds.query(
      `SELECT step, action, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
         FROM escalation_steps WHERE task_id = $1 AND state = 'recorded' ORDER BY step_at`,
      [taskId],
    );
    return Object.fromEntries(rows.map((r) => [r.step, `${r.day} ${r.action}`]));
  }

  const before = (n: number) => calendar.addWorkingDays(DUE, -n);
  const after = (n: number) => calendar.addWorkingDays(DUE, n);

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    calendar = await new CalendarRepository(ds).calendarFor(world.departments.city);
    policies = new PlanPolicyUseCase(ds, world.svc.plans);
    plans.DEFAULT = await planWithTask('默认规则方案');
    plans.FAST = await planWithTask('加快督办方案');
    plans.SWITCHED = await planWithTask('中途调整方案');
    await policies.replace(world.actors.coordinator, plans.FAST.planId, { reminders: { workingDaysBefore: [10, 5, 1] }, ladder: { rules: FAST_LADDER } }, world.clock.now());
  }, 60_000);

  afterAll(async () => {
    await closeEngineDatabase(ds, db);
  });

  it('sweeps each plan by its own policy over a simulated month; a mid-way change follows the new days without repeating', async () => {
    const { sweep } = engine(ds);
    let switched: Awaited<ReturnType<PlanPolicyUseCase['replace']>> | null = null;
    for (let d = '2024-03-01'; d <= '2024-04-12'; d = addDays(d, 1)) {
      world.clock.set(morning(d));
      if (d === addDays(before(7), 1)) {
        switched = await policies.replace(world.actors.coordinator, plans.SWITCHED.planId, { reminders: { workingDaysBefore: [10, 5, 1] } }, world.clock.now());
        const [row] = await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [plans.SWITCHED.taskId]);
        expect(new Date(row.next_action_at).getTime()).toBe(world.clock.now().getTime()); // handed back to the sweep
      }
      await sweep.runOnce(world.clock.now());
      expect((await sweep.runOnce(world.clock.now())).steps).toBe(0);
    }

    expect(await recorded(plans.DEFAULT.taskId)).toEqual({
      'T-7': `${before(7)} remind`,
      'T-3': `${before(3)} remind`,
      'T-1': `${before(1)} remind`,
      due: `${DUE} remind`,
      '+1': `${after(1)} urge`,
      '+5': `${after(5)} supervise`,
      '+10': `${after(10)} escalate`,
    });
    expect(await recorded(plans.FAST.taskId)).toEqual({
      'T-10': `${before(10)} remind`,
      'T-5': `${before(5)} remind`,
      'T-1': `${before(1)} remind`,
      '+2': `${after(2)} urge`,
      '+4': `${after(4)} supervise`,
      '+6': `${after(6)} escalate`,
    });
    // T-7 went out under the defaults; T-10 (already past when the plan switched, and behind T-7) is
    // not owed; T-3 and the due-day reminder are no longer in the policy; T-5 and T-1 follow it.
    expect(switched).toMatchObject({ replannedTasks: 1, overridden: ['reminders.workingDaysBefore'] });
    expect(await recorded(plans.SWITCHED.taskId)).toEqual({
      'T-7': `${before(7)} remind`,
      'T-5': `${before(5)} remind`,
      'T-1': `${before(1)} remind`,
      '+1': `${after(1)} urge`,
      '+5': `${after(5)} supervise`,
      '+10': `${after(10)} escalate`,
    });
    const skipped = await ds.query(`SELECT count(*)::int AS n FROM escalation_steps WHERE state <> 'recorded'`);
    expect(skipped[0].n).toBe(0);

    // The fast plan's +6 is critical and flags the interview, as its rule says; its +2 speaks to the department only.
    const fast: Array<{ step: string; critical: boolean; flag_interview: boolean; colour: string }> = await ds.query(
      `SELECT step, critical, flag_interview, colour FROM escalation_steps WHERE task_id = $1 AND rule = 'ladder' ORDER BY step_at`,
      [plans.FAST.taskId],
    );
    expect(fast).toEqual([
      { step: '+2', critical: false, flag_interview: false, colour: 'yellow' },
      { step: '+4', critical: false, flag_interview: false, colour: 'red' },
      { step: '+6', critical: true, flag_interview: true, colour: 'red' },
    ]);
    const audiences = await ds.query(
      `SELECT s.step, array_agg(DISTINCT n.audience ORDER BY n.audience) AS audiences
         FROM notifications n JOIN escalation_steps s ON s.id = n.step_id
        WHERE s.task_id = $1 AND s.rule = 'ladder' GROUP BY s.step ORDER BY s.step`,
      [plans.FAST.taskId],
    );
    expect(audiences).toEqual([
      { step: '+2', audiences: ['department'] },
      { step: '+4', audiences: ['coordinating-office', 'department'] },
      { step: '+6', audiences: ['leadership'] }, // no leader registered: the coordinator, once, as leadership
    ]);
  });

  it('reads the resolved policy with the overridden fields, and restores the defaults with {}', async () => {
    const view = await policies.view(world.actors.leadA, plans.FAST.planId);
    expect(view.overridden).toEqual(['reminders.workingDaysBefore', 'ladder.rules']);
    expect(view.policy.reminders).toEqual({ workingDaysBefore: [10, 5, 1], audience: ['lead', 'support'], sendAt: '09:00' });
    expect(view.policy.pausedStatuses).toEqual(['submitted', 'declined']); // the engine's own, not the plan's to change
    expect(view.policy.ladder.rules.map((r) => r.workingDaysAfter)).toEqual([2, 4, 6]);
    const reset = await policies.replace(world.actors.admin, plans.FAST.planId, {}, world.clock.now());
    expect(reset).toMatchObject({ overrides: {}, overridden: [] });
    expect(reset.policy.reminders.workingDaysBefore).toEqual([7, 3, 1, 0]);
    const [row] = await ds.query(`SELECT escalation_policy FROM plans WHERE id = $1`, [plans.FAST.planId]);
    expect(row.escalation_policy).toBeNull();
  });

  it("colours the board by each plan's own thresholds", async () => {
    const { svc, actors, departments } = world;
    world.clock.set(morning('2024-06-03'));
    const strict = await svc.plans.create(actors.coordinator, { title: '严格亮灯方案' });
    const lenient = await svc.plans.create(actors.coordinator, { title: '默认亮灯方案' });
    for (const [plan, heading] of [[strict, '严格事项'], [lenient, '默认事项']] as const) {
      const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading, deadline: '2024-12-31' }]);
      const [task] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item!.id, leadDepartmentId: departments.deptB });
      await svc.transitions.perform(actors.leadB, task!.id, 'accept');
    }
    await policies.replace(actors.coordinator, strict.id, { trafficLight: { yellowBehind: 1, redBehind: 2 } }, world.clock.now());
    // Six working days in (端午 06-10 is off) with 0 % reported: ~4 points behind 序时进度 — green
    // under the defaults (yellow from 10), red under the strict plan (red above 2).
    world.clock.set(morning('2024-06-12'));
    const board = await new BoardQuery(ds).board(actors.coordinator, world.clock.now());
    const b = board.colours.find((c) => c.departmentId === departments.deptB)!;
    expect({ red: b.red, green: b.green }).toEqual({ red: 1, green: 1 });
  });

  it("holds a late-evening 催办 by the plan's own quiet hours", async () => {
    const { actors } = world;
    await policies.replace(actors.coordinator, plans.SWITCHED.planId, { quietHours: null }, world.clock.now());
    const late = shanghaiInstant('2024-06-12', 23, 0);
    const urges = new ManualUrgeUseCase(ds);
    const quiet = await urges.urge(actors.coordinator, plans.DEFAULT.taskId, { requestId: 'late-default' }, late);
    const none = await urges.urge(actors.coordinator, plans.SWITCHED.taskId, { requestId: 'late-switched' }, late);
    const deliverAt = async (stepId: string) =>
      (await ds.query(`SELECT DISTINCT deliver_at FROM notifications WHERE step_id = $1`, [stepId])).map((r: { deliver_at: Date }) => new Date(r.deliver_at).toISOString());
    expect(await deliverAt(quiet.stepId)).toEqual([shanghaiInstant('2024-06-13', 7, 0).toISOString()]); // defaults: 22:00–07:00
    expect(await deliverAt(none.stepId)).toEqual([late.toISOString()]); // this plan has no quiet hours
  });
});
