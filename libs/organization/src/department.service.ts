import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { DEPARTMENT_KINDS, DepartmentEntity, type DepartmentKind } from '@duban/persistence';

export interface NewDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  parentId?: string | null;
  aliases?: string[];
}

export interface DepartmentView {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  parentId: string | null;
  aliases: string[];
}

export function toDepartmentView(d: DepartmentEntity): DepartmentView {
  return { id: d.id, code: d.code, name: d.name, kind: d.kind, parentId: d.parentId, aliases: d.aliases };
}

@Injectable()
export class DepartmentService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers a department. Admins may add anywhere; coordinators only inside their jurisdiction
   * (a new root needs an admin).
   */
  async create(actor: Actor | null, input: NewDepartment, manager: EntityManager = this.dataSource.manager): Promise<DepartmentView> {
    if (!DEPARTMENT_KINDS.includes(input.kind)) {
      throw new DubanError('invalid', `未知的单位类型：${input.kind}`, { field: 'kind' });
    }
    const repo = manager.getRepository(DepartmentEntity);
    let parentPath = '/';
    if (input.parentId) {
      const parent = await repo.findOneBy({ id: input.parentId });
      if (!parent) throw new DubanError('invalid', `上级单位不存在：${input.parentId}`, { field: 'parentId' });
      parentPath = parent.path;
    }
    if (actor && actor.role !== 'admin') {
      if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室或系统管理员可以登记单位');
      if (!input.parentId || !inJurisdiction(actor, parentPath)) {
        throw new DubanError('forbidden', '只能在本辖区内登记单位', { field: 'parentId' });
      }
    }
    if (await repo.existsBy({ code: input.code })) {
      throw new DubanError('conflict', `单位代码已存在：${input.code}`, { field: 'code' });
    }
    const id = randomUUID();
    const saved = await repo.save(
      repo.create({
        id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        parentId: input.parentId ?? null,
        path: `${parentPath}${id}/`,
        aliases: input.aliases ?? [],
      }),
    );
    return toDepartmentView(saved);
  }

  async getEntity(id: string): Promise<DepartmentEntity | null> {
    return this.dataSource.getRepository(DepartmentEntity).findOneBy({ id });
  }

  async findByCode(code: string): Promise<DepartmentEntity | null> {
    return this.dataSource.getRepository(DepartmentEntity).findOneBy({ code });
  }

  /** Departments the actor may see: own department for department roles, the jurisdiction otherwise. */
  async list(actor: Actor): Promise<DepartmentView[]> {
    const qb = this.dataSource.getRepository(DepartmentEntity).createQueryBuilder('d').orderBy('d.path');
    if (actor.role === 'department_lead' || actor.role === 'department_staff') {
      qb.where('d.id = :id', { id: actor.departmentId });
    } else if (actor.jurisdictionPath !== null) {
      qb.where('d.path LIKE :p', { p: `${actor.jurisdictionPath}%` });
    } else if (actor.role !== 'admin') {
      return [];
    }
    return (await qb.getMany()).map(toDepartmentView);
  }
}
