import { shanghaiDateOf } from '@duban/calendar';
import { type ReportPeriod } from './report-periods.js';

export interface ProgressReportFact {
  departmentId: string;
  /** The period the report was filed for, when the form asked; it wins over the filing date. */
  periodKey?: string;
  /** When it was filed; counts for the period whose Shanghai dates contain it. */
  reportedAt?: Date;
}

/**
 * Departments that still owe a report for the period, in the order given. Only they are
 * reminded: a department that already reported hears nothing more for that period.
 */
export function missingReporters(
  period: ReportPeriod,
  departments: readonly string[],
  reports: readonly ProgressReportFact[],
): string[] {
  const reported = new Set<string>();
  for (const r of reports) {
    const counts = r.periodKey !== undefined
      ? r.periodKey === period.key
      : r.reportedAt !== undefined && inPeriod(shanghaiDateOf(r.reportedAt), period);
    if (counts) reported.add(r.departmentId);
  }
  return [...new Set(departments)].filter((d) => !reported.has(d));
}

function inPeriod(date: string, period: ReportPeriod): boolean {
  return date >= period.start && date <= period.end;
}
