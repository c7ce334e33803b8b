import type { SchemeIssue } from './scheme-validation.error.js';

/** Small typed readers over untrusted JSON that record an issue per bad field instead of throwing. */
export class SchemeFieldReader {
  readonly issues: SchemeIssue[] = [];

  fail(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  describe(value: unknown): string {
    if (value === undefined) return '缺失';
    return `实际为 ${JSON.stringify(value)}`;
  }

  object(value: unknown, field: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(field, `应为对象，${this.describe(value)}`);
    return undefined;
  }

  array(value: unknown, field: string): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    this.fail(field, `应为数组，${this.describe(value)}`);
    return undefined;
  }

  string(value: unknown, field: string): string {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.fail(field, `应为非空字符串，${this.describe(value)}`);
    return '';
  }

  optionalString(value: unknown, field: string): string | undefined {
    return value === undefined ? undefined : this.string(value, field);
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value === 'boolean') return value;
    this.fail(field, `应为 true 或 false，${this.describe(value)}`);
    return false;
  }

  number(value: unknown, field: string, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(field, `应为数字，${this.describe(value)}`);
      return 0;
    }
    if (bounds.integer && !Number.isInteger(value)) this.fail(field, `应为整数，${this.describe(value)}`);
    if (bounds.min !== undefined && value < bounds.min) this.fail(field, `应不小于 ${bounds.min}，${this.describe(value)}`);
    if (bounds.max !== undefined && value > bounds.max) this.fail(field, `应不大于 ${bounds.max}，${this.describe(value)}`);
    return value;
  }

  optionalNumber(value: unknown, field: string, bounds: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    return value === undefined ? undefined : this.number(value, field, bounds);
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(field, `应为 ${allowed.join(' / ')} 之一，${this.describe(value)}`);
    return allowed[0];
  }

  /** Flags keys the schema does not know, so a typo (capPerYaer) is not silently ignored. */
  noUnknownKeys(record: Record<string, unknown>, field: string, known: readonly string[]): void {
    for (const key of Object.keys(record)) {
      if (!known.includes(key)) this.fail(field ? `${field}.${key}` : key, '未知字段');
    }
  }
}
