import { isIsoDate, toCivilDate, yearOf } from './civil-date.js';
import { FactValidationError } from './fact-validation.error.js';
import type { FactEvent, FactEventType, TaskFact, TaskRole, TaskStatus } from './task-fact.types.js';

export interface NormalizedEvent extends FactEvent {
  /** Shanghai civil date of `at`. */
  date: string;
}

export interface NormalizedFact extends Omit<TaskFact, 'events'> {
  /** One event per eventId, ordered by (date, eventId): delivery order never matters. */
  events: NormalizedEvent[];
}

export interface NormalizedFacts {
  facts: NormalizedFact[];
  warnings: string[];
}

const ROLES: readonly TaskRole[] = ['lead', 'support'];
const STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'submitted', 'completed', 'cancelled'];
const EVENT_TYPES: readonly FactEventType[] = [
  'completed', 'returned', 'escalated_yellow', 'escalated_red', 'talk', 'extension_granted', 'reminded', 'progress_reported',
];
const RATINGS = ['优', '良', '中', '差'];

/**
 * Validates facts, keeps those whose deadline falls in the assessment year, merges a fact
 * delivered twice and drops duplicate events, so incremental and full recomputes see the same input.
 */
export function normalizeFacts(facts: readonly TaskFact[], year: number): NormalizedFacts {
  const warnings: string[] = [];
  const byTask = new Map<string, NormalizedFact>();
  for (const fact of facts) {
    const taskId = typeof fact.taskId === 'string' ? fact.taskId : String(fact.taskId ?? '');
    if (!isIsoDate(fact.dueDate)) throw new FactValidationError(taskId, 'dueDate', `应为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(fact.dueDate)}`);
    if (yearOf(fact.dueDate) !== year) continue;
    const normalized = normalizeFact(fact);
    const id = `${normalized.departmentId}\u0000${normalized.taskId}`;
    const existing = byTask.get(id);
    byTask.set(id, existing ? mergeFacts(existing, normalized, warnings) : normalized);
  }
  for (const fact of byTask.values()) {
    // Checked after merging: one delivery may carry the status, another the completion event.
    if (fact.status === 'completed' && fact.completedAt === undefined && !fact.events.some((event) => event.type === 'completed')) {
      throw new FactValidationError(fact.taskId, 'completedAt', '状态为已办结，但既没有办结日期也没有办结事件');
    }
  }
  const ordered = [...byTask.values()].sort((a, b) => compare(a.departmentId, b.departmentId) || compare(a.taskId, b.taskId));
  return { facts: ordered, warnings };
}

function normalizeFact(fact: TaskFact): NormalizedFact {
  const taskId = fact.taskId;
  if (typeof taskId !== 'string' || taskId === '') throw new FactValidationError(String(taskId ?? ''), 'taskId', '应为非空字符串');
  if (typeof fact.departmentId !== 'string' || fact.departmentId === '') throw new FactValidationError(taskId, 'departmentId', '应为非空字符串');
  if (!ROLES.includes(fact.role)) throw new FactValidationError(taskId, 'role', `应为 lead 或 support，实际为 ${JSON.stringify(fact.role)}`);
  if (!STATUSES.includes(fact.status)) throw new FactValidationError(taskId, 'status', `未知状态 ${JSON.stringify(fact.status)}`);
  if (fact.completedAt !== undefined && !isIsoDate(fact.completedAt)) {
    throw new FactValidationError(taskId, 'completedAt', `应为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(fact.completedAt)}`);
  }
  if (fact.dueDateRolls !== undefined && typeof fact.dueDateRolls !== 'boolean') {
    throw new FactValidationError(taskId, 'dueDateRolls', `应为 true 或 false，实际为 ${JSON.stringify(fact.dueDateRolls)}`);
  }
  if (!Array.isArray(fact.events)) throw new FactValidationError(taskId, 'events', '应为数组');
  const events = dedupeEvents(fact.events.map((event, index) => normalizeEvent(taskId, event, index)));
  return { ...fact, events };
}

function normalizeEvent(taskId: string, event: FactEvent, index: number): NormalizedEvent {
  const plainDate = isIsoDate(event.at) ? event.at : undefined; // the common case, checked without building messages
  if (plainDate !== undefined && typeof event.eventId === 'string' && event.eventId !== '' && EVENT_TYPES.includes(event.type) && (event.rating === undefined || RATINGS.includes(event.rating))) {
    return { ...event, date: plainDate };
  }
  const field = `events[${index}]`;
  if (typeof event.eventId !== 'string' || event.eventId === '') throw new FactValidationError(taskId, `${field}.eventId`, '应为非空字符串');
  if (!EVENT_TYPES.includes(event.type)) throw new FactValidationError(taskId, `${field}.type`, `未知事件类型 ${JSON.stringify(event.type)}`);
  if (event.rating !== undefined && !RATINGS.includes(event.rating)) {
    throw new FactValidationError(taskId, `${field}.rating`, `应为 优/良/中/差，实际为 ${JSON.stringify(event.rating)}`);
  }
  let date: string;
  try {
    date = toCivilDate(String(event.at));
  } catch (error) {
    throw new FactValidationError(taskId, `${field}.at`, (error as Error).message);
  }
  return { ...event, date };
}

/** Same eventId twice keeps one copy; if the copies differ, the earliest (then smallest) wins. */
function dedupeEvents(events: NormalizedEvent[]): NormalizedEvent[] {
  if (events.length < 2) return events;
  const byId = new Map<string, NormalizedEvent>();
  for (const event of events) {
    const kept = byId.get(event.eventId);
    if (!kept || compareEvents(event, kept) < 0) byId.set(event.eventId, event);
  }
  return [...byId.values()].sort((a, b) => compare(a.date, b.date) || compare(a.eventId, b.eventId));
}

function compareEvents(a: NormalizedEvent, b: NormalizedEvent): number {
  return compare(a.date, b.date) || compare(a.at, b.at) || compare(a.type, b.type) || compare(a.rating ?? '', b.rating ?? '');
}

function mergeFacts(a: NormalizedFact, b: NormalizedFact, warnings: string[]): NormalizedFact {
  for (const field of ['role', 'dueDate', 'dueDateRolls', 'status', 'completedAt', 'category'] as const) {
    if (a[field] !== b[field]) {
      throw new FactValidationError(
        a.taskId,
        field,
        `单位 ${a.departmentId} 的同一任务出现两次且 ${field} 不一致（${JSON.stringify(a[field])} / ${JSON.stringify(b[field])}）`,
      );
    }
  }
  warnings.push(`任务 ${a.taskId}（单位 ${a.departmentId}）重复提供，已合并其事件`);
  return { ...a, title: a.title ?? b.title, events: dedupeEvents([...a.events, ...b.events]) };
}

/** Code-point order: deterministic on every machine, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
