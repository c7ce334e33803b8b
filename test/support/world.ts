import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { FixedClock } from '@duban/clock';
import type { UserRole } from '@duban/domain';
import { DepartmentService, UserService } from '@duban/organization';
import { PlanService } from '@duban/plans';
import { AttachmentService, TaskAssignmentUseCase, TaskQueryService, TaskTransitionUseCase } from '@duban/tasks';

/** The use-cases wired by hand over one DataSource and one clock, as the Nest modules wire them. */
export function services(ds: DataSource, clock: FixedClock) {
  const plans = new PlanService(ds, clock);
  return {
    departments: new DepartmentService(ds),
    users: new UserService(ds),
    plans,
    assignment: new TaskAssignmentUseCase(ds, plans, clock),
    transitions: new TaskTransitionUseCase(ds, clock),
    queries: new TaskQueryService(ds),
    attachments: new AttachmentService(ds, clock),
  };
}

export const PASSWORD = 'duban-test-pass';

export interface World {
  clock: FixedClock;
  svc: ReturnType<typeof services>;
  departments: { city: string; deptA: string; deptB: string; otherCity: string };
  actors: Record<'coordinator' | 'leadA' | 'staffA' | 'leadB' | 'assessor' | 'admin' | 'otherCoordinator', Actor>;
  usernames: Record<string, string>;
}

/**
 * A small jurisdiction: a city government with two bureaus (A and B), and a second city whose
 * coordinator must see none of it. One user per role.
 */
export async function buildWorld(ds: DataSource, start = '2024-03-01T02:00:00Z'): Promise<World> {
  const clock = new FixedClock(start);
  const svc = services(ds, clock);
  const city = await svc.departments.create(null, { code: 'city', name: '楚雄州人民政府', kind: 'government' });
  const deptA = await svc.departments.create(null, { code: 'city.edu', name: '州教育体育局', kind: 'bureau', parentId: city.id, aliases: ['州教体局'] });
  const deptB = await svc.departments.create(null, { code: 'city.fin', name: '州财政局', kind: 'bureau', parentId: city.id });
  const office = await svc.departments.create(null, { code: 'city.office', name: '州政府督查室', kind: 'office', parentId: city.id });
  const otherCity = await svc.departments.create(null, { code: 'other', name: '抚顺市人民政府', kind: 'government' });

  const specs: Array<[keyof World['actors'], UserRole, string, string | null]> = [
    ['coordinator', 'coordinator', office.id, city.id],
    ['leadA', 'department_lead', deptA.id, null],
    ['staffA', 'department_staff', deptA.id, null],
    ['leadB', 'department_lead', deptB.id, null],
    ['assessor', 'assessor', office.id, city.id],
    ['admin', 'admin', office.id, null],
    ['otherCoordinator', 'coordinator', otherCity.id, otherCity.id],
  ];
  const actors = {} as World['actors'];
  const usernames: Record<string, string> = {};
  for (const [key, role, departmentId, jurisdictionId] of specs) {
    const u = await svc.users.create(null, { username: key, displayName: key, password: PASSWORD, role, departmentId, jurisdictionId });
    actors[key] = (await svc.users.loadActor(u.id))!;
    usernames[key] = u.username;
  }
  return { clock, svc, departments: { city: city.id, deptA: deptA.id, deptB: deptB.id, otherCity: otherCity.id }, actors, usernames };
}

/** A plan with one action assigned to A (lead) and B (support); returns the lead's and the support's task ids. */
export async function assignedAction(world: World, dueDate = '2024-12-31') {
  const { svc, actors, departments } = world;
  const plan = await svc.plans.create(actors.coordinator, { title: '楚雄州教育高质量发展三年行动实施方案', periodStart: 2023, periodEnd: 2025 });
  const [, item] = await svc.plans.addItems(actors.coordinator, plan.id, [
    { path: '三', kind: 'heading', heading: '重点任务' },
    { path: '三.1', kind: 'task', heading: '增强学校基层党组织政治功能和组织功能', deadline: dueDate },
  ]);
  const tasks = await svc.assignment.assign(actors.coordinator, {
    planId: plan.id,
    planItemId: item.id,
    leadDepartmentId: departments.deptA,
    supportDepartmentIds: [departments.deptB],
  });
  return { planId: plan.id, itemId: item.id, leadTaskId: tasks[0].id, supportTaskId: tasks[1].id };
}
