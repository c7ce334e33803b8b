import {
  type CalendarResult,
  type CivilDate,
  type WorkingCalendar,
  addDays,
  civilDate,
  civilParts,
  dayOfWeek,
  daysBetween,
  lastDayOfMonth,
  toCivilDate,
} from '@duban/calendar';

export type ReportCadence = 'weekly' | 'monthly' | 'quarterly';

export interface ReportPeriod {
  cadence: ReportCadence;
  /** Stable id: '2024-W41' (ISO week), '2024-10', '2024-Q4'. */
  key: string;
  start: CivilDate;
  end: CivilDate;
  /** How officials name it: 2024年第41周 / 2024年10月 / 2024年第四季度. */
  label: string;
}

const QUARTER_CN = ['一', '二', '三', '四'];

/** ISO week (Monday–Sunday) and its week-year, from the Thursday of the week. */
function isoWeek(date: CivilDate): { year: number; week: number; monday: CivilDate } {
  const iso = dayOfWeek(date) === 0 ? 7 : dayOfWeek(date);
  const monday = addDays(date, 1 - iso);
  const thursday = addDays(monday, 3);
  const year = civilParts(thursday).year;
  const week = Math.floor(daysBetween(civilDate(year, 1, 1), thursday) / 7) + 1;
  return { year, week, monday };
}

/** The period of a cadence that contains a date. */
export function periodOf(cadence: ReportCadence, input: Date | CivilDate): ReportPeriod {
  const date = toCivilDate(input);
  const { year, month } = civilParts(date);
  switch (cadence) {
    case 'weekly': {
      const w = isoWeek(date);
      return {
        cadence,
        key: `${w.year}-W${String(w.week).padStart(2, '0')}`,
        start: w.monday,
        end: addDays(w.monday, 6),
        label: `${w.year}年第${w.week}周`,
      };
    }
    case 'monthly':
      return {
        cadence,
        key: `${year}-${String(month).padStart(2, '0')}`,
        start: civilDate(year, month, 1),
        end: lastDayOfMonth(year, month),
        label: `${year}年${month}月`,
      };
    case 'quarterly': {
      const q = Math.ceil(month / 3);
      return {
        cadence,
        key: `${year}-Q${q}`,
        start: civilDate(year, q * 3 - 2, 1),
        end: lastDayOfMonth(year, q * 3),
        label: `${year}年第${QUARTER_CN[q - 1]}季度`,
      };
    }
    default:
      throw new RangeError(`unknown report cadence ${JSON.stringify(cadence)} (use weekly, monthly or quarterly)`);
  }
}

/** Every period of the cadence that overlaps [range.from, range.to], in order. */
export function reportPeriods(cadence: ReportCadence, range: { from: Date | CivilDate; to: Date | CivilDate }): ReportPeriod[] {
  const from = toCivilDate(range.from);
  const to = toCivilDate(range.to);
  if (to < from) throw new RangeError(`range.to ${to} is before range.from ${from}`);
  const out: ReportPeriod[] = [];
  for (let p = periodOf(cadence, from); p.start <= to; p = periodOf(cadence, addDays(p.end, 1))) out.push(p);
  return out;
}

/** The last working day of a period: when a report for it is due. Flagged for years without data. */
export function reportDueDate(period: ReportPeriod, calendar: WorkingCalendar): CalendarResult<CivilDate> {
  return calendar.rollBackwardLenient(period.end);
}
