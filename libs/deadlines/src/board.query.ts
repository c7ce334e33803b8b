import type { DataSource } from 'typeorm';
import { DubanError, scopedTasks, taskScope, type Actor } from '@duban/access';
import { type Colour, type ReportCadence, assessTrafficLight, missingReporters, periodOf } from '@duban/escalation';
import { CalendarCache, CalendarRepository } from './calendar.repository.js';
import { PlanPolicyCache } from './plan-policies.js';

export interface ColourRow {
  departmentId: string;
  departmentName: string;
  blue: number;
  green: number;
  yellow: number;
  red: number;
}

export interface OverdueRow {
  taskId: string;
  title: string;
  departmentId: string;
  departmentName: string;
  dueDate: string;
  originalDueDate: string;
  status: string;
  workingDaysOverdue: number;
  /** The latest ladder step on record for the current deadline ('+1', '+5', '+10'), if any. */
  lastStep: string | null;
}

export interface BoardView {
  asOf: string;
  colours: ColourRow[];
  overdue: OverdueRow[];
  notReported: { period: { key: string; label: string; start: string; end: string }; departments: Array<{ departmentId: string; departmentName: string; openTasks: number }> };
  failedDeliveries: Array<{ notificationId: string; taskId: string; userId: string; channel: string; attempts: number; lastError: string | null }>;
}

export interface StepHistoryRow {
  stepId: string;
  rule: string;
  step: string;
  deadlineVersion: number;
  dueDate: string;
  state: string;
  skipReason: string | null;
  stepAt: string;
  recordedAt: string;
  colour: string | null;
  action: string | null;
  flagInterview: boolean;
  actorId: string | null;
  note: string | null;
  notifications: Array<{ userId: string; channel: string; state: string; skipReason: string | null; sentAt: string | null; readAt: string | null; lastError: string | null }>;
}

interface OpenTask {
  id: string;
  plan_id: string;
  status: string;
  due_date: string;
  original_due_date: string;
  department_id: string;
  department_name: string;
  assigned_at: Date;
  progress_percent: number;
  jurisdiction_id: string;
  heading: string;
}

const CLOSED = ['completed', 'cancelled'];

/** The coordinating office's board: traffic lights by department, the overdue list, who has not reported. */
export class BoardQuery {
  constructor(private readonly dataSource: DataSource) {}

  private assertOffice(actor: Actor): void {
    if (actor.role !== 'coordinator' && actor.role !== 'admin') throw new DubanError('forbidden', '只有督查室可以查看督办看板');
  }

  private async openTasks(actor: Actor): Promise<OpenTask[]> {
    return scopedTasks(
      this.dataSource.createQueryBuilder().select([
        't.id AS id',
        't.plan_id AS plan_id',
        't.status AS status',
        "to_char(t.due_date, 'YYYY-MM-DD') AS due_date",
        "to_char(t.original_due_date, 'YYYY-MM-DD') AS original_due_date",
        't.department_id AS department_id',
        'd.name AS department_name',
        't.assigned_at AS assigned_at',
        't.progress_percent AS progress_percent',
        'p.jurisdiction_id AS jurisdiction_id',
        'i.heading AS heading',
      ]),
      actor,
    )
      .andWhere('t.status NOT IN (:...closed)', { closed: CLOSED })
      .orderBy('d.name')
      .addOrderBy('t.due_date')
      .getRawMany<OpenTask>();
  }

