import type { EntityManager } from 'typeorm';
import { DubanError, isUuid, taskScope, type Actor } from '@duban/access';
import { DepartmentEntity, TaskEntity } from '@duban/persistence';

/** Loads a task only if the actor may see it; anything else (including a malformed id) is "not found". */
export async function loadVisibleTask(manager: EntityManager, actor: Actor, taskId: string): Promise<TaskEntity> {
  if (!isUuid(taskId)) throw DubanError.notFound('任务', taskId);
  const scope = taskScope(actor);
  const task = await manager
    .getRepository(TaskEntity)
    .createQueryBuilder('t')
    .innerJoin(DepartmentEntity, 'd', 'd.id = t.department_id')
    .where('t.id = :taskId', { taskId })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!task) throw DubanError.notFound('任务', taskId);
  return task;
}
