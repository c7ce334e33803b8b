import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from './registry.types.js';
import { RegistryValidationError, assertDistinctRegistries, parseRegistry } from './registry.validator.js';

/** The five jurisdictions whose plans ship as seeds; each has `seeds/registry/<code>.json`. */
export const SEED_JURISDICTIONS = ['bazhong', 'fushun', 'dazhou', 'jiangmen', 'chuxiong'] as const;
export type SeedJurisdiction = (typeof SEED_JURISDICTIONS)[number];

/** Reads and validates one registry file; the error names the file and every bad entry. */
export function loadRegistryFile(path: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RegistryValidationError(path, [`cannot read file: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RegistryValidationError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseRegistry(json, path);
}

/**
 * Loads `<dir>/<jurisdiction>.json` for each jurisdiction (default: the five seeds) and checks that
 * codes are unique across them. `dir` is usually `<repo>/seeds/registry`.
 */
export function loadRegistries(dir: string, jurisdictions: readonly string[] = SEED_JURISDICTIONS): Registry[] {
  const registries = jurisdictions.map((code) => {
    const registry = loadRegistryFile(join(dir, `${code}.json`));
    if (registry.jurisdiction !== code) {
      throw new RegistryValidationError(join(dir, `${code}.json`), [
        `file is named for "${code}" but declares jurisdiction "${registry.jurisdiction}"`,
      ]);
    }
    return registry;
  });
  assertDistinctRegistries(registries);
  return registries;
}
