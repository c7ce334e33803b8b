import { join } from 'node:path';
import { WorkingCalendar, loadHolidayYears } from '@duban/calendar';
import { ENGINE_POLICY } from '@duban/deadlines';
import { effectiveDueDate } from '@duban/escalation';
import type { WorkingDayCounter } from '@duban/scoring';

/** Nest token for the calendar the scoring engine uses (法定节假日 and 调休 aware). */
export const SCORING_CALENDAR = Symbol('SCORING_CALENDAR');

/**
 * What scoring needs from the holiday calendar: working days between two dates, and the day a
 * deadline counts from — the stored deadline rolled to the next working day when the deadline
 * engine's policy rolls it (a task due on a Saturday and done on Monday is on time).
 */
export interface ScoringCalendar {
  /** Working days d with from < d ≤ to. */
  workingDays: WorkingDayCounter;
  effectiveDueDate: (dueDate: string) => string;
}

/**
 * Builds the calendar from the holiday files (seeds/calendar by default). Years without published
 * holiday data fall back to the calendar's flagged Monday–Friday estimate rather than failing a
 * whole recompute: the late-day count of one task is then an estimate, never a crash.
 */
export function createScoringCalendar(dir = join(process.cwd(), 'seeds/calendar')): ScoringCalendar {
  const calendar = new WorkingCalendar(loadHolidayYears(dir));
  return {
    workingDays: (from, to) => (to <= from ? 0 : calendar.workingDaysBetweenLenient(from, to).value),
    effectiveDueDate: (dueDate) => effectiveDueDate(dueDate, calendar, ENGINE_POLICY),
  };
}


/**
 * The calendar as SQL data, so the recompute's class query counts working days exactly as the
 * engine does: per day from `start`, its working-day ordinal (working days in (start, day]) and how
 * many days its deadline rolls. workingDays(a, b) = ordinal[b] − ordinal[a] for a ≤ b, because the
 * counter is additive over (a, b]; dates outside the span come back unresolved and are counted by
 * the engine itself.
 */
export interface SqlCalendar {
  start: string;
  end: string;
  ordinals: number[];
  rolls: number[];
}

const DAY_MS = 86_400_000;

export function sqlCalendar(calendar: ScoringCalendar, year: number): SqlCalendar {
  const start = `${year - 3}-01-01`;
  // A deadline late in December rolls into January (Spring Festival never reaches it).
  const end = `${year + 1}-12-31`;
  const ordinals: number[] = [];
  const rolls: number[] = [];
  let ordinal = 0;
  let previous = start;
  for (let time = Date.parse(`${start}T00:00:00Z`); ; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    if (day > end) break;
    if (day !== start) ordinal += calendar.workingDays(previous, day);
    ordinals.push(ordinal);
    const rolled = calendar.effectiveDueDate(day);
    rolls.push(Math.round((Date.parse(`${rolled}T00:00:00Z`) - time) / DAY_MS));
    previous = day;
  }
  return { start, end, ordinals, rolls };
}
