import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type EscalationTask,
  type PlannedStep,
  nextAction,
  stepKey,
  stepText,
} from '@duban/escalation';
import { CalendarCache, CalendarRepository } from './calendar.repository.js';
import { staleReason } from './delivery-recheck.js';
import { deliverInAppAtRecording, notificationRows } from './notification-rows.js';
import { PlanPolicyCache } from './plan-policies.js';
import { RecipientDirectory } from './recipients.js';
import { type NotificationRow, type StepRow, recordSteps } from './step-recorder.js';

export interface SweepOptions {
  /** Tasks per transaction. */
  batchSize?: number;
  /**
   * Batches in flight at once (each its own transaction; SKIP LOCKED keeps them disjoint), so
   * one batch's texts are computed in Node while another's rows are written. Default 2.
   */
  lanes?: number;
  /** Called after each committed batch (progress output, tests). */
  onBatch?: (batch: SweepResult) => void;
}

export interface SweepResult {
  tasks: number;
  steps: number;
  superseded: number;
  notifications: number;
  batches: number;
}

/**
 * The sweep's selection: the earliest-due tasks by the partial index on next_action_at, locked
 * with SKIP LOCKED so concurrent sweeps take disjoint batches, with what the texts need. ($1 now, $2 batch size.)
 */
export const DUE_TASKS_SQL = `WITH due AS (
   SELECT id FROM tasks WHERE next_action_at <= $1 ORDER BY next_action_at LIMIT $2 FOR UPDATE SKIP LOCKED)
 SELECT t.id, t.plan_id, t.status, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.deadline_version, t.department_id,
        t.assigned_at, p.jurisdiction_id, i.heading, d.name AS department_name
   FROM due JOIN tasks t ON t.id = due.id
   JOIN plans p ON p.id = t.plan_id
   JOIN plan_items i ON i.id = t.plan_item_id
   JOIN departments d ON d.id = t.department_id`;

interface DueTaskRow {
  id: string;
  plan_id: string;
  status: string;
  due_date: string;
  deadline_version: number;
  department_id: string;
  assigned_at: Date;
  jurisdiction_id: string;
  heading: string;
  department_name: string;
}

/**
 * The sweep: takes tasks whose next_action_at has come, in batches (FOR UPDATE SKIP LOCKED, so
 * any number of sweeps may run at once without doing a task twice), asks the pure policy what is
 * due, and records the step, the superseded ones and their notifications once, in the same
 * transaction that moves the task's next_action_at on. In-app messages due now are delivered in
 * that same statement (the inbox is the row; the locked task was just re-checked). Nothing is
 * queued here: delivery reads the other recorded notifications (see NotificationDelivery), so
 * Redis losing everything loses nothing.
 */
export class DeadlineSweep {
  private readonly batchSize: number;
  private readonly lanes: number;
  private readonly onBatch?: (batch: SweepResult) => void;

  constructor(
    private readonly dataSource: DataSource,
    options: SweepOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.lanes = options.lanes ?? 2;
    if (!Number.isInteger(this.lanes) || this.lanes < 1) throw new RangeError(`lanes must be a positive integer, got ${options.lanes}`);
    this.onBatch = options.onBatch;
  }

