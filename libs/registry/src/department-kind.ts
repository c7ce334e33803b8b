/** The registry stores the same kinds of unit as the departments table: one list, in @duban/domain. */
export { DEPARTMENT_KINDS, isDepartmentKind, type DepartmentKind } from '@duban/domain';