  async board(actor: Actor, now: Date, cadence: ReportCadence = 'monthly'): Promise<BoardView> {
    this.assertOffice(actor);
    const tasks = await this.openTasks(actor);
    const calendars = new CalendarCache(new CalendarRepository(this.dataSource));
    // Each plan's own traffic-light thresholds, loaded once for the plans on the board.
    const policies = new PlanPolicyCache();
    await policies.load(this.dataSource, tasks.map((t) => t.plan_id));
    const colours = new Map<string, ColourRow>();
    const overdue: OverdueRow[] = [];
    for (const t of tasks) {
      const calendar = await calendars.get(t.jurisdiction_id);
      const a = assessTrafficLight(
        { now, assignedAt: new Date(t.assigned_at), dueDate: t.due_date, reportedPercent: t.progress_percent, status: t.status },
        calendar,
        policies.get(t.plan_id),
      );
      if (!a.colour) continue;
      const row = colours.get(t.department_id) ?? { departmentId: t.department_id, departmentName: t.department_name, blue: 0, green: 0, yellow: 0, red: 0 };
      row[a.colour as Colour]++;
      colours.set(t.department_id, row);
      if (a.overdue) {
        overdue.push({
          taskId: t.id,
          title: t.heading,
          departmentId: t.department_id,
          departmentName: t.department_name,
          dueDate: t.due_date,
          originalDueDate: t.original_due_date,
          status: t.status,
          workingDaysOverdue: calendar.workingDaysBetweenLenient(t.due_date, now).value,
          lastStep: null,
        });
      }
    }
    if (overdue.length) {
      const steps: Array<{ task_id: string; step: string }> = await this.dataSource.query(
        `SELECT DISTINCT ON (s.task_id) s.task_id, s.step FROM escalation_steps s JOIN tasks t ON t.id = s.task_id
          WHERE s.task_id = ANY($1::uuid[]) AND s.rule = 'ladder' AND s.deadline_version = t.deadline_version AND s.state = 'recorded'
          ORDER BY s.task_id, s.step_at DESC`,
        [overdue.map((o) => o.taskId)],
      );
      const last = new Map(steps.map((s) => [s.task_id, s.step]));
      for (const o of overdue) o.lastStep = last.get(o.taskId) ?? null;
      overdue.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.dueDate.localeCompare(b.dueDate));
    }
    const period = periodOf(cadence, now);
    const reports: Array<{ department_id: string; reported_at: Date }> = tasks.length
      ? await this.dataSource.query(
          `SELECT t.department_id, r.reported_at FROM progress_reports r JOIN tasks t ON t.id = r.task_id
            WHERE r.task_id = ANY($1::uuid[]) AND r.reported_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
          [tasks.map((t) => t.id), period.start],
        )
      : [];
    const openByDept = new Map<string, { name: string; n: number }>();
    for (const t of tasks) {
      const e = openByDept.get(t.department_id) ?? { name: t.department_name, n: 0 };
      e.n++;
      openByDept.set(t.department_id, e);
    }
    const missing = missingReporters(
      period,
      [...openByDept.keys()],
      reports.map((r) => ({ departmentId: r.department_id, reportedAt: new Date(r.reported_at) })),
    );
    const scope = taskScope(actor);
    const failed = await this.dataSource
      .createQueryBuilder()
      .select(['n.id AS id', 'n.task_id AS task_id', 'n.user_id AS user_id', 'n.channel AS channel', 'n.attempts AS attempts', 'n.last_error AS last_error'])
      .from('notifications', 'n')
      .innerJoin('tasks', 't', 't.id = n.task_id')
      .innerJoin('departments', 'd', 'd.id = t.department_id')
      .where(scope.sql, scope.params)
      .andWhere(`n.state = 'failed'`)
      .orderBy('n.created_at', 'DESC')
      .limit(200)
      .getRawMany<{ id: string; task_id: string; user_id: string; channel: string; attempts: number; last_error: string | null }>();
    return {
      asOf: now.toISOString(),
      colours: [...colours.values()],
      overdue,
      notReported: {
        period: { key: period.key, label: period.label, start: period.start, end: period.end },
        departments: missing.map((id) => ({ departmentId: id, departmentName: openByDept.get(id)!.name, openTasks: openByDept.get(id)!.n })),
      },
      failedDeliveries: failed.map((f) => ({ notificationId: f.id, taskId: f.task_id, userId: f.user_id, channel: f.channel, attempts: f.attempts, lastError: f.last_error })),
    };
  }

  /** Every step of a task (all deadline versions, superseded and manual ones included) with its deliveries. */
  async history(actor: Actor, taskId: string): Promise<StepHistoryRow[]> {
    this.assertOffice(actor);
    const scope = taskScope(actor);
    const visible = await this.dataSource
      .createQueryBuilder()
      .select('t.id', 'id')
      .from('tasks', 't')
      .innerJoin('departments', 'd', 'd.id = t.department_id')
      .where('t.id = :taskId', { taskId })
      .andWhere(scope.sql, scope.params)
      .getRawOne();
    if (!visible) throw DubanError.notFound('任务', taskId);
    const steps: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, rule, step, deadline_version, to_char(due_date, 'YYYY-MM-DD') AS due_date, state, skip_reason, step_at, recorded_at,
              colour, action, flag_interview, actor_id, note
         FROM escalation_steps WHERE task_id = $1 ORDER BY recorded_at, step_at`,
      [taskId],
    );
    const notes: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT step_id, user_id, channel, state, skip_reason, sent_at, read_at, last_error FROM notifications
        WHERE step_id IN (SELECT id FROM escalation_steps WHERE task_id = $1) ORDER BY created_at, step_id, user_id, channel`,
      [taskId],
    );
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
    return steps.map((s) => ({
      stepId: s.id as string,
      rule: s.rule as string,
      step: s.step as string,
      deadlineVersion: s.deadline_version as number,
      dueDate: s.due_date as string,
      state: s.state as string,
      skipReason: s.skip_reason as string | null,
      stepAt: iso(s.step_at)!,
      recordedAt: iso(s.recorded_at)!,
      colour: s.colour as string | null,
      action: s.action as string | null,
      flagInterview: s.flag_interview as boolean,
      actorId: s.actor_id as string | null,
      note: s.note as string | null,
      notifications: notes
        .filter((n) => n.step_id === s.id)
        .map((n) => ({
          userId: n.user_id as string,
          channel: n.channel as string,
          state: n.state as string,
          skipReason: n.skip_reason as string | null,
          sentAt: iso(n.sent_at),
          readAt: iso(n.read_at),
          lastError: n.last_error as string | null,
        })),
    }));
  }
}
