/**
 * The kinds of unit in the administrative tree: the city/prefecture government (root), party bodies,
 * offices, bureaus, sections inside a bureau, county-level governments and their bureaus, schools,
 * and everything else (群团, parks, enterprises). One list for the registry, the entity and the API.
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
