/** Who a user is in the supervision process. Coordinators and assessors are scoped to a jurisdiction. */
export const USER_ROLES = ['department_lead', 'department_staff', 'coordinator', 'assessor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ROLE_LABELS: Record<UserRole, string> = {
  department_lead: '承办单位负责人',
  department_staff: '承办单位经办人',
  coordinator: '督查室',
  assessor: '考核委员会',
  admin: '系统管理员',
};

/** Roles that act for one department and only ever see that department's tasks. */
export function isDepartmentRole(role: UserRole): boolean {
  return role === 'department_lead' || role === 'department_staff';
}
