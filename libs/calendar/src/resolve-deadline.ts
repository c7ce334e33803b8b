import { type CalendarResult } from './calendar-result.js';
import { type CivilDate, addDays, civilDate, civilParts, daysInMonth, lastDayOfMonth } from './civil-date.js';
import { type DeadlineExpression, DeadlineExpressionError, isRecurring } from './deadline-expression.js';
import { toCivilDate } from './shanghai-time.js';
import { type DateInput, WorkingCalendar } from './working-calendar.js';

export interface ResolveOptions {
  /** Start of the clock: the task's assignment, the plan's issue date. Its Shanghai year fills in missing years. */
  from: DateInput;
  calendar: WorkingCalendar;
  /** Move a deadline on a non-working day to the next working day (default true; a plan may say otherwise). */
  rollForward?: boolean;
}

/**
 * A resolved civil due date. Always a result object rather than a throw: a deadline in a year
 * without a published schedule is still a deadline, so it is returned marked `provisional`
 * and recomputed when that year's schedule is loaded.
 */
export interface ResolvedDeadline {
  dueDate: CivilDate;
  /** The date the phrase names before rolling forward. */
  nominalDate: CivilDate;
  /** True when dueDate was moved off a non-working day. */
  rolled: boolean;
  provisional: boolean;
  provisionalYears: number[];
  expression: DeadlineExpression;
}

export interface DateRange {
  from: CivilDate;
  to: CivilDate;
}

function quarterEnd(year: number, quarter: number): CivilDate {
  return lastDayOfMonth(year, quarter * 3);
}

function monthDay(year: number, month: number, day: number | 'last'): CivilDate {
  return civilDate(year, month, day === 'last' ? daysInMonth(year, month) : Math.min(day, daysInMonth(year, month)));
}

/** The nominal date of a one-off expression relative to the reference date. */
function nominalOneOff(expr: DeadlineExpression, fromDate: CivilDate): CivilDate {
  const refYear = civilParts(fromDate).year;
  switch (expr.kind) {
    case 'calendar-days':
      return addDays(fromDate, expr.days);
    case 'end-of-year':
      return civilDate(expr.year ?? refYear, 12, 31);
    case 'end-of-month':
      return lastDayOfMonth(expr.year ?? refYear, expr.month);
    case 'date': {
      const year = expr.year ?? refYear;
      if (expr.day > daysInMonth(year, expr.month)) {
        throw new DeadlineExpressionError(`${JSON.stringify(expr.text)} does not exist in ${year}`, expr.text);
      }
      return civilDate(year, expr.month, expr.day);
    }
    case 'end-of-half':
      return civilDate(expr.year ?? refYear, expr.half === 1 ? 6 : 12, expr.half === 1 ? 30 : 31);
    case 'end-of-quarter':
      return quarterEnd(expr.year ?? refYear, expr.quarter);
    default:
      throw new Error(`not a one-off calendar expression: ${expr.kind}`);
  }
}

/** Nominal dates of a recurring expression, starting with the period containing `start`. */
function* recurringNominals(expr: DeadlineExpression, start: CivilDate): Generator<CivilDate> {
  const { year, month } = civilParts(start);
  if (expr.kind === 'every-quarter-end') {
    let q = Math.ceil(month / 3);
    for (let y = year; ; q = 1, y++) for (; q <= 4; q++) yield quarterEnd(y, q);
  }
  if (expr.kind === 'every-month-day') {
    let m = month;
    for (let y = year; ; m = 1, y++) for (; m <= 12; m++) yield monthDay(y, m, expr.day);
  }
  throw new Error(`not a recurring expression: ${expr.kind}`);
}

function finish(
  expr: DeadlineExpression,
  nominalDate: CivilDate,
  due: CalendarResult<CivilDate>,
  extraYears: number[] = [],
): ResolvedDeadline {
  const provisionalYears = [...new Set([...due.provisionalYears, ...extraYears])].sort((a, b) => a - b);
  return {
    dueDate: due.value,
    nominalDate,
    rolled: due.value !== nominalDate,
    provisional: provisionalYears.length > 0,
    provisionalYears,
    expression: expr,
  };
}

function settle(nominal: CivilDate, calendar: WorkingCalendar, roll: boolean): CalendarResult<CivilDate> {
  if (roll) return calendar.rollForwardLenient(nominal);
  // Not rolled, but still say whether the date's working status is only an estimate.
  const probe = calendar.isWorkingDayLenient(nominal);
  return { value: nominal, provisional: probe.provisional, provisionalYears: probe.provisionalYears };
}

/**
 * The civil due date of an expression. Recurring expressions resolve to the next occurrence
 * whose (rolled) due date is on or after `from` — a quarter-end that fell on a Sunday is
 * still due on the Monday after.
 */
export function resolveDeadline(expr: DeadlineExpression, options: ResolveOptions): ResolvedDeadline {
  const fromDate = toCivilDate(options.from);
  const roll = options.rollForward ?? true;
  const { calendar } = options;
  if (expr.kind === 'working-days') {
    const due = calendar.addWorkingDaysLenient(fromDate, expr.days);
    return finish(expr, due.value, due);
  }
  if (!isRecurring(expr)) {
    const nominal = nominalOneOff(expr, fromDate);
    return finish(expr, nominal, settle(nominal, calendar, roll));
  }
  // Start a period early so an occurrence rolled past the period end into `from` is found.
  for (const nominal of recurringNominals(expr, addDays(fromDate, -31))) {
    const due = settle(nominal, calendar, roll);
    if (due.value >= fromDate) return finish(expr, nominal, due);
  }
  throw new Error('unreachable: recurring expressions are unbounded');
}

/**
 * Every due date of an expression whose nominal date lies in [range.from, range.to] (both
 * inclusive). A one-off expression yields at most one, resolved from `range.from`.
 */
export function occurrences(
  expr: DeadlineExpression,
  range: DateRange,
  options: { calendar: WorkingCalendar; rollForward?: boolean },
): ResolvedDeadline[] {
  const from = toCivilDate(range.from);
  const to = toCivilDate(range.to);
  if (to < from) throw new RangeError(`range.to ${to} is before range.from ${from}`);
  if (!isRecurring(expr)) {
    const one = resolveDeadline(expr, { from, calendar: options.calendar, rollForward: options.rollForward });
    return one.nominalDate >= from && one.nominalDate <= to ? [one] : [];
  }
  const roll = options.rollForward ?? true;
  const out: ResolvedDeadline[] = [];
  for (const nominal of recurringNominals(expr, from)) {
    if (nominal > to) break;
    if (nominal >= from) out.push(finish(expr, nominal, settle(nominal, options.calendar, roll)));
  }
  return out;
}
