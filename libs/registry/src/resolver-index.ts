import { coreKey, lightKey, namingFromRoot, type JurisdictionNaming } from './name-normalizer.js';
import type { Registry, RegistryDepartment } from './registry.types.js';

/** One way of writing a department (its name or an alias), pre-normalised for fuzzy matching. */
export interface IndexedForm {
  readonly department: RegistryDepartment;
  readonly core: string;
  /** Counties the form names or the department belongs to; used to keep 禄丰 names in 禄丰. */
  readonly counties: ReadonlySet<string>;
}

export interface ResolverIndex {
  readonly naming: JurisdictionNaming;
  readonly byName: ReadonlyMap<string, RegistryDepartment>;
  readonly byAlias: ReadonlyMap<string, RegistryDepartment>;
  readonly forms: readonly IndexedForm[];
  readonly counties: readonly RegistryDepartment[];
  /** county code → the county's place name as core text (禄丰市), for building per-county queries */
  readonly countyPlace: ReadonlyMap<string, string>;
  /** Which counties a core text mentions. */
  mentionedCounties(core: string): Set<string>;
}

/** The county a department belongs to (itself for a county), or undefined for jurisdiction-level units. */
function countyOf(dep: RegistryDepartment, byCode: ReadonlyMap<string, RegistryDepartment>): string | undefined {
  let cursor: RegistryDepartment | undefined = dep;
  while (cursor) {
    if (cursor.kind === 'county') return cursor.code;
    cursor = cursor.parentCode === null ? undefined : byCode.get(cursor.parentCode);
  }
  return undefined;
}

export function buildResolverIndex(registry: Registry): ResolverIndex {
  const deps = registry.departments;
  const byCode = new Map(deps.map((d) => [d.code, d]));
  const root = deps.find((d) => d.parentCode === null);
  if (!root) throw new Error(`registry ${registry.jurisdiction} has no root government`);
  const naming = namingFromRoot(root.name, root.aliases);

  const byName = new Map<string, RegistryDepartment>();
  const byAlias = new Map<string, RegistryDepartment>();
  for (const dep of deps) byName.set(lightKey(dep.name), dep);
  for (const dep of deps) {
    for (const alias of dep.aliases) {
      const key = lightKey(alias);
      if (!byName.has(key) && !byAlias.has(key)) byAlias.set(key, dep);
    }
  }

  const counties = deps.filter((d) => d.kind === 'county');
  const tokens: { token: string; county: string }[] = [];
  const countyPlace = new Map<string, string>();
  for (const county of counties) {
    countyPlace.set(county.code, coreKey(county.name, naming).replace(/政府$/, ''));
    for (const label of [county.name, ...county.aliases]) {
      const token = coreKey(label, naming).replace(/政府$/, '');
      // A token equal to the level word alone (市) would match everything.
      if ([...token].length >= 2) tokens.push({ token, county: county.code });
    }
  }
  const mentionedCounties = (core: string): Set<string> =>
    new Set(tokens.filter((t) => core.includes(t.token)).map((t) => t.county));

  const forms: IndexedForm[] = [];
  for (const dep of deps) {
    const home = countyOf(dep, byCode);
    for (const label of new Set([dep.name, ...dep.aliases])) {
      const core = coreKey(label, naming);
      const mentioned = mentionedCounties(core);
      if (home) mentioned.add(home);
      forms.push({ department: dep, core, counties: mentioned });
    }
  }
  return { naming, byName, byAlias, forms, counties, countyPlace, mentionedCounties };
}
