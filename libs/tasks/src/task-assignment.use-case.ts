import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { isCivilDate, type TaskRole } from '@duban/domain';
import { PlanService } from '@duban/plans';
import { DepartmentEntity, PlanItemEntity, TaskEntity } from '@duban/persistence';
import { insertAssignedTask } from './assigned-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface AssignCommand {
  planId: string;
  planItemId: string;
  leadDepartmentId: string;
  supportDepartmentIds?: string[];
  /** Defaults to the item's deadline. */
  dueDate?: string;
}

/**
 * 交办: turns one plan item into a task per responsible department (one lead, any supports), each
 * with its TaskAssigned event and outbox message, all in one transaction.
 */
@Injectable()
export class TaskAssignmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async assign(actor: Actor, cmd: AssignCommand): Promise<TaskView[]> {
    if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室可以交办任务');
    const supports = cmd.supportDepartmentIds ?? [];
    if (supports.includes(cmd.leadDepartmentId)) {
      throw new DubanError('invalid', '牵头单位不能同时是配合单位', { field: 'supportDepartmentIds' });
    }
    if (new Set(supports).size !== supports.length) {
      throw new DubanError('invalid', '配合单位有重复', { field: 'supportDepartmentIds' });
    }
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plans.getVisiblePlan(actor, cmd.planId, manager);
      const item = await manager.getRepository(PlanItemEntity).findOneBy({ id: cmd.planItemId, planId: plan.id });
      if (!item) throw DubanError.notFound('计划条目', cmd.planItemId);
      const dueDate = cmd.dueDate ?? item.deadline;
      if (!dueDate) throw new DubanError('invalid', '该条目没有完成时限，请指定 dueDate', { field: 'dueDate' });
      if (!isCivilDate(dueDate)) throw new DubanError('invalid', `完成时限无效：${dueDate}`, { field: 'dueDate' });

      const wanted: Array<[string, TaskRole]> = [[cmd.leadDepartmentId, 'lead'], ...supports.map((id): [string, TaskRole] => [id, 'support'])];
      const departments = await manager.getRepository(DepartmentEntity).findBy({ id: In(wanted.map(([id]) => id)) });
      const byId = new Map(departments.map((d) => [d.id, d]));
      for (const [id, role] of wanted) {
        const d = byId.get(id);
        const field = role === 'lead' ? 'leadDepartmentId' : 'supportDepartmentIds';
        if (!d) throw new DubanError('invalid', `单位不存在：${id}`, { field });
        if (!inJurisdiction(actor, d.path)) throw new DubanError('invalid', `单位“${d.name}”不在本辖区内`, { field });
      }
      // One lead per item: a second one would split the responsibility the plan gives to a single unit.
      const currentLead = await manager.getRepository(TaskEntity).findOneBy({ planItemId: item.id, role: 'lead', status: Not('cancelled') });
      if (currentLead) {
        const name = (await manager.getRepository(DepartmentEntity).findOneBy({ id: currentLead.departmentId }))?.name;
        throw new DubanError('conflict', `条目 ${item.path} 已有牵头单位“${name}”，如需更换请先撤销或改派原任务`, { field: 'leadDepartmentId' });
      }
      const taken = await manager.getRepository(TaskEntity).findBy({ planItemId: item.id, departmentId: In(wanted.map(([id]) => id)) });
      if (taken.length) {
        const names = taken.map((t) => byId.get(t.departmentId)?.name).join('、');
        throw new DubanError('conflict', `条目 ${item.path} 已交办给：${names}`, { field: 'leadDepartmentId' });
      }

      const now = this.clock.now();
      const created: TaskEntity[] = [];
      for (const [departmentId, role] of wanted) {
        const task = await insertAssignedTask(manager, {
          planId: plan.id,
          planItemId: item.id,
          path: item.path,
          heading: item.heading,
          departmentId,
          role,
          dueDate,
          actorId: actor.userId,
          now,
        });
        created.push(task);
      }
      return created.map(toTaskView);
    });
  }
}
