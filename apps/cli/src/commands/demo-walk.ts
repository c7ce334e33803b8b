import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { FixedClock } from '@duban/clock';
import { UserService } from '@duban/organization';
import { PlanService } from '@duban/plans';
import { AttachmentService, TaskAssignmentUseCase, TaskTransitionUseCase } from '@duban/tasks';
import { DEMO_MISASSIGNMENT, DEMO_START, itemNumber, type DemoStep } from './demo-scenario.js';
import { actionItems, type SamplePlan } from './sample-plan.js';

export interface WalkedPlan {
  planId: string;
  title: string;
  /** Task ids by `<item number>:<department code it was first assigned to>`. */
  tasks: Map<string, string>;
  steps: number;
}

export const taskKey = (item: number, departmentCode: string) => `${item}:${departmentCode}`;

/** A plan title not used yet: the official title first, then the same with the run number. */
async function freshTitle(ds: DataSource, title: string): Promise<string> {
  const rows: Array<{ n: number }> = await ds.query(
    `SELECT count(*)::int AS n FROM plans WHERE title = $1 OR starts_with(title, $2)`,
    [title, `${title}（演示第`],
  );
  return rows[0].n === 0 ? title : `${title}（演示第${rows[0].n + 1}轮）`;
}

/** Plays every scenario step due at or before `until`, in order; returns how many it played. */
export type PlayUntil = (until: Date) => Promise<number>;

/**
 * Creates the sample plan through the real use-cases as the coordinator, assigns every action, then
 * plays the scenario as the real actors on a simulated clock. Every step goes through the state
 * machine and writes its event and outbox row, exactly as the API would. With `drive`, the caller
 * decides when time advances (the demo's deadline simulation plays the steps tick by tick, so the
 * sweep sees each task as it stood that day); steps left over afterwards are played at the end.
 */
export async function walkDemo(
  ds: DataSource,
  opts: { plan: SamplePlan; departmentIds: Map<string, string>; coordinatorUsername: string; steps: DemoStep[] },
  drive?: (play: PlayUntil) => Promise<void>,
): Promise<WalkedPlan> {
  const clock = new FixedClock(DEMO_START);
  const plans = new PlanService(ds, clock);
  const users = new UserService(ds);
  const assignment = new TaskAssignmentUseCase(ds, plans, clock);
  const transitions = new TaskTransitionUseCase(ds, clock);
  const attachments = new AttachmentService(ds, clock);

  const actors = new Map<string, Actor>();
  const actorByUsername = async (username: string): Promise<Actor> => {
    const cached = actors.get(username);
    if (cached) return cached;
    const rows: Array<{ id: string }> = await ds.query('SELECT id FROM users WHERE username = $1', [username]);
    const actor = rows[0] ? await users.loadActor(rows[0].id) : null;
    if (!actor) throw new Error(`demo user ${username} is missing or inactive: run \`npm run duban -- seed\``);
    actors.set(username, actor);
    return actor;
  };
  const deptId = (code: string) => {
    const id = opts.departmentIds.get(code);
    if (!id) throw new Error(`department ${code} was not seeded`);
    return id;
  };
  const coordinator = await actorByUsername(opts.coordinatorUsername);

  const { plan } = opts;
  const title = await freshTitle(ds, plan.title);
  const created = await plans.create(coordinator, {
    title,
    issuers: plan.issuers,
    docNumber: plan.docNumber,
    issueDate: plan.issueDate,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
  });
  const items = await plans.addItems(
    coordinator,
    created.id,
    plan.items.map((i) => ({
      path: i.path,
      kind: i.lead ? ('task' as const) : ('heading' as const),
      heading: i.heading,
      text: i.text ?? '',
      deadline: i.lead ? (i.deadline ?? `${plan.periodEnd ?? new Date(DEMO_START).getUTCFullYear()}-12-31`) : null,
      targets: i.targets ?? [],
    })),
  );
  const itemIds = new Map(items.map((i) => [i.path, i.id]));

  const tasks = new Map<string, string>();
  for (const item of actionItems(plan)) {
    const n = itemNumber(item.path);
    const support = [...(item.support ?? [])];
    if (n === DEMO_MISASSIGNMENT.item && opts.departmentIds.has(DEMO_MISASSIGNMENT.department)) support.push(DEMO_MISASSIGNMENT.department);
    const assigned = await assignment.assign(coordinator, {
      planId: created.id,
      planItemId: itemIds.get(item.path)!,
      leadDepartmentId: deptId(item.lead),
      supportDepartmentIds: support.map(deptId),
    });
    const codeOf = new Map([item.lead, ...support].map((c) => [deptId(c), c]));
    for (const t of assigned) tasks.set(taskKey(n, codeOf.get(t.departmentId)!), t.id);
  }

  let last = clock.now().getTime();
  let next = 0;
  const play: PlayUntil = async (until) => {
    const from = next;
    while (next < opts.steps.length && new Date(opts.steps[next].at).getTime() <= until.getTime()) await perform(opts.steps[next++]);
    return next - from;
  };
  const perform = async (step: DemoStep) => {
    const when = new Date(step.at);
    if (when.getTime() < last) throw new Error(`demo steps out of order at ${step.at}`);
    last = when.getTime();
    clock.set(when);
    const taskId = tasks.get(taskKey(step.item, step.assignedTo));
    if (!taskId) throw new Error(`demo step ${step.action}: no task for item ${step.item} and ${step.assignedTo}`);
    const actor = await actorByUsername(step.by === 'coordinator' ? opts.coordinatorUsername : `${step.by}.lead`);
    const input = { ...step.input };
    // Scenarios name departments by registry code; the use-case takes ids.
    if (input.departmentId) input.departmentId = deptId(input.departmentId);
    if (step.evidence) {
      // Multer hands over file names as latin1; the attachment service decodes them the same way.
      const originalName = Buffer.from(step.evidence.fileName, 'utf8').toString('latin1');
      const file = await attachments.upload(actor, taskId, { originalName, bytes: Buffer.from(step.evidence.text, 'utf8') });
      input.attachmentIds = [file.id];
    }
    try {
      await transitions.perform(actor, taskId, step.action, input);
    } catch (err) {
      throw new Error(`demo step failed: ${step.at} ${step.by} ${step.action} on item ${step.item} (${step.assignedTo}): ${(err as Error).message}`);
    }
  };
  if (drive) await drive(play);
  await play(new Date(8.64e15)); // the latest instant a Date can hold: whatever the drive left
  return { planId: created.id, title, tasks, steps: opts.steps.length };
}
