import type { EntityManager } from 'typeorm';
import { FactValidationError, type FactClass, type QualityRating, type TaskOutcome } from '@duban/scoring';
import type { ScoringCalendar, SqlCalendar } from './working-days.provider.js';

/**
 * FACT CLASSES — the recompute's read: one statement reduces a year's tasks, their scoring events
 * and escalation steps to rows of (department, role, category, outcome, rating, late/early working
 * days, returns, first yellow / red / 约谈) with a count, so a million tasks reach Node as a few
 * thousand rows. It must say exactly what `loadTaskFacts` + `describeTask` say task by task:
 *   - a task belongs to the year of its deadline in force; cancelled tasks earn nothing;
 *   - only events recorded for the task's current department, and only those dated ≤ asOf
 *     (Shanghai civil date), count;
 *   - the completion is the last `TaskCompleted` by (date, event id as text), else `completed_at`
 *     of a completed task; its rating is the event's 优/良/中/差;
 *   - lateness counts from the effective due date (rolled past non-working days) in working days
 *     of the engine's own calendar, passed in as data (see sqlCalendar);
 *   - escalation: the first recorded yellow and red step and the first step flagged for 约谈.
 * The equivalence is tested against the per-fact path on the same database.
 */
export async function loadFactClasses(
  manager: EntityManager,
  departmentIds: readonly string[],
  year: number,
  asOf: string,
  calendar: ScoringCalendar,
  days: SqlCalendar,
): Promise<Map<string, FactClass[]>> {
  const out = new Map<string, FactClass[]>(departmentIds.map((id) => [id, []]));
  if (departmentIds.length === 0) return out;
  const params = [departmentIds, `${year}-01-01`, `${year}-12-31`, asOf, days.start, days.ordinals, days.rolls];
  const rows: ClassRow[] = await manager.query(CLASS_SQL, params);
  for (const row of rows) {
    if (row.outcome === 'invalid') throw await invalidTask(manager, params);
    out.get(row.department_id)!.push(toClass(row, calendar));
  }
  return out;
}

const CLASS_SQL = `
  WITH scope AS (
    SELECT t.id, t.department_id, t.role, t.status, t.due_date, t.completed_at, t.plan_item_id
      FROM tasks t
     WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date AND t.status <> 'cancelled'
  ), ev AS (
    SELECT e.task_id,
           max(CASE WHEN e.type = 'TaskCompleted' AND e.on_day <= $4::date
                    THEN to_char(e.on_day, 'YYYY-MM-DD') || e.id::text || ' ' || coalesce(e.rating, '') END COLLATE "C") AS done,
           count(*) FILTER (WHERE e.type = 'TaskReturned' AND e.on_day <= $4::date)::int AS returned,
           bool_or(e.type = 'TaskCompleted') AS ever_done
      FROM (SELECT e.task_id, e.id, e.type, (e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date AS on_day,
                   CASE WHEN e.payload->>'rating' IN ('优', '良', '中', '差') THEN e.payload->>'rating' END AS rating
              FROM task_events e JOIN scope t ON t.id = e.task_id
             WHERE e.type IN ('TaskCompleted', 'TaskReturned')
               AND coalesce(e.payload->>'departmentId', t.department_id::text) = t.department_id::text) e
     GROUP BY e.task_id
  ), esc AS (
    SELECT s.task_id, bool_or(s.colour = 'yellow') AS yellow, bool_or(s.colour = 'red') AS red, bool_or(s.flag_interview) AS talk
      FROM escalation_steps s JOIN scope t ON t.id = s.task_id AND t.department_id = s.department_id
     WHERE s.state = 'recorded' AND (s.recorded_at AT TIME ZONE 'Asia/Shanghai')::date <= $4::date
     GROUP BY s.task_id
  ), task AS (
    SELECT t.department_id, t.role, pi.category,
           t.due_date + ($7::int[])[t.due_date - $5::date + 1] AS due_on,
           CASE WHEN ev.done IS NOT NULL THEN left(ev.done, 10)::date
                WHEN t.status = 'completed' AND (t.completed_at AT TIME ZONE 'Asia/Shanghai')::date <= $4::date
                  THEN (t.completed_at AT TIME ZONE 'Asia/Shanghai')::date END AS done_on,
           nullif(split_part(ev.done, ' ', 2), '') AS rating,
           t.status = 'completed' AND t.completed_at IS NULL AND ev.ever_done IS NOT TRUE AS invalid,
           coalesce(ev.returned, 0) AS returned,
           coalesce(esc.yellow, false) AS yellow, coalesce(esc.red, false) AS red, coalesce(esc.talk, false) AS talk
      FROM scope t
      JOIN plan_items pi ON pi.id = t.plan_item_id
      LEFT JOIN ev ON ev.task_id = t.id
      LEFT JOIN esc ON esc.task_id = t.id
  ), dated AS (
    SELECT *,
           CASE WHEN done_on > due_on THEN ($6::int[])[done_on - $5::date + 1] - ($6::int[])[due_on - $5::date + 1] ELSE 0 END AS late_days,
           CASE WHEN done_on < due_on THEN ($6::int[])[due_on - $5::date + 1] - ($6::int[])[done_on - $5::date + 1] ELSE 0 END AS early_days
      FROM task
  )
  SELECT department_id, role, category,
         CASE WHEN invalid THEN 'invalid'
              WHEN done_on IS NULL THEN CASE WHEN due_on <= $4::date THEN 'missed' ELSE 'notDue' END
              WHEN late_days IS NULL OR early_days IS NULL THEN 'unresolved'
              WHEN late_days > 0 THEN 'late' ELSE 'onTime' END AS outcome,
         CASE WHEN done_on IS NOT NULL THEN rating END AS rating,
         coalesce(late_days, 0) AS late_days, coalesce(early_days, 0) AS early_days,
         returned, yellow, red, talk,
         -- Only for completions outside the calendar span: the engine counts those itself.
         CASE WHEN late_days IS NULL OR early_days IS NULL THEN to_char(done_on, 'YYYY-MM-DD') END AS done_on,
         CASE WHEN late_days IS NULL OR early_days IS NULL THEN to_char(due_on, 'YYYY-MM-DD') END AS due_on,
         count(*)::int AS n
    FROM dated
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13`;

