import type { DepartmentScore } from './department-score.js';
import { compare } from './fact.normalizer.js';
import type { TieBreaker } from './scoring-scheme.types.js';

/**
 * Orders departments best first: higher score, then the scheme's tie-breakers, then departmentId,
 * so every rank and every quota boundary is reproducible.
 */
export function compareDepartments(tieBreakers: readonly TieBreaker[]) {
  return (a: DepartmentScore, b: DepartmentScore): number => {
    if (a.score !== b.score) return b.score - a.score;
    for (const breaker of tieBreakers) {
      const order = compareBy(breaker, a, b);
      if (order !== 0) return order;
    }
    return compare(a.departmentId, b.departmentId);
  };
}

function compareBy(breaker: TieBreaker, a: DepartmentScore, b: DepartmentScore): number {
  switch (breaker) {
    case 'fewerDeducted':
      return a.deducted - b.deducted;
    case 'fewerMissedLead':
      return a.counts.missed.lead - b.counts.missed.lead;
    case 'moreCompletedOnTime':
      return b.counts.completedOnTime.lead + b.counts.completedOnTime.support - (a.counts.completedOnTime.lead + a.counts.completedOnTime.support);
    case 'departmentId':
      return compare(a.departmentId, b.departmentId);
  }
}

/** Tie-breaker names in Chinese, for the ranking explanation. */
export const TIE_BREAKER_NAMES: Record<TieBreaker, string> = {
  fewerDeducted: '扣分少者在前',
  fewerMissedLead: '牵头任务逾期未完成少者在前',
  moreCompletedOnTime: '按期完成多者在前',
  departmentId: '单位编号顺序',
};
