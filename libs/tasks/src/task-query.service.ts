import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { taskScope, type Actor } from '@duban/access';
import { TASK_EVENT_LABELS, TASK_STATUSES, verifyChain, type ChainVerdict, type TaskEventType, type TaskStatus } from '@duban/domain';
import { DepartmentEntity, TaskEntity, TaskEventEntity } from '@duban/persistence';
import { loadVisibleTask } from './visible-task.js';
import { toTaskView, type TaskView } from './task-view.js';

export interface TaskFilter {
  status?: TaskStatus;
  planId?: string;
  departmentId?: string;
  limit?: number;
  offset?: number;
}

export interface TaskEventView {
  id: string;
  seq: number;
  type: string;
  label: string;
  actorId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

/** The read side of tasks, always through the caller's scope. */
@Injectable()
export class TaskQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: TaskFilter = {}): Promise<{ total: number; items: TaskView[] }> {
    const scope = taskScope(actor);
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .innerJoin(DepartmentEntity, 'd', 'd.id = t.department_id')
      .where(scope.sql, scope.params)
      .orderBy('t.due_date', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .take(Math.min(filter.limit ?? 100, 500))
      .skip(filter.offset ?? 0);
    if (filter.status && TASK_STATUSES.includes(filter.status)) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.planId) qb.andWhere('t.plan_id = :planId', { planId: filter.planId });
    if (filter.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: filter.departmentId });
    const [rows, total] = await qb.getManyAndCount();
    return { total, items: rows.map(toTaskView) };
  }

  async get(actor: Actor, taskId: string): Promise<TaskView> {
    return toTaskView(await loadVisibleTask(this.dataSource.manager, actor, taskId));
  }

  async events(actor: Actor, taskId: string): Promise<TaskEventView[]> {
    const task = await loadVisibleTask(this.dataSource.manager, actor, taskId);
    const events = await this.loadEvents(task.id);
    return events.map((e) => ({
      id: e.id,
      seq: e.seq,
      type: e.type,
      label: TASK_EVENT_LABELS[e.type as TaskEventType] ?? e.type,
      actorId: e.actorId,
      occurredAt: e.occurredAt.toISOString(),
      payload: e.payload,
      prevHash: e.prevHash,
      hash: e.hash,
    }));
  }

  /** Recomputes the task's hash chain and checks it ends at the head the task row remembers. */
  async verifyChain(actor: Actor, taskId: string): Promise<ChainVerdict> {
    const task = await loadVisibleTask(this.dataSource.manager, actor, taskId);
    return verifyTaskChain(task, await this.loadEvents(task.id));
  }

  private loadEvents(taskId: string): Promise<TaskEventEntity[]> {
    return this.dataSource.getRepository(TaskEventEntity).find({ where: { taskId }, order: { seq: 'ASC' } });
  }
}

/** A chain is intact when every link holds and its head is the hash the task row recorded last. */
export function verifyTaskChain(task: Pick<TaskEntity, 'lastEventSeq' | 'lastEventHash'>, events: TaskEventEntity[]): ChainVerdict {
  const verdict = verifyChain(events);
  if (!verdict.valid) return verdict;
  if (verdict.length !== task.lastEventSeq || verdict.headHash !== task.lastEventHash) {
    return {
      valid: false,
      length: verdict.length,
      brokenAtSeq: Math.min(verdict.length, task.lastEventSeq) + 1,
      reason: `the chain ends at seq ${verdict.length} but the task records ${task.lastEventSeq} events (events were removed or added)`,
    };
  }
  return verdict;
}
