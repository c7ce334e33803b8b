/**
 * Civil dates of Chinese officials are Asia/Shanghai dates. China has had no DST since 1991, so a
 * fixed +08:00 offset is exact; we still never rely on the process time zone (the machine runs UTC).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The Shanghai civil date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Shanghai civil date: a task "due 2024-06-30" is on time until then. */
export function endOfShanghaiDay(date: string): Date {
  if (!isCivilDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}
