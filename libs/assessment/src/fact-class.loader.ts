import type { EntityManager } from 'typeorm';
import { FactValidationError, type FactClass, type QualityRating, type TaskOutcome } from '@duban/scoring';
import { ROLLS_SQL } from './task-fact.loader.js';
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
 *   - lateness counts from the effective due date (rolled past non-working days unless the task's
 *     plan says deadlines stay put) in working days
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
  options: { narrow?: boolean } = {},
): Promise<Map<string, FactClass[]>> {
  const out = new Map<string, FactClass[]>(departmentIds.map((id) => [id, []]));
  if (departmentIds.length === 0) return out;
  const params = [departmentIds, `${year}-01-01`, `${year}-12-31`, asOf, days.start, days.ordinals, days.rolls];
  // Two hash aggregations over up to millions of rows: give them memory for this statement only
  // (JIT compilation costs more than it saves here), then put the transaction's settings back.
  const [previous]: Array<{ work_mem: string; jit: string }> = await manager.query(
    `SELECT current_setting('work_mem') AS work_mem, current_setting('jit') AS jit, set_config('work_mem', '256MB', true), set_config('jit', 'off', true)`,
  );
  let rows: ClassRow[];
  try {
    const narrow = options.narrow ?? departmentIds.length <= NARROW_DEPARTMENTS;
    rows = await manager.query(narrow ? NARROW_CLASS_SQL : CLASS_SQL, params);
  } finally {
    await manager.query(`SELECT set_config('work_mem', $1, true), set_config('jit', $2, true)`, [previous.work_mem, previous.jit]);
  }
  for (const row of rows) {
    if (row.outcome === 'invalid') throw await invalidTask(manager, params);
    out.get(row.department_id)!.push(toClass(row, calendar));
  }
  return out;
}

// Shape chosen by measurement (1M tasks): one join of the tasks with their scoring events and
// escalation steps (as one stream), one aggregation per task whose select list computes every
// derived value once, one aggregation per class. Flattened subqueries would repeat expressions per
// reference, so nothing is derived above the per-task level except cheap integer lookups.
// The last completion is max(key) with key = day (fixed-width number) || event id || ' ' || rating
// in "C" collation: (date, event id as text) order, as the engine sorts events.
const CLASS_SQL = `
  SELECT department_id, role, category,
         CASE WHEN invalid THEN 'invalid'
              WHEN done_on IS NULL THEN CASE WHEN due_on <= $4::date THEN 'missed' ELSE 'notDue' END
              WHEN late_days IS NULL OR early_days IS NULL THEN 'unresolved'
              WHEN late_days > 0 THEN 'late' ELSE 'onTime' END AS outcome,
         CASE WHEN done_on IS NOT NULL AND rating IN ('优', '良', '中', '差') THEN rating END AS rating,
         coalesce(late_days, 0) AS late_days, coalesce(early_days, 0) AS early_days,
         returned, flags & 1 <> 0 AS yellow, flags & 2 <> 0 AS red, flags & 4 <> 0 AS talk,
         -- Only for completions outside the calendar span: the engine counts those itself.
         CASE WHEN late_days IS NULL OR early_days IS NULL THEN to_char(done_on, 'YYYY-MM-DD') END AS done_on,
         CASE WHEN late_days IS NULL OR early_days IS NULL THEN to_char(due_on, 'YYYY-MM-DD') END AS due_on,
         count(*)::int AS n
    FROM (
      SELECT *,
             CASE WHEN done_on > due_on THEN ($6::int[])[done_on - $5::date + 1] - ($6::int[])[due_on - $5::date + 1] ELSE 0 END AS late_days,
             CASE WHEN done_on < due_on THEN ($6::int[])[due_on - $5::date + 1] - ($6::int[])[done_on - $5::date + 1] ELSE 0 END AS early_days
        FROM (
          SELECT t.department_id, t.role, pi.category,
                 t.due_date + CASE WHEN ${ROLLS_SQL} THEN ($7::int[])[t.due_date - $5::date + 1] ELSE 0 END AS due_on,
                 coalesce(DATE '1900-01-01' + (left(max(x.done_key) FILTER (WHERE x.seen), 6)::int - 100000),
                          CASE WHEN t.status = 'completed' AND t.completed_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
                               THEN (t.completed_at AT TIME ZONE 'Asia/Shanghai')::date END) AS done_on,
                 split_part(max(x.done_key) FILTER (WHERE x.seen), ' ', 2) AS rating,
                 count(*) FILTER (WHERE x.kind = 2 AND x.seen)::int AS returned,
                 coalesce(bit_or(CASE x.kind WHEN 3 THEN 1 WHEN 4 THEN 2 WHEN 5 THEN 4 END) FILTER (WHERE x.seen), 0) AS flags,
                 t.status = 'completed' AND t.completed_at IS NULL AND bool_or(x.kind = 1) IS NOT TRUE AS invalid
            FROM tasks t
            JOIN plan_items pi ON pi.id = t.plan_item_id
            JOIN plans p ON p.id = t.plan_id
            LEFT JOIN (
                   -- 1 completion, 2 return: only events recorded for the task's current department count.
                   SELECT e.task_id, CASE e.type WHEN 'TaskCompleted' THEN 1 ELSE 2 END AS kind,
                          e.occurred_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS seen,
                          CASE WHEN e.type = 'TaskCompleted'
                               THEN ((e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date - DATE '1900-01-01' + 100000)::text
                                    || e.id::text || ' ' || coalesce(e.payload->>'rating', '') END COLLATE "C" AS done_key,
                          e.payload->>'departmentId' AS department
                     FROM task_events e WHERE e.type IN ('TaskCompleted', 'TaskReturned') /*narrow:e*/
                   UNION ALL
                   -- 3 yellow, 4 red, 5 约谈: recorded steps; the first of each kind is the one that counts.
                   SELECT s.task_id, k.kind, s.recorded_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', NULL, s.department_id::text
                     FROM escalation_steps s
                     CROSS JOIN LATERAL (VALUES (CASE s.colour WHEN 'yellow' THEN 3 WHEN 'red' THEN 4 END), (CASE WHEN s.flag_interview THEN 5 END)) AS k(kind)
                    WHERE s.state = 'recorded' AND k.kind IS NOT NULL /*narrow:s*/
                 ) x ON x.task_id = t.id AND (x.department IS NULL OR x.department = t.department_id::text)
           WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date AND t.status <> 'cancelled'
           GROUP BY t.id, pi.category, p.id
        ) per_task
    ) dated
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13`;

/**
 * A few departments (the debounced incremental run): reach their events and steps through the
 * task index instead of scanning every event of the database; a full year scans once instead.
 */
const NARROW_DEPARTMENTS = 50;
const SCOPE = `(SELECT n.id FROM tasks n WHERE n.department_id = ANY($1::uuid[]) AND n.due_date BETWEEN $2::date AND $3::date)`;
const NARROW_CLASS_SQL = CLASS_SQL.replace('/*narrow:e*/', `AND e.task_id IN ${SCOPE}`).replace('/*narrow:s*/', `AND s.task_id IN ${SCOPE}`);

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
