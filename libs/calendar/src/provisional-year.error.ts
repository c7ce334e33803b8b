/**
 * Thrown by the strict WorkingCalendar methods when an answer depends on a year whose holiday
 * schedule is not published (or only guessed). Callers that can live with a Monday–Friday
 * estimate use the `*Lenient` methods, which return the estimate flagged `provisional: true`.
 */
export class ProvisionalYearError extends Error {
  override readonly name = 'ProvisionalYearError';
  readonly code = 'PROVISIONAL_YEAR' as const;

  constructor(
    readonly years: readonly number[],
    readonly operation: string,
  ) {
    super(
      `${operation}: no published holiday schedule for ${years.join(', ')}; ` +
        'the result would only be a Monday–Friday estimate (use the *Lenient variant to accept it flagged)',
    );
  }
}
