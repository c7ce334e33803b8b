import { DEPARTMENT_KINDS, isDepartmentKind } from './department-kind.js';
import type { Registry, RegistryDepartment } from './registry.types.js';

const SLUG = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** A registry file that cannot be used; `issues` lists every problem found, each naming its entry. */
export class RegistryValidationError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid department registry ${source}:\n  - ${issues.join('\n  - ')}`);
    this.name = 'RegistryValidationError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(index: number, raw: unknown): string {
  const code = isRecord(raw) && typeof raw.code === 'string' ? ` "${raw.code}"` : '';
  const name = isRecord(raw) && typeof raw.name === 'string' ? ` (${raw.name})` : '';
  return `departments[${index}]${code}${name}`;
}

/** Checks the shape of one entry; returns the typed entry or null after recording why not. */
function checkEntry(raw: unknown, index: number, jurisdiction: string, issues: string[]): RegistryDepartment | null {
  const where = describe(index, raw);
  if (!isRecord(raw)) {
    issues.push(`${where}: must be an object`);
    return null;
  }
  const before = issues.length;
  const { code, name, kind, parentCode, aliases } = raw;
  if (typeof code !== 'string' || !SLUG.test(code)) {
    issues.push(`${where}: code must be a lowercase ASCII slug (a-z, 0-9, "." and "-"), got ${JSON.stringify(code)}`);
  } else if (code !== jurisdiction && !code.startsWith(`${jurisdiction}.`)) {
    issues.push(`${where}: code must start with the jurisdiction "${jurisdiction}."`);
  }
  if (typeof name !== 'string' || name.trim() === '') issues.push(`${where}: name must be a non-empty string`);
  if (!isDepartmentKind(kind)) {
    issues.push(`${where}: unknown kind ${JSON.stringify(kind)} (expected one of ${DEPARTMENT_KINDS.join(', ')})`);
  }
  if (parentCode !== null && typeof parentCode !== 'string') {
    issues.push(`${where}: parentCode must be a code or null`);
  }
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
    issues.push(`${where}: aliases must be an array of non-empty strings`);
  }
  if (issues.length > before) return null;
  return {
    code: code as string,
    name: name as string,
    kind: kind as RegistryDepartment['kind'],
    parentCode: parentCode as string | null,
    aliases: [...(aliases as string[])],
  };
}

/** Which parent kinds make sense; catches a county bureau hung under the wrong node. */
function checkParentKind(dep: RegistryDepartment, parent: RegistryDepartment, issues: string[]): void {
  if (dep.kind === 'county_bureau' && parent.kind !== 'county') {
    issues.push(`"${dep.code}" (${dep.name}): a county_bureau must sit under a county, not under ${parent.kind} "${parent.code}"`);
  }
  if (dep.kind === 'county' && parent.kind !== 'government') {
    issues.push(`"${dep.code}" (${dep.name}): a county must sit under the root government, not under "${parent.code}"`);
  }
  if (dep.kind === 'government') {
    issues.push(`"${dep.code}" (${dep.name}): only the root may be of kind government`);
  }
}

function checkTree(deps: readonly RegistryDepartment[], issues: string[]): void {
  const byCode = new Map<string, RegistryDepartment>();
  for (const dep of deps) {
    if (byCode.has(dep.code)) issues.push(`duplicate code "${dep.code}" (${byCode.get(dep.code)!.name} and ${dep.name})`);
    else byCode.set(dep.code, dep);
  }
  const roots = deps.filter((d) => d.parentCode === null);
  if (roots.length !== 1) {
    issues.push(`exactly one root (parentCode null) is required, found ${roots.length}: ${roots.map((r) => `"${r.code}"`).join(', ') || 'none'}`);
  }
  for (const root of roots) {
    if (root.kind !== 'government') issues.push(`root "${root.code}" (${root.name}) must be of kind government, got ${root.kind}`);
  }
  for (const dep of deps) {
    if (dep.parentCode === null) continue;
    const parent = byCode.get(dep.parentCode);
    if (!parent) {
      issues.push(`"${dep.code}" (${dep.name}): unknown parentCode "${dep.parentCode}"`);
      continue;
    }
    checkParentKind(dep, parent, issues);
  }
  // A parent chain that never reaches the root is a cycle.
  for (const dep of deps) {
    const seen = new Set<string>();
    let cursor: RegistryDepartment | undefined = dep;
    while (cursor && cursor.parentCode !== null) {
      if (seen.has(cursor.code)) {
        issues.push(`"${dep.code}" (${dep.name}): parent chain loops through "${cursor.code}"`);
        break;
      }
      seen.add(cursor.code);
      cursor = byCode.get(cursor.parentCode);
    }
  }
}

/** Two units answering to the same name would make resolution a coin toss, so it is an error. */
function checkNames(deps: readonly RegistryDepartment[], issues: string[]): void {
  const owner = new Map<string, RegistryDepartment>();
  for (const dep of deps) {
    for (const label of new Set([dep.name, ...dep.aliases])) {
      const key = label.normalize('NFKC').replace(/\s+/g, '');
      const other = owner.get(key);
      if (other && other.code !== dep.code) {
        issues.push(`name or alias "${label}" is used by both "${other.code}" and "${dep.code}"`);
      } else {
        owner.set(key, dep);
      }
    }
  }
}

/**
 * Validates parsed registry JSON and returns it typed. Throws RegistryValidationError listing all
 * problems (duplicate codes, unknown parentCode, unknown kind, bad shapes, ambiguous aliases).
 */
export function parseRegistry(input: unknown, source = 'registry'): Registry {
  const issues: string[] = [];
  if (!isRecord(input)) throw new RegistryValidationError(source, ['top level must be an object with jurisdiction and departments']);
  const { jurisdiction, departments } = input;
  if (typeof jurisdiction !== 'string' || !SLUG.test(jurisdiction) || jurisdiction.includes('.')) {
    throw new RegistryValidationError(source, [`jurisdiction must be a lowercase ASCII slug, got ${JSON.stringify(jurisdiction)}`]);
  }
  if (!Array.isArray(departments) || departments.length === 0) {
    throw new RegistryValidationError(source, ['departments must be a non-empty array']);
  }
  const deps: RegistryDepartment[] = [];
  departments.forEach((raw, index) => {
    const dep = checkEntry(raw, index, jurisdiction, issues);
    if (dep) deps.push(dep);
  });
  if (issues.length === 0) {
    checkTree(deps, issues);
    checkNames(deps, issues);
    const root = deps.find((d) => d.parentCode === null);
    if (root && root.code !== jurisdiction) issues.push(`root "${root.code}" must have the jurisdiction code "${jurisdiction}"`);
  }
  if (issues.length > 0) throw new RegistryValidationError(source, issues);
  return { jurisdiction, departments: deps };
}

/** Codes must be unique across all jurisdictions because the departments table holds them all. */
export function assertDistinctRegistries(registries: readonly Registry[]): void {
  const issues: string[] = [];
  const jurisdictions = new Set<string>();
  const codes = new Map<string, string>();
  for (const reg of registries) {
    if (jurisdictions.has(reg.jurisdiction)) issues.push(`jurisdiction "${reg.jurisdiction}" appears twice`);
    jurisdictions.add(reg.jurisdiction);
    for (const dep of reg.departments) {
      const other = codes.get(dep.code);
      if (other !== undefined) issues.push(`code "${dep.code}" is used in both ${other} and ${reg.jurisdiction}`);
      else codes.set(dep.code, reg.jurisdiction);
    }
  }
  if (issues.length > 0) throw new RegistryValidationError('set', issues);
}
