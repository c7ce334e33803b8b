import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, scopedTasks, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import {
  awaitedCoordinatorDecisions,
  COORDINATOR_TODO_KINDS,
  COORDINATOR_TODO_RULES,
  TASK_STATUS_LABELS,
  type CoordinatorTodoKind,
  type TaskAction,
  type TaskRole,
  type TaskStatus,
} from '@duban/domain';

export interface CoordinatorTodoItem {
  kind: CoordinatorTodoKind;
  /** 待审核办结 / 待重新交办 / 待审批延期 */
  label: string;
  taskId: string;
  title: string;
  planId: string;
  planTitle: string;
  departmentId: string;
  departmentName: string;
  role: TaskRole;
  status: TaskStatus;
  statusLabel: string;
  dueDate: string;
  /** When the department asked (申请办结, 退回交办, 申请延期): the list is oldest first. */
  waitingSince: string;
  /** The department's reason (退回交办, 申请延期), or null. */
  reason: string | null;
  /** Extension requests: the date asked for. */
  requestedDueDate: string | null;
  /** The coordinator's decisions on it (approve/return, reassign, grant_extension/deny_extension). */
  actions: TaskAction[];
}

export interface CoordinatorTodo {
  /** Every waiting decision of the jurisdiction by kind, and their sum (not limited by `limit`). */
  counts: Record<CoordinatorTodoKind, number> & { total: number };
  /** Oldest first; at most `limit`. */
  items: CoordinatorTodoItem[];
}

interface WaitingTaskRow {
  id: string;
  status: TaskStatus;
  role: TaskRole;
  due_date: string;
  pending_extension_until: string | null;
  plan_id: string;
  plan_title: string;
  department_id: string;
  department_name: string;
  heading: string;
}

interface StartEventRow {
  task_id: string;
  type: string;
  occurred_at: Date;
  payload: { reason?: string; requestedDueDate?: string };
}

/**
 * The coordinating office's own 待办: the decisions its jurisdiction's departments wait for. Read
 * straight from the tasks through the one scope rule, so it is current the moment a department acts.
 */
@Injectable()
export class CoordinatorTodoQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, opts: { limit?: number } = {}): Promise<CoordinatorTodo> {
    if (actor.role !== 'coordinator') throw new DubanError('forbidden', '督办待办仅供督查室使用');
    const now = this.clock.now();
    const tasks = await this.waitingTasks(actor);
    const started = await this.startEvents(tasks.map((t) => t.id));

    const items: CoordinatorTodoItem[] = [];
    for (const task of tasks) {
      const snapshot = { status: task.status, dueDate: task.due_date, hasPendingExtension: task.pending_extension_until !== null };
      for (const kind of awaitedCoordinatorDecisions(snapshot, now)) {
        const rule = COORDINATOR_TODO_RULES[kind];
        const event = started.get(`${task.id}|${rule.startedBy}`);
        if (!event) throw new Error(`task ${task.id} waits for ${kind} but has no ${rule.startedBy} event`);
        items.push({
          kind,
          label: rule.label,
          taskId: task.id,
          title: task.heading,
          planId: task.plan_id,
          planTitle: task.plan_title,
          departmentId: task.department_id,
          departmentName: task.department_name,
          role: task.role,
          status: task.status,
          statusLabel: TASK_STATUS_LABELS[task.status],
          dueDate: task.due_date,
          waitingSince: event.occurred_at.toISOString(),
          reason: event.payload.reason ?? null,
          requestedDueDate: kind === 'extension_decision' ? task.pending_extension_until : null,
          actions: [...rule.actions],
        });
      }
    }
    items.sort(
      (a, b) =>
        a.waitingSince.localeCompare(b.waitingSince) ||
        a.taskId.localeCompare(b.taskId) ||
        COORDINATOR_TODO_KINDS.indexOf(a.kind) - COORDINATOR_TODO_KINDS.indexOf(b.kind),
    );
    const counts = Object.fromEntries(COORDINATOR_TODO_KINDS.map((kind) => [kind, items.filter((item) => item.kind === kind).length])) as CoordinatorTodo['counts'];
    counts.total = items.length;
    return { counts, items: items.slice(0, Math.min(opts.limit ?? 100, 500)) };
  }

  /** Tasks of the caller's scope that may wait on a decision; the domain rule says which. */
  private waitingTasks(actor: Actor): Promise<WaitingTaskRow[]> {
    return scopedTasks(
      this.dataSource.createQueryBuilder().select([
        't.id AS id',
        't.status AS status',
        't.role AS role',
        "to_char(t.due_date, 'YYYY-MM-DD') AS due_date",
        "to_char(t.pending_extension_until, 'YYYY-MM-DD') AS pending_extension_until",
        't.plan_id AS plan_id',
        'p.title AS plan_title',
        't.department_id AS department_id',
        'd.name AS department_name',
        'i.heading AS heading',
      ]),
      actor,
    )
      .andWhere("(t.status IN ('submitted', 'declined') OR t.pending_extension_until IS NOT NULL)")
      .getRawMany<WaitingTaskRow>();
  }

  /** The latest event of each kind's starting type per task, keyed `taskId|type`. */
  private async startEvents(taskIds: string[]): Promise<Map<string, StartEventRow>> {
    if (taskIds.length === 0) return new Map();
    const types = COORDINATOR_TODO_KINDS.map((kind) => COORDINATOR_TODO_RULES[kind].startedBy);
    const rows: StartEventRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (task_id, type) task_id, type, occurred_at, payload
         FROM task_events WHERE task_id = ANY($1::uuid[]) AND type = ANY($2::text[])
        ORDER BY task_id, type, seq DESC`,
      [taskIds, types],
    );
    return new Map(rows.map((row) => [`${row.task_id}|${row.type}`, row]));
  }
}
