import type { NormalizedEvent, NormalizedFact } from './fact.normalizer.js';
import type { QualityRating, TaskRuleId } from './scoring-scheme.types.js';
import type { FactEventType, TaskRole } from './task-fact.types.js';
import type { WorkingDayCounter } from './working-days.js';

/**
 * "What happened" to one department's part in one task by the end of `asOf`, stripped of ids,
 * titles and dates: everything the rules need to price it, and nothing else. Many tasks share
 * the same happening; the recompute counts them in SQL (fact classes) instead of loading them.
 */
export interface TaskHappening {
  role: TaskRole;
  /** Plan item category id (matches the scheme's categories). */
  category?: string;
  /**
   * onTime: completed with no working day after the effective due date (possibly early);
   * late: completed ≥ 1 working day after it; missed: not completed and the effective due date
   * has passed; notDue: not completed, not yet due; cancelled: earns and costs nothing.
   */
  outcome: TaskOutcome;
  /** The coordinator's rating of the completion that counts (none: unrated). */
  rating?: QualityRating;
  /** Working days from the effective due date to the completion (late only, else 0). */
  lateDays: number;
  /** Working days from the completion to the effective due date (onTime only, else 0). */
  earlyDays: number;
  /** How many times each event rule fired (returns seen, first yellow/red step, first 约谈). */
  events: Record<EventRuleId, number>;
}

export type TaskOutcome = 'onTime' | 'late' | 'missed' | 'notDue' | 'cancelled';

export type EventRuleId = Extract<TaskRuleId, 'returned' | 'escalatedYellow' | 'escalatedRed' | 'talk'>;

export const EVENT_RULE_IDS: readonly EventRuleId[] = ['returned', 'escalatedYellow', 'escalatedRed', 'talk'];

/** The fact event types that are priced one line per event, and the rule pricing them. */
export const EVENT_RULES: Partial<Record<FactEventType, { rule: EventRuleId; verb: string }>> = {
  returned: { rule: 'returned', verb: '被退回重办' },
  escalated_yellow: { rule: 'escalatedYellow', verb: '亮黄灯督办' },
  escalated_red: { rule: 'escalatedRed', verb: '亮红灯督办' },
  talk: { rule: 'talk', verb: '被约谈' },
};

/** Identity: the stored deadline counts as is (pure tests, schemes without rolling). */
export const storedDueDate = (dueDate: string): string => dueDate;

export interface HappeningContext {
  /** State at the end of this civil day; later events and completions are not seen. */
  asOf: string;
  workingDays: WorkingDayCounter;
  /**
   * The day lateness counts from: the deadline engine rolls a deadline on a weekend or holiday to
   * the next working day (policy `rollDeadlineToWorkingDay`). Default: the stored deadline.
   */
  effectiveDueDate?: (dueDate: string) => string;
}

export interface Completion {
  date: string;
  eventId: string;
  rating?: NormalizedEvent['rating'];
}

/** The happening of one fact, with what the ledger needs to point at (completion, events seen). */
export interface DescribedTask {
  happening: TaskHappening;
  effectiveDue: string;
  completion?: Completion;
  /** Events seen by asOf, in (date, eventId) order. */
  seen: NormalizedEvent[];
}

export function describeTask(fact: NormalizedFact, context: HappeningContext): DescribedTask {
  const { asOf, workingDays } = context;
  const effectiveDue = fact.dueDateRolls === false ? fact.dueDate : (context.effectiveDueDate ?? storedDueDate)(fact.dueDate);
  const events: Record<EventRuleId, number> = { returned: 0, escalatedYellow: 0, escalatedRed: 0, talk: 0 };
  const base = { role: fact.role, category: fact.category, lateDays: 0, earlyDays: 0, events };
  if (fact.status === 'cancelled') return { happening: { ...base, outcome: 'cancelled' }, effectiveDue, seen: [] };

  const seen = fact.events.filter((event) => event.date <= asOf);
  for (const event of seen) {
    const mapping = EVENT_RULES[event.type];
    if (mapping) events[mapping.rule] += 1;
  }
  const completion = findCompletion(fact, seen, asOf);
  if (!completion) {
    return { happening: { ...base, outcome: effectiveDue <= asOf ? 'missed' : 'notDue' }, effectiveDue, seen };
  }
  const lateDays = completion.date > effectiveDue ? workingDays(effectiveDue, completion.date) : 0;
  const earlyDays = lateDays === 0 && completion.date < effectiveDue ? workingDays(completion.date, effectiveDue) : 0;
  const happening: TaskHappening = { ...base, outcome: lateDays > 0 ? 'late' : 'onTime', lateDays, earlyDays };
  if (completion.rating) happening.rating = completion.rating;
  return { happening, effectiveDue, completion, seen };
}

/** The last completion seen by asOf; a 'completed' event is authoritative over completedAt. */
function findCompletion(fact: NormalizedFact, seen: NormalizedEvent[], asOf: string): Completion | undefined {
  let last: NormalizedEvent | undefined;
  for (const event of seen) if (event.type === 'completed') last = event;
  if (last) return { date: last.date, eventId: last.eventId, rating: last.rating };
  if (fact.status === 'completed' && fact.completedAt !== undefined && fact.completedAt <= asOf) {
    return { date: fact.completedAt, eventId: `completed:${fact.completedAt}` };
  }
  return undefined;
}
