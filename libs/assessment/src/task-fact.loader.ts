import type { EntityManager } from 'typeorm';
import type { FactEvent, TaskFact, TaskStatus as FactStatus } from '@duban/scoring';

/**
 * Builds the engine's TaskFacts from Postgres with three set-based queries (Shanghai civil dates
 * computed in SQL, so the engine does no time-zone work per event) — tasks, their scoring
 * events, their escalation steps — for a batch of departments and one year (a task belongs to the
 * year of its deadline in force). Events recorded for another department (before a reassignment)
 * stay with that department's history and do not count for the new one.
 */
export async function loadTaskFacts(manager: EntityManager, departmentIds: readonly string[], year: number): Promise<TaskFact[]> {
  if (departmentIds.length === 0) return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const tasks: TaskRow[] = await manager.query(
    `SELECT t.id, t.department_id, t.role, t.status, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
            to_char(t.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS completed_on,
            t.quality_rating, pi.category, pi.heading, ${ROLLS_SQL} AS due_date_rolls
       FROM tasks t JOIN plan_items pi ON pi.id = t.plan_item_id JOIN plans p ON p.id = t.plan_id
      WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date`,
    [departmentIds, from, to],
  );
  const events = new Map<string, FactEvent[]>();
  const push = (taskId: string, event: FactEvent) => {
    const list = events.get(taskId);
    if (list) list.push(event);
    else events.set(taskId, [event]);
  };
  const taskEvents: EventRow[] = await manager.query(
    `SELECT e.id::text AS id, e.task_id, e.type, to_char(e.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS occurred_on,
            e.payload->>'rating' AS rating
       FROM task_events e JOIN tasks t ON t.id = e.task_id
      WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date
        AND e.type IN ('TaskCompleted', 'TaskReturned', 'ExtensionGranted')
        AND coalesce(e.payload->>'departmentId', t.department_id::text) = t.department_id::text`,
    [departmentIds, from, to],
  );
  for (const row of taskEvents) {
    const type = EVENT_TYPES[row.type];
    if (!type) continue;
    const event: FactEvent = { eventId: row.id, type, at: row.occurred_on };
    if (type === 'completed' && isRating(row.rating)) event.rating = row.rating;
    push(row.task_id, event);
  }
  for (const { taskId, event } of await loadEscalationEvents(manager, departmentIds, from, to)) push(taskId, event);

  return tasks.map((row): TaskFact => ({
    taskId: row.id,
    departmentId: row.department_id,
    role: row.role,
    title: row.heading,
    category: row.category ?? undefined,
    dueDate: row.due_date,
    dueDateRolls: row.due_date_rolls,
    completedAt: row.completed_on ?? undefined,
    status: STATUS[row.status] ?? 'open',
    events: events.get(row.id) ?? [],
  }));
}

/**
 * ESCALATION FACTS — the one place escalations enter scoring. Reads the deadline engine's
 * `escalation_steps` (only steps actually recorded for the task's current department): the first
 * yellow and the first red step of a task become `escalated_yellow` / `escalated_red`, the first
 * step flagged for 约谈 becomes `talk`. Event ids `esc:<step id>` / `talk:<step id>` let each
 * ledger line point at its escalation step.
 */
export async function loadEscalationEvents(
  manager: EntityManager,
  departmentIds: readonly string[],
  from: string,
  to: string,
): Promise<Array<{ taskId: string; event: FactEvent }>> {
  const rows: Array<{ id: string; task_id: string; kind: 'yellow' | 'red' | 'talk'; recorded_on: string }> = await manager.query(
    `SELECT DISTINCT ON (s.task_id, k.kind) s.id, s.task_id, k.kind, to_char(s.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS recorded_on
       FROM escalation_steps s
       JOIN tasks t ON t.id = s.task_id AND t.department_id = s.department_id
       CROSS JOIN LATERAL (VALUES (CASE WHEN s.colour IN ('yellow', 'red') THEN s.colour END), (CASE WHEN s.flag_interview THEN 'talk' END)) AS k(kind)
      WHERE t.department_id = ANY($1::uuid[]) AND t.due_date BETWEEN $2::date AND $3::date
        AND s.state = 'recorded' AND k.kind IS NOT NULL
      ORDER BY s.task_id, k.kind, s.recorded_at, s.id`,
    [departmentIds, from, to],
  );
  return rows.map((row) => ({
    taskId: row.task_id,
    event: {
      eventId: `${row.kind === 'talk' ? 'talk' : 'esc'}:${row.id}`,
      type: row.kind === 'yellow' ? 'escalated_yellow' : row.kind === 'red' ? 'escalated_red' : 'talk',
      at: row.recorded_on,
    },
  }));
}

/**
 * Whether the task's plan lets a deadline on a weekend or holiday roll to the next working day:
 * its stored escalation policy overrides say so (rollDeadlineToWorkingDay), the default rolls —
 * the same answer the deadline engine's plan policy gives. Expects the plan aliased `p`.
 */
export const ROLLS_SQL = `(p.escalation_policy->'rollDeadlineToWorkingDay' IS DISTINCT FROM 'false'::jsonb)`;

interface TaskRow {
  id: string;
  department_id: string;
  role: 'lead' | 'support';
  status: string;
  due_date: string;
  completed_on: string | null;
  quality_rating: string | null;
  category: string | null;
  heading: string;
  due_date_rolls: boolean;
}

interface EventRow {
  id: string;
  task_id: string;
  type: string;
  occurred_on: string;
  rating: string | null;
}

const EVENT_TYPES: Record<string, FactEvent['type'] | undefined> = {
  TaskCompleted: 'completed',
  TaskReturned: 'returned',
  ExtensionGranted: 'extension_granted',
};

/** Domain statuses → the engine's: waiting, signed and declined tasks are simply not done yet. */
const STATUS: Record<string, FactStatus> = {
  assigned: 'open',
  accepted: 'open',
  declined: 'open',
  in_progress: 'in_progress',
  submitted: 'submitted',
  completed: 'completed',
  cancelled: 'cancelled',
};

function isRating(value: string | null): value is '优' | '良' | '中' | '差' {
  return value === '优' || value === '良' || value === '中' || value === '差';
}
