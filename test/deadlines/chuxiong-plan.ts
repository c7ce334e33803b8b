import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import type { FixedClock } from '@duban/clock';
import { UserService } from '@duban/organization';
import { loadRegistryFile } from '@duban/registry';
import { actionItems, departmentsUsed, loadSamplePlan, type SamplePlan } from '../../apps/cli/src/commands/sample-plan.js';
import { registryFile, samplePlanFile } from '../../apps/cli/src/commands/repo-paths.js';
import { seedJurisdiction } from '../../apps/cli/src/commands/seed.command.js';
import { services } from '../support/world.js';

export interface ChuxiongTask {
  id: string;
  path: string;
  deadline: string;
  departmentCode: string;
  departmentId: string;
  role: 'lead' | 'support';
}

export interface LoadedChuxiong {
  plan: SamplePlan;
  tasks: ChuxiongTask[];
  coordinator: Actor;
  /** The department lead's actor per registry code (the CLI seed makes one `<code>.lead` per department used). */
  leadOf(code: string): Promise<Actor>;
  departmentIds: Map<string, string>;
  jurisdictionId: string;
  svc: ReturnType<typeof services>;
}

/**
 * Loads the Chuxiong sample plan the way the CLI does (registry departments + demo users via the
 * seed command, the plan and every lead/support assignment via the use-cases) at the clock's time.
 */
export async function loadChuxiongPlan(ds: DataSource, clock: FixedClock): Promise<LoadedChuxiong> {
  const registry = loadRegistryFile(registryFile('chuxiong'));
  const plan = loadSamplePlan(samplePlanFile('chuxiong'), registry);
  const seeded = await seedJurisdiction(ds, { registry, departmentCodesForLeads: departmentsUsed(plan), password: 'duban-test-pass' });
  const svc = services(ds, clock);
  const users = new UserService(ds);
  const actorOf = async (username: string): Promise<Actor> => {
    const rows: Array<{ id: string }> = await ds.query('SELECT id FROM users WHERE username = $1', [username]);
    const actor = rows[0] ? await users.loadActor(rows[0].id) : null;
    if (!actor) throw new Error(`seeded user ${username} is missing`);
    return actor;
  };
  const coordinator = await actorOf('chuxiong.coordinator');
  const created = await svc.plans.create(coordinator, {
    title: plan.title,
    issuers: plan.issuers,
    docNumber: plan.docNumber,
    issueDate: plan.issueDate,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
  });
  const items = await svc.plans.addItems(
    coordinator,
    created.id,
    plan.items.map((i) => ({
      path: i.path,
      kind: i.lead ? ('task' as const) : ('heading' as const),
      heading: i.heading,
      text: i.text ?? '',
      deadline: i.lead ? (i.deadline ?? null) : null,
      targets: i.targets ?? [],
    })),
  );
  const itemIds = new Map(items.map((i) => [i.path, i.id]));
  const ids = seeded.departmentIds;
  const codeOf = new Map([...ids].map(([code, id]) => [id, code]));
  const tasks: ChuxiongTask[] = [];
  for (const item of actionItems(plan)) {
    if (!item.deadline) throw new Error(`sample plan item ${item.path} has no deadline`);
    const assigned = await svc.assignment.assign(coordinator, {
      planId: created.id,
      planItemId: itemIds.get(item.path)!,
      leadDepartmentId: ids.get(item.lead)!,
      supportDepartmentIds: (item.support ?? []).map((c) => ids.get(c)!),
    });
    for (const t of assigned) {
      const code = codeOf.get(t.departmentId)!;
      tasks.push({ id: t.id, path: item.path, deadline: item.deadline, departmentCode: code, departmentId: t.departmentId, role: code === item.lead ? 'lead' : 'support' });
    }
  }
  return {
    plan,
    tasks,
    coordinator,
    leadOf: (code) => actorOf(`${code}.lead`),
    departmentIds: ids,
    jurisdictionId: ids.get('chuxiong')!,
    svc,
  };
}
