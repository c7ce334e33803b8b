/**
 * A deadline as officials write it, parsed into a typed value. `text` keeps the source phrase so
 * a reviewer can see what the date came from. `year` is absent when the phrase has none; it is
 * then taken from the reference date (the plan's or task's start) when resolved.
 */
export type DeadlineExpression =
  /** N个工作日内: N working days after the start. */
  | { kind: 'working-days'; days: number; text: string }
  /** N日内 / N天内: N calendar days after the start. */
  | { kind: 'calendar-days'; days: number; text: string }
  /** 年底前 / 2024年底前. */
  | { kind: 'end-of-year'; year?: number; text: string }
  /** 6月底前 / 2024年6月底前. */
  | { kind: 'end-of-month'; month: number; year?: number; text: string }
  /** 2024年10月12日前 / 10月12日前. */
  | { kind: 'date'; month: number; day: number; year?: number; text: string }
  /** 上半年 (June 30) / 下半年 (December 31). */
  | { kind: 'end-of-half'; half: 1 | 2; year?: number; text: string }
  /** 第三季度末 / 2024年第3季度末. */
  | { kind: 'end-of-quarter'; quarter: 1 | 2 | 3 | 4; year?: number; text: string }
  /** 每季度末: recurring. */
  | { kind: 'every-quarter-end'; text: string }
  /** 每月10日前 / 每月底前: recurring; 'last' is the last day of each month. */
  | { kind: 'every-month-day'; day: number | 'last'; text: string };

export type DeadlineKind = DeadlineExpression['kind'];

export function isRecurring(expr: DeadlineExpression): boolean {
  return expr.kind === 'every-quarter-end' || expr.kind === 'every-month-day';
}

export class DeadlineExpressionError extends Error {
  override readonly name = 'DeadlineExpressionError';
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}
