import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DubanError, scopedTasks, type Actor } from '@duban/access';
import { manualUrgeKey, manualUrgeText } from '@duban/escalation';
import { notificationRows } from './notification-rows.js';
import { storedPlanPolicy } from './plan-policies.js';
import { RecipientDirectory } from './recipients.js';
import { recordSteps, type StepRow } from './step-recorder.js';

export interface ManualUrgeCommand {
  note?: string;
  /** Idempotency key of the request (a retried click is one 催办); defaults to a fresh id. */
  requestId?: string;
}

export interface ManualUrgeResult {
  stepId: string;
  step: string;
  created: boolean;
  notifications: number;
}

/**
 * A coordinator's own 催办 of one task, recorded as a step (rule 'manual') with its notifications
 * to the department, in one transaction, under a key made of the request id: repeating the same
 * request records nothing new.
 */
export class ManualUrgeUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async urge(actor: Actor, taskId: string, cmd: ManualUrgeCommand, now: Date): Promise<ManualUrgeResult> {
    if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室可以催办');
    const requestId = cmd.requestId ?? randomUUID();
    if (!/^[A-Za-z0-9-]{1,64}$/.test(requestId)) throw new DubanError('invalid', 'requestId 只能包含字母、数字和连字符（最长64位）', { field: 'requestId' });
    const note = cmd.note?.trim() || null;
    if (note && note.length > 500) throw new DubanError('invalid', '督办意见不能超过500字', { field: 'note' });
    return this.dataSource.transaction(async (m) => {
      const task = await scopedTasks(
        m.createQueryBuilder().select([
          't.id AS id',
          't.status AS status',
          "to_char(t.due_date, 'YYYY-MM-DD') AS due_date",
          't.deadline_version AS deadline_version',
          't.department_id AS department_id',
          'd.name AS department_name',
          'p.id AS plan_id',
          'p.jurisdiction_id AS jurisdiction_id',
          'p.escalation_policy AS escalation_policy',
          'i.heading AS heading',
        ]),
        actor,
      )
        .andWhere('t.id = :taskId', { taskId })
        .setLock('pessimistic_write', undefined, ['t'])
        .getRawOne<{ id: string; status: string; due_date: string; deadline_version: number; department_id: string; department_name: string; plan_id: string; jurisdiction_id: string; escalation_policy: unknown; heading: string }>();
      if (!task) throw DubanError.notFound('任务', taskId);
      if (['completed', 'cancelled'].includes(task.status)) {
        throw new DubanError('conflict', `任务已${task.status === 'completed' ? '办结' : '撤销'}，无需催办`, { currentStatus: task.status });
      }
      // Rejects a request id that cannot be part of a step key ('|', empty) before anything is written.
      manualUrgeKey(task.id, task.deadline_version, requestId);
      const stepName = `urge-${requestId}`;
      const office: Array<{ name: string }> = await m.query(`SELECT name FROM departments WHERE id = $1`, [actor.departmentId]);
      const row: StepRow = {
        id: randomUUID(),
        task_id: task.id,
        rule: 'manual',
        step: stepName,
        deadline_version: task.deadline_version,
        state: 'recorded',
        skip_reason: null,
        department_id: task.department_id,
        due_date: task.due_date,
        step_at: now.toISOString(),
        recorded_at: now.toISOString(),
        colour: null,
        action: 'urge',
        critical: false,
        flag_interview: false,
        provisional: false,
        actor_id: actor.userId,
        note,
      };
      const directory = await RecipientDirectory.load(m, [task.department_id], [task.jurisdiction_id]);
      const users = directory.resolve([{ kind: 'lead', departmentId: task.department_id }], task.jurisdiction_id);
      const body = manualUrgeText(
        { taskTitle: task.heading, leadDepartmentName: task.department_name, dueDate: task.due_date },
        office[0]?.name ?? '督查室',
        note ?? undefined,
      );
      const written = await recordSteps(m, [row], notificationRows(row, users, directory, body, now, storedPlanPolicy(task.plan_id, task.escalation_policy)));
      if (written.stepIds.has(row.id)) return { stepId: row.id, step: stepName, created: true, notifications: written.notificationIds.length };
      const existing: Array<{ id: string }> = await m.query(
        `SELECT id FROM escalation_steps WHERE task_id = $1 AND rule = 'manual' AND step = $2 AND deadline_version = $3`,
        [task.id, stepName, task.deadline_version],
      );
      return { stepId: existing[0]!.id, step: stepName, created: false, notifications: 0 };
    });
  }
}
