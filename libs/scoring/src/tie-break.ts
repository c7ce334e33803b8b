import type { DepartmentScore } from './department-score.js';
import { compare } from './fact.normalizer.js';
import type { TieBreaker } from './scoring-scheme.types.js';

/** departmentId → the department's stable code (departments.code), or undefined where it has none. */
export type DepartmentCodeOf = (departmentId: string) => string | undefined;

const NO_CODES: DepartmentCodeOf = () => undefined;

/**
 * Orders departments best first: higher score, then the scheme's tie-breakers, then the unit code
 * (单位编号), so every rank and every quota boundary is reproducible — and the same in every
 * database, since codes come from the registry while ids are generated per database.
 */
export function compareDepartments(tieBreakers: readonly TieBreaker[], codeOf: DepartmentCodeOf = NO_CODES) {
  return (a: DepartmentScore, b: DepartmentScore): number => {
    if (a.score !== b.score) return b.score - a.score;
    for (const breaker of tieBreakers) {
      const order = compareBy(breaker, a, b, codeOf);
      if (order !== 0) return order;
    }
    return compareUnitCodes(a, b, codeOf);
  };
}

/**
 * The tie-breaker that separates two departments of equal score (the one `compareDepartments`
 * decided by), or undefined when their scores differ or nothing separates them.
 */
export function decidingTieBreaker(
  tieBreakers: readonly TieBreaker[],
  a: DepartmentScore,
  b: DepartmentScore,
  codeOf: DepartmentCodeOf = NO_CODES,
): TieBreaker | undefined {
  if (a.score !== b.score) return undefined;
  for (const breaker of tieBreakers) {
    if (compareBy(breaker, a, b, codeOf) !== 0) return breaker;
  }
  return compareUnitCodes(a, b, codeOf) !== 0 ? 'departmentId' : undefined;
}

function compareBy(breaker: TieBreaker, a: DepartmentScore, b: DepartmentScore, codeOf: DepartmentCodeOf): number {
  switch (breaker) {
    case 'fewerDeducted':
      return a.deducted - b.deducted;
    case 'fewerMissedLead':
      return a.counts.missed.lead - b.counts.missed.lead;
    case 'moreCompletedOnTime':
      return b.counts.completedOnTime.lead + b.counts.completedOnTime.support - (a.counts.completedOnTime.lead + a.counts.completedOnTime.support);
    case 'departmentId':
      return compareUnitCodes(a, b, codeOf);
  }
}

/**
 * 单位编号顺序: by code. A department without a code comes after every coded one, ordered by id,
 * so the order among coded departments never depends on an id.
 */
function compareUnitCodes(a: DepartmentScore, b: DepartmentScore, codeOf: DepartmentCodeOf): number {
  const codeA = codeOf(a.departmentId);
  const codeB = codeOf(b.departmentId);
  if (codeA !== undefined && codeB !== undefined) return compare(codeA, codeB) || compare(a.departmentId, b.departmentId);
  if (codeA !== undefined) return -1;
  if (codeB !== undefined) return 1;
  return compare(a.departmentId, b.departmentId);
}

/** Tie-breaker names in Chinese, for the ranking explanation. */
export const TIE_BREAKER_NAMES: Record<TieBreaker, string> = {
  fewerDeducted: '扣分少者在前',
  fewerMissedLead: '牵头任务逾期未完成少者在前',
  moreCompletedOnTime: '按期完成多者在前',
  departmentId: '单位编号顺序',
};
