/**
 * Counts working days d with from < d ≤ to (both YYYY-MM-DD civil dates); 0 when to ≤ from.
 * Injected so the engine does not depend on a holiday calendar: the calendar lib supplies the
 * real one (法定节假日 and 调休), tests may use {@link weekdayCounter}.
 */
export type WorkingDayCounter = (fromDate: string, toDate: string) => number;

const DAY_MS = 86_400_000;

function civilDayNumber(date: string): number {
  // UTC is used only as a neutral grid of civil days here, not as a time zone.
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

/** Monday–Friday counter without holidays; good for tests and as a documented fallback only. */
export const weekdayCounter: WorkingDayCounter = (fromDate, toDate) => {
  const from = civilDayNumber(fromDate);
  const to = civilDayNumber(toDate);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
};
