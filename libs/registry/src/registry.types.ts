import type { DepartmentKind } from './department-kind.js';

/** One unit as stored in `seeds/registry/<jurisdiction>.json`. */
export interface RegistryDepartment {
  /** Stable ASCII slug, unique across all jurisdictions, prefixed with the jurisdiction code. */
  readonly code: string;
  /** The official full name. */
  readonly name: string;
  readonly kind: DepartmentKind;
  /** `null` only for the jurisdiction's root government. */
  readonly parentCode: string | null;
  /** Other names documents use for the same unit (州教体局, 教育体育局, …). */
  readonly aliases: readonly string[];
}

/** The departments of one jurisdiction (a city or prefecture and everything under it). */
export interface Registry {
  readonly jurisdiction: string;
  readonly departments: readonly RegistryDepartment[];
}
