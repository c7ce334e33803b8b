import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { shanghaiDateOf, shanghaiInstant } from '@duban/calendar';
import { type ReportCadence, periodOf, reportDueDate, reportRequestText } from '@duban/escalation';
import { CalendarCache, CalendarRepository } from './calendar.repository.js';
import { notificationRows } from './notification-rows.js';
import { storedPlanPolicy } from './plan-policies.js';
import { RecipientDirectory } from './recipients.js';
import { type NotificationRow, type StepRow, recordSteps } from './step-recorder.js';

/** Statuses that owe progress reports: signed-for or not, in work. */
const REPORTING = ['assigned', 'accepted', 'in_progress'];

/**
 * Recurring progress-report requests (周报 / 月调度 / 季报) for plans with a report schedule: from
 * `leadWorkingDays` working days before the period's last working day (09:00) until that day,
 * every open task of the plan with no progress report filed in the period is asked once — a step
 * (rule 'report', step = period key) with its notifications, under the same unique key as every
 * step. Departments that reported hear nothing. Idempotent: run it on every sweep tick.
 */
export class ReportRequestSweep {
  constructor(private readonly dataSource: DataSource) {}

  async runOnce(now: Date): Promise<{ steps: number; notifications: number }> {
    const schedules: Array<{ plan_id: string; cadence: ReportCadence; lead_working_days: number; jurisdiction_id: string; escalation_policy: unknown }> = await this.dataSource.query(
      `SELECT s.plan_id, s.cadence, s.lead_working_days, p.jurisdiction_id, p.escalation_policy FROM report_schedules s JOIN plans p ON p.id = s.plan_id ORDER BY s.plan_id`,
    );
    const calendars = new CalendarCache(new CalendarRepository(this.dataSource));
    const today = shanghaiDateOf(now);
    let steps = 0;
    let notifications = 0;
    for (const s of schedules) {
      const calendar = await calendars.get(s.jurisdiction_id);
      const period = periodOf(s.cadence, today);
      const due = reportDueDate(period, calendar);
      const sendDay = calendar.addWorkingDaysLenient(due.value, -s.lead_working_days).value;
      const sendAt = shanghaiInstant(sendDay < period.start ? period.start : sendDay, 9, 0);
      if (now < sendAt || today > due.value) continue;
      // The plan's quiet hours hold its requests like its reminders.
      const policy = storedPlanPolicy(s.plan_id, s.escalation_policy);
      const r = await this.dataSource.transaction(async (m) => {
        const tasks: Array<{ id: string; deadline_version: number; department_id: string; department_name: string; due_date: string }> = await m.query(
          `SELECT t.id, t.deadline_version, t.department_id, d.name AS department_name, to_char(t.due_date, 'YYYY-MM-DD') AS due_date
             FROM tasks t JOIN departments d ON d.id = t.department_id
            WHERE t.plan_id = $1 AND t.status = ANY($2::text[])
              AND NOT EXISTS (SELECT 1 FROM escalation_steps e WHERE e.task_id = t.id AND e.rule = 'report' AND e.step = $3 AND e.deadline_version = t.deadline_version)
              AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.task_id = t.id
                               AND r.reported_at >= ($4::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                               AND r.reported_at < (($5::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
            ORDER BY t.id FOR UPDATE OF t SKIP LOCKED`,
          [s.plan_id, REPORTING, period.key, period.start, period.end],
        );
        if (!tasks.length) return { steps: 0, notifications: 0 };
        const directory = await RecipientDirectory.load(m, [...new Set(tasks.map((t) => t.department_id))], [s.jurisdiction_id]);
        const rows: StepRow[] = [];
        const notes: NotificationRow[] = [];
        for (const t of tasks) {
          const row: StepRow = {
            id: randomUUID(),
            task_id: t.id,
            rule: 'report',
            step: period.key,
            deadline_version: t.deadline_version,
            state: 'recorded',
            skip_reason: null,
            department_id: t.department_id,
            due_date: t.due_date,
            step_at: sendAt.toISOString(),
            recorded_at: now.toISOString(),
            colour: null,
            action: 'request-report',
            critical: false,
            flag_interview: false,
            provisional: due.provisional,
            actor_id: null,
            note: null,
          };
          rows.push(row);
          const users = directory.resolve([{ kind: 'lead', departmentId: t.department_id }], s.jurisdiction_id);
          notes.push(...notificationRows(row, users, directory, reportRequestText(t.department_name, period.label, due.value), now, policy));
        }
        const written = await recordSteps(m, rows, notes);
        return { steps: written.stepIds.size, notifications: written.notificationIds.length };
      });
      steps += r.steps;
      notifications += r.notifications;
    }
    return { steps, notifications };
  }
}
