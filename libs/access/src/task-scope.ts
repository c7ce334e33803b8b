import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isDepartmentRole } from '@duban/domain';
import type { Actor } from './actor.js';

export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The one rule of who sees which task, as a TypeORM query-builder condition over `tasks` aliased `t`
 * joined to its department aliased `d`. Department roles see their own department's tasks;
 * coordinators, assessors and admins see every task of a department inside their jurisdiction
 * (admins without one see all). Every task read and write goes through this: a task outside it is
 * reported as not found, never as forbidden, so ids of other departments' tasks reveal nothing.
 */
export function taskScope(actor: Actor): ScopeCondition {
  if (isDepartmentRole(actor.role)) {
    return { sql: 't.department_id = :scopeDepartmentId', params: { scopeDepartmentId: actor.departmentId } };
  }
  if (actor.jurisdictionPath === null) {
    return { sql: actor.role === 'admin' ? 'TRUE' : 'FALSE', params: {} };
  }
  return { sql: "d.path LIKE :scopePath ESCAPE '\\'", params: { scopePath: `${escapeLike(actor.jurisdictionPath)}%` } };
}

/**
 * `tasks t` with its department `d`, plan `p` and plan item `i`, narrowed by taskScope: the shape
 * behind every task list that shows a title, a plan and a department name. Callers add their
 * select list and further conditions (andWhere).
 */
export function scopedTasks(qb: SelectQueryBuilder<ObjectLiteral>, actor: Actor): SelectQueryBuilder<ObjectLiteral> {
  const scope = taskScope(actor);
  return qb
    .from('tasks', 't')
    .innerJoin('departments', 'd', 'd.id = t.department_id')
    .innerJoin('plans', 'p', 'p.id = t.plan_id')
    .innerJoin('plan_items', 'i', 'i.id = t.plan_item_id')
    .where(scope.sql, scope.params);
}

/** Whether a department (by its path) lies inside the actor's jurisdiction. */
export function inJurisdiction(actor: Actor, departmentPath: string): boolean {
  if (isDepartmentRole(actor.role)) return false;
  if (actor.jurisdictionPath === null) return actor.role === 'admin';
  return departmentPath.startsWith(actor.jurisdictionPath);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
