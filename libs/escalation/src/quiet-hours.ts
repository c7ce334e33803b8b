import { addDays, parseClockTime, shanghaiDateOf, shanghaiInstant, shanghaiMinuteOfDay } from '@duban/calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy.js';

/**
 * When a message may go out: non-critical messages created during quiet hours (default
 * 22:00–07:00 Asia/Shanghai, start inclusive, end exclusive) wait until the end of the quiet
 * period; critical ones go out at once.
 */
export function deliverAt(
  instant: Date,
  options: { critical: boolean },
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Date {
  const quiet = policy.quietHours;
  if (options.critical || !quiet) return instant;
  const start = parseClockTime(quiet.start, 'quietHours.start');
  const end = parseClockTime(quiet.end, 'quietHours.end');
  const minute = shanghaiMinuteOfDay(instant);
  const wraps = start > end; // the usual case: the quiet period spans midnight
  const inQuiet = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return instant;
  const today = shanghaiDateOf(instant);
  const day = wraps && minute >= start ? addDays(today, 1) : today;
  return shanghaiInstant(day, Math.floor(end / 60), end % 60);
}

/**
 * Groups messages into one digest per recipient per Shanghai day. Pass the delivery instant
 * (after deliverAt), so a message held overnight joins the next morning's digest.
 */
export function digestKey(recipient: string, instant: Date): string {
  if (typeof recipient !== 'string' || recipient.length === 0) {
    throw new RangeError(`digestKey: recipient must be a non-empty string, got ${JSON.stringify(recipient)}`);
  }
  return `${recipient}|${shanghaiDateOf(instant)}`;
}
