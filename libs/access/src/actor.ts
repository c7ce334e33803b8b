import type { UserRole } from '@duban/domain';

/** The authenticated caller, as every use-case sees it. Loaded fresh from Postgres per request. */
export interface Actor {
  userId: string;
  username: string;
  role: UserRole;
  departmentId: string;
  jurisdictionId: string | null;
  /** For coordinators, assessors and admins: the materialized path of their jurisdiction's root, e.g. `/a/`. */
  jurisdictionPath: string | null;
}
