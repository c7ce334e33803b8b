export interface SchemeIssue {
  /** Dotted path of the offending field, e.g. rules.missed.lead or grades[2].maxShare. */
  field: string;
  message: string;
}

/** A scheme that fails validation; the message names every offending field. */
export class SchemeValidationError extends Error {
  readonly code = 'SCHEME_INVALID';

  constructor(
    readonly issues: SchemeIssue[],
    readonly source?: string,
  ) {
    const where = source ? `（${source}）` : '';
    super(`考核方案无效${where}：${issues.map((issue) => `${issue.field}：${issue.message}`).join('；')}`);
    this.name = 'SchemeValidationError';
  }

  /** The first offending field, handy for a 422 keyed by field. */
  get field(): string {
    return this.issues[0]?.field ?? '';
  }
}
