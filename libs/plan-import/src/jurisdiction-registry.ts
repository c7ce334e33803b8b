import type { EntityManager } from 'typeorm';
import { DepartmentEntity } from '@duban/persistence';
import type { Registry, RegistryDepartment } from '@duban/registry';

export interface JurisdictionRegistry {
  /** The departments of the jurisdiction, in the registry's shape, for the name resolver. */
  registry: Registry;
  /** Department code → id. */
  ids: Map<string, string>;
  /** Department id → row, for names and scope checks. */
  byId: Map<string, DepartmentEntity>;
}

/**
 * The registry a draft resolves against is what the database holds under the jurisdiction (seeded
 * from `seeds/registry/<code>.json`, plus anything coordinators registered since), so a resolved
 * name is always a department that can receive a task.
 */
export async function loadJurisdictionRegistry(manager: EntityManager, root: DepartmentEntity): Promise<JurisdictionRegistry> {
  const rows = await manager
    .getRepository(DepartmentEntity)
    .createQueryBuilder('d')
    .where("d.path LIKE :p ESCAPE '\\'", { p: `${root.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
    .orderBy('d.path')
    .getMany();
  const codeById = new Map(rows.map((d) => [d.id, d.code]));
  const departments: RegistryDepartment[] = rows.map((d) => ({
    code: d.code,
    name: d.name,
    kind: d.kind,
    parentCode: d.id === root.id || d.parentId === null ? null : (codeById.get(d.parentId) ?? null),
    aliases: d.aliases,
  }));
  return {
    registry: { jurisdiction: root.code, departments },
    ids: new Map(rows.map((d) => [d.code, d.id])),
    byId: new Map(rows.map((d) => [d.id, d])),
  };
}
