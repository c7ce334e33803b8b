import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DepartmentEntity } from '@duban/persistence';
import { parentsFirst, type Registry } from '@duban/registry';

/**
 * Inserts the registry's departments that are not in the database yet (matched by code), parents
 * first, in one transaction. Idempotent: a second run inserts nothing and changes nothing.
 * Returns how many departments were inserted.
 */
export async function seedRegistryDepartments(ds: DataSource, registry: Registry): Promise<number> {
  return ds.transaction(async (manager) => {
    const repo = manager.getRepository(DepartmentEntity);
    const byCode = new Map<string, DepartmentEntity>();
    for (const d of await repo.find()) byCode.set(d.code, d);
    let inserted = 0;
    for (const dep of parentsFirst(registry)) {
      if (byCode.has(dep.code)) continue;
      const parent = dep.parentCode ? byCode.get(dep.parentCode) : null;
      if (dep.parentCode && !parent) throw new Error(`registry ${registry.jurisdiction}: parent ${dep.parentCode} of ${dep.code} is missing`);
      const id = randomUUID();
      const row = repo.create({ id, code: dep.code, name: dep.name, kind: dep.kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, aliases: [...dep.aliases] });
      await repo.insert(row);
      byCode.set(dep.code, row);
      inserted++;
    }
    return inserted;
  });
}
