import type { Registry, RegistryDepartment } from './registry.types.js';

/**
 * The departments with every parent before its children, so a seeder can insert them in one pass
 * and resolve parent ids as it goes. Stable: siblings keep their file order. Expects a validated
 * registry (no unknown parents, no loops).
 */
export function parentsFirst(registry: Registry): RegistryDepartment[] {
  const children = new Map<string | null, RegistryDepartment[]>();
  for (const dep of registry.departments) {
    const list = children.get(dep.parentCode) ?? [];
    list.push(dep);
    children.set(dep.parentCode, list);
  }
  const out: RegistryDepartment[] = [];
  const queue = [...(children.get(null) ?? [])];
  while (queue.length > 0) {
    const dep = queue.shift()!;
    out.push(dep);
    queue.push(...(children.get(dep.code) ?? []));
  }
  return out;
}
