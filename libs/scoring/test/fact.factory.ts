import type { FactEvent, TaskFact } from '@duban/scoring';

let sequence = 0;

/** A lead task due 2024-06-14 (a Friday), open, no events, unless told otherwise. */
export function fact(overrides: Partial<TaskFact> = {}): TaskFact {
  sequence += 1;
  return {
    taskId: `t${sequence}`,
    departmentId: 'd1',
    role: 'lead',
    title: `任务${sequence}`,
    dueDate: '2024-06-14',
    status: 'open',
    events: [],
    ...overrides,
  };
}

export function completed(at: string, rating?: FactEvent['rating'], eventId = `done-${at}`): FactEvent {
  return { eventId, type: 'completed', at, ...(rating ? { rating } : {}) };
}

export function event(type: FactEvent['type'], at: string, eventId = `${type}-${at}`): FactEvent {
  return { eventId, type, at };
}

/** A fact completed on `at` (status and completedAt consistent with the event). */
export function completedFact(at: string, overrides: Partial<TaskFact> = {}, rating?: FactEvent['rating']): TaskFact {
  return fact({ status: 'completed', completedAt: at.slice(0, 10), events: [completed(at, rating)], ...overrides });
}