  /** Sweeps until no task is due at `now`. */
  async runOnce(now: Date): Promise<SweepResult> {
    const total: SweepResult = { tasks: 0, steps: 0, superseded: 0, notifications: 0, batches: 0 };
    const calendars = new CalendarCache(new CalendarRepository(this.dataSource));
    // One cache for every lane: a plan's policy is read once per run.
    const policies = new PlanPolicyCache();
    const lane = async () => {
      for (;;) {
        const r = await this.dataSource.transaction((m) => this.batch(m, now, calendars, policies));
        if (r.tasks === 0) return;
        this.onBatch?.(r);
        total.tasks += r.tasks;
        total.steps += r.steps;
        total.superseded += r.superseded;
        total.notifications += r.notifications;
        total.batches++;
        if (r.tasks < this.batchSize) return;
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
    return total;
  }

  private async batch(m: EntityManager, now: Date, calendars: CalendarCache, policies: PlanPolicyCache): Promise<SweepResult> {
    // A batch need not wait for its WAL flush: if the server crashes right after the commit and
    // loses it, it loses all of it (steps, their notifications, next_action_at) and nothing outside
    // Postgres refers to it yet (digests are queued from the committed rows), so the next sweep
    // simply records the batch again. Deliveries, which act outside, keep synchronous commits.
    await m.query(`SET LOCAL synchronous_commit = off`);
    const tasks: DueTaskRow[] = await m.query(DUE_TASKS_SQL, [now, this.batchSize]);
    if (!tasks.length) return { tasks: 0, steps: 0, superseded: 0, notifications: 0, batches: 0 };
    const ids = tasks.map((t) => t.id);
    const recorded: Array<{ task_id: string; rule: 'reminder' | 'ladder'; step: string; deadline_version: number }> = await m.query(
      `SELECT task_id, rule, step, deadline_version FROM escalation_steps WHERE task_id = ANY($1::uuid[]) AND rule IN ('reminder', 'ladder')`,
      [ids],
    );
    const keysByTask = new Map<string, string[]>();
    for (const r of recorded) {
      const key = stepKey({ taskId: r.task_id, rule: r.rule, step: r.step, deadlineVersion: r.deadline_version });
      keysByTask.set(r.task_id, [...(keysByTask.get(r.task_id) ?? []), key]);
    }
    const directory = await RecipientDirectory.load(
      m,
      [...new Set(tasks.map((t) => t.department_id))],
      [...new Set(tasks.map((t) => t.jurisdiction_id))],
    );
    // Each task follows its plan's policy (T-10/T-5/T-1, a faster ladder…): one query per batch for plans not met yet.
    await policies.load(m, tasks.map((t) => t.plan_id));

    const steps: StepRow[] = [];
    const notifications: NotificationRow[] = [];
    const nextAt: Array<{ id: string; at: string | null }> = [];
    let superseded = 0;
    for (const t of tasks) {
      const calendar = await calendars.get(t.jurisdiction_id);
      const policy = policies.get(t.plan_id);
      const et: EscalationTask = {
        taskId: t.id,
        status: t.status,
        dueDate: t.due_date,
        deadlineVersion: t.deadline_version,
        // For the first deadline, reminders dated before the assignment are not owed; after an
        // extension they are superseded (recorded, not sent) by the latest due one.
        ...(t.deadline_version === 1 ? { deadlineSetAt: new Date(t.assigned_at) } : {}),
        leadDepartmentId: t.department_id,
      };
      const action = nextAction(et, calendar, now, keysByTask.get(t.id) ?? [], policy);
      nextAt.push({ id: t.id, at: action.nextAt ? action.nextAt.toISOString() : null });
      for (const s of action.superseded) {
        steps.push(this.stepRow(t, s, now, 'superseded'));
        superseded++;
      }
      if (action.step) {
        const row = this.stepRow(t, action.step, now, 'recorded');
        steps.push(row);
        const facts = {
          taskTitle: t.heading,
          leadDepartmentName: t.department_name,
          dueDate: t.due_date,
          provisionalYears: action.step.provisional ? provisionalYears(calendar, t.due_date) : [],
        };
        const users = directory.resolve(action.step.recipients, t.jurisdiction_id);
        // The task row is locked by this transaction and was read just now: the delivery's re-check of it.
        const current = { status: t.status, deadlineVersion: t.deadline_version, departmentId: t.department_id };
        const why = staleReason({ rule: row.rule, deadlineVersion: row.deadline_version, departmentId: row.department_id, task: current });
        const rows = notificationRows(row, users, directory, stepText(action.step, facts), now, policy);
        notifications.push(...deliverInAppAtRecording(rows, now, why));
      }
    }
    const written = await recordSteps(m, steps, notifications);
    await m.query(
      `UPDATE tasks t SET next_action_at = x.at FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, at timestamptz) WHERE t.id = x.id`,
      [JSON.stringify(nextAt)],
    );
    return {
      tasks: tasks.length,
      steps: steps.filter((s) => s.state === 'recorded' && written.stepIds.has(s.id)).length,
      superseded,
      notifications: written.notificationIds.length,
      batches: 1,
    };
  }

  private stepRow(t: DueTaskRow, s: PlannedStep, now: Date, state: 'recorded' | 'superseded'): StepRow {
    return {
      id: randomUUID(),
      task_id: t.id,
      rule: s.rule,
      step: s.step,
      deadline_version: s.deadlineVersion,
      state,
      skip_reason: state === 'superseded' ? 'overtaken by a later step that was due at the same sweep' : null,
      department_id: t.department_id,
      due_date: t.due_date,
      step_at: s.at.toISOString(),
      recorded_at: now.toISOString(),
      colour: s.rule === 'ladder' ? s.colour : null,
      action: s.rule === 'ladder' ? s.action : 'remind',
      critical: s.critical,
      flag_interview: s.rule === 'ladder' ? s.flagInterview : false,
      provisional: s.provisional,
      actor_id: null,
      note: null,
    };
  }
}

function provisionalYears(calendar: { isProvisionalYear(y: number): boolean }, dueDate: string): number[] {
  const y = Number(dueDate.slice(0, 4));
  return calendar.isProvisionalYear(y) ? [y] : [];
}
