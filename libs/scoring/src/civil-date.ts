import { TZDate } from '@date-fns/tz';

/** Chinese civil dates are always computed in Asia/Shanghai, never in the process time zone. */
export const CHINA_TZ = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2024-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The Shanghai civil date of an event time. Accepts a plain date (kept as is) or an ISO instant
 * with an offset or Z; an instant without an offset is ambiguous and rejected.
 */
export function toCivilDate(at: string): string {
  if (isIsoDate(at)) return at;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(at)) {
    throw new Error(`时间“${at}”缺少时区（应为 YYYY-MM-DD 或带时区的 ISO 时间）`);
  }
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`时间“${at}”无法解析`);
  const local = new TZDate(instant.getTime(), CHINA_TZ);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${local.getFullYear()}-${month}-${day}`;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function yearEnd(year: number): string {
  return `${year}-12-31`;
}
