import { parseScoringScheme } from './scheme.loader.js';
import { SchemeRegistryError } from './scheme-registry.error.js';
import type { ScoringScheme } from './scoring-scheme.types.js';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** What a revision may change: anything but the identity. Arrays are replaced whole. */
export type SchemeChanges = DeepPartial<Omit<ScoringScheme, 'id' | 'version'>>;

/**
 * In-memory catalogue of scheme versions (the persistence layer mirrors it in Postgres).
 * A version used by a finalized year is frozen for good: it can be read and revised into a new
 * version, never amended, so a finalized year can always be recomputed with the exact numbers
 * it was finalized with.
 */
export class SchemeRegistry {
  private readonly schemes = new Map<string, Map<number, ScoringScheme>>();
  private readonly frozen = new Map<string, Set<number>>();

  /** Adds a version; the same content twice is a no-op, different content under one version is refused. */
  register(input: unknown): ScoringScheme {
    const scheme = parseScoringScheme(input);
    const versions = this.schemes.get(scheme.id) ?? new Map<number, ScoringScheme>();
    const existing = versions.get(scheme.version);
    if (existing) {
      if (JSON.stringify(existing) === JSON.stringify(scheme)) return existing;
      throw new SchemeRegistryError('SCHEME_CONFLICT', `考核方案 ${scheme.id} 第${scheme.version}版已存在且内容不同；修改方案请生成新版本`);
    }
    versions.set(scheme.version, scheme);
    this.schemes.set(scheme.id, versions);
    return scheme;
  }

  get(id: string, version: number): ScoringScheme {
    const scheme = this.schemes.get(id)?.get(version);
    if (!scheme) throw new SchemeRegistryError('SCHEME_NOT_FOUND', `找不到考核方案 ${id} 第${version}版`);
    return scheme;
  }

  latest(id: string): ScoringScheme {
    const versions = this.versions(id);
    if (versions.length === 0) throw new SchemeRegistryError('SCHEME_NOT_FOUND', `找不到考核方案 ${id}`);
    return this.get(id, versions[versions.length - 1]);
  }

  versions(id: string): number[] {
    return [...(this.schemes.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Records that a finalized year used this version; from now on it never changes. */
  markUsedByFinalizedYear(id: string, version: number): void {
    this.get(id, version);
    const set = this.frozen.get(id) ?? new Set<number>();
    set.add(version);
    this.frozen.set(id, set);
  }

  isFrozen(id: string, version: number): boolean {
    return this.frozen.get(id)?.has(version) ?? false;
  }

  /** A new version (highest + 1) with the changes applied; the original stays as it was. */
  revise(scheme: ScoringScheme, changes: SchemeChanges): ScoringScheme {
    this.get(scheme.id, scheme.version);
    const next = Math.max(...this.versions(scheme.id)) + 1;
    return this.register({ ...merge(scheme, changes), id: scheme.id, version: next });
  }

  /** Edits a draft version in place; refused once a finalized year used it. */
  amend(scheme: ScoringScheme, changes: SchemeChanges): ScoringScheme {
    this.get(scheme.id, scheme.version);
    if (this.isFrozen(scheme.id, scheme.version)) {
      throw new SchemeRegistryError(
        'SCHEME_FROZEN',
        `考核方案 ${scheme.id} 第${scheme.version}版已用于定稿年度，不能修改；请用 revise 生成新版本`,
      );
    }
    const amended = parseScoringScheme({ ...merge(scheme, changes), id: scheme.id, version: scheme.version });
    this.schemes.get(scheme.id)!.set(scheme.version, amended);
    return amended;
  }
}

function merge(base: unknown, changes: unknown): Record<string, unknown> {
  if (!isPlainObject(base) || !isPlainObject(changes)) return (changes === undefined ? base : changes) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) out[key] = merge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
