import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { USER_ROLES, isDepartmentRole, type UserRole } from '@duban/domain';
import { DepartmentEntity, UserEntity } from '@duban/persistence';
import { hashPassword, verifyPassword } from './password.js';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  departmentId: string;
  /** Required for coordinators and assessors: the root of the subtree they oversee. */
  jurisdictionId?: string | null;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: string;
  jurisdictionId: string | null;
}

function toView(u: UserEntity): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    jurisdictionId: u.jurisdictionId,
  };
}

@Injectable()
export class UserService {
  constructor(private readonly dataSource: DataSource) {}

  /** Admins register anyone; coordinators register users of departments inside their jurisdiction. */
  async create(actor: Actor | null, input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    if (!USER_ROLES.includes(input.role)) throw new DubanError('invalid', `未知的角色：${input.role}`, { field: 'role' });
    if (input.password.length < 8) throw new DubanError('invalid', '密码至少8位', { field: 'password' });
    const departments = manager.getRepository(DepartmentEntity);
    const department = await departments.findOneBy({ id: input.departmentId });
    if (!department) throw new DubanError('invalid', `所属单位不存在：${input.departmentId}`, { field: 'departmentId' });
    let jurisdictionId: string | null = null;
    if (!isDepartmentRole(input.role)) {
      jurisdictionId = input.jurisdictionId ?? null;
      if (jurisdictionId === null && input.role !== 'admin') {
        throw new DubanError('invalid', '督查室和考核委员会用户必须指定管辖范围', { field: 'jurisdictionId' });
      }
      if (jurisdictionId && !(await departments.existsBy({ id: jurisdictionId }))) {
        throw new DubanError('invalid', `管辖范围单位不存在：${jurisdictionId}`, { field: 'jurisdictionId' });
      }
    }
    if (actor && actor.role !== 'admin') {
      if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室或系统管理员可以登记用户');
      if (input.role === 'admin' || !inJurisdiction(actor, department.path)) {
        throw new DubanError('forbidden', '只能为本辖区单位登记用户', { field: 'departmentId' });
      }
      if (jurisdictionId) {
        const j = await departments.findOneByOrFail({ id: jurisdictionId });
        if (!inJurisdiction(actor, j.path)) throw new DubanError('forbidden', '管辖范围超出本辖区', { field: 'jurisdictionId' });
      }
    }
    const repo = manager.getRepository(UserEntity);
    if (await repo.existsBy({ username: input.username })) {
      throw new DubanError('conflict', `用户名已存在：${input.username}`, { field: 'username' });
    }
    const saved = await repo.save(
      repo.create({
        username: input.username,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        departmentId: input.departmentId,
        jurisdictionId,
        active: true,
      }),
    );
    return toView(saved);
  }

  /** Returns the user when the password matches an active account; the same null for every failure. */
  async authenticate(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username, active: true });
    // Verify against a throwaway hash for unknown names too, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash()), password);
    return user && ok ? user : null;
  }

  private dummy: Promise<string> | null = null;

  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword('duban-no-such-user');
    return this.dummy;
  }

  /** Builds the request actor from the database, so a deactivated user or moved jurisdiction takes effect at once. */
  async loadActor(userId: string): Promise<Actor | null> {
    const rows: Array<{ id: string; username: string; role: UserRole; department_id: string; jpath: string | null; jurisdiction_id: string | null }> =
      await this.dataSource.query(
        `SELECT u.id, u.username, u.role, u.department_id, u.jurisdiction_id, j.path AS jpath
           FROM users u LEFT JOIN departments j ON j.id = u.jurisdiction_id
          WHERE u.id = $1 AND u.active`,
        [userId],
      );
    const r = rows[0];
    if (!r) return null;
    return {
      userId: r.id,
      username: r.username,
      role: r.role,
      departmentId: r.department_id,
      jurisdictionId: isDepartmentRole(r.role) ? null : r.jurisdiction_id,
      jurisdictionPath: isDepartmentRole(r.role) ? null : r.jpath,
    };
  }

  async list(actor: Actor): Promise<UserView[]> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(DepartmentEntity, 'd', 'd.id = u.department_id')
      .orderBy('u.username');
    if (isDepartmentRole(actor.role)) qb.where('u.department_id = :id', { id: actor.departmentId });
    else if (actor.jurisdictionPath !== null) qb.where('d.path LIKE :p', { p: `${actor.jurisdictionPath}%` });
    else if (actor.role !== 'admin') return [];
    return (await qb.getMany()).map(toView);
  }
}
