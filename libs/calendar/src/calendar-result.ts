/**
 * A working-day answer that may rest on a Monday–Friday estimate. `provisional` is true when any
 * day the computation looked at lies in a year without a published schedule; `provisionalYears`
 * names those years so the caller can mark the deadline and recompute once the data arrives.
 */
export interface CalendarResult<T> {
  value: T;
  provisional: boolean;
  provisionalYears: number[];
}
