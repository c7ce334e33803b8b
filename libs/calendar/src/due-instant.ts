import { type CivilDate } from './civil-date.js';
import { shanghaiDateOf, shanghaiInstant } from './shanghai-time.js';

/**
 * The instant a civil due date expires: 23:59:59.999 Asia/Shanghai of that day.
 *
 * Why end of day rather than 18:00: "X月X日前报送" is read by departments as "during that day";
 * offices routinely file in the evening, and the ladder only reacts a working day later anyway,
 * so an 18:00 cut-off would mark work overdue that nobody treats as late. End of day also makes
 * "overdue" the same as "the Shanghai date is after the due date", one rule for every consumer.
 */
export function dueInstant(date: CivilDate): Date {
  return shanghaiInstant(date, 23, 59, 59, 999);
}

/** True once the Shanghai civil date of `now` is after the due date. */
export function isPastDue(now: Date, dueDate: CivilDate): boolean {
  return shanghaiDateOf(now) > dueDate;
}