interface ClassRow {
  department_id: string;
  role: 'lead' | 'support';
  category: string | null;
  outcome: TaskOutcome | 'invalid' | 'unresolved';
  rating: QualityRating | null;
  late_days: number;
  early_days: number;
  returned: number;
  yellow: boolean;
  red: boolean;
  talk: boolean;
  done_on: string | null;
  due_on: string | null;
  n: number;
}

function toClass(row: ClassRow, calendar: ScoringCalendar): FactClass {
  let { outcome, late_days: lateDays, early_days: earlyDays } = row;
  if (outcome === 'unresolved') {
    const done = row.done_on!;
    const due = row.due_on!;
    lateDays = done > due ? calendar.workingDays(due, done) : 0;
    earlyDays = lateDays === 0 && done < due ? calendar.workingDays(done, due) : 0;
    outcome = lateDays > 0 ? 'late' : 'onTime';
  }
  const fact: FactClass = {
    role: row.role,
    outcome: outcome as TaskOutcome,
    lateDays,
    earlyDays,
    events: { returned: row.returned, escalatedYellow: row.yellow ? 1 : 0, escalatedRed: row.red ? 1 : 0, talk: row.talk ? 1 : 0 },
    count: row.n,
  };
  if (row.category !== null) fact.category = row.category;
  if (row.rating !== null) fact.rating = row.rating;
  return fact;
}

/** The same refusal as the per-fact path (normalizeFacts), naming one offending task. */
async function invalidTask(manager: EntityManager, params: unknown[]): Promise<FactValidationError> {
  const [row]: Array<{ id: string }> = await manager.query(
    `SELECT t.id FROM tasks t
      WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date
        AND t.status = 'completed' AND t.completed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'TaskCompleted'
                          AND coalesce(e.payload->>'departmentId', t.department_id::text) = t.department_id::text)
      ORDER BY t.id LIMIT 1`,
    params.slice(0, 3),
  );
  return new FactValidationError(row?.id ?? '', 'completedAt', '状态为已办结，但既没有办结日期也没有办结事件');
}
