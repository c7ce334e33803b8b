/**
 * The kinds of unit a registry may hold. Kept identical to the persistence entity's list
 * (libs/persistence department.entity.ts) so the seeding can store registry entries verbatim;
 * duplicated rather than imported because this lib must stay free of TypeORM.
 */
export const DEPARTMENT_KINDS = [
  'government',
  'party_body',
  'office',
  'bureau',
  'section',
  'county',
  'county_bureau',
  'school',
  'other',
] as const;

export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export function isDepartmentKind(value: unknown): value is DepartmentKind {
  return typeof value === 'string' && (DEPARTMENT_KINDS as readonly string[]).includes(value);
}
