import { settleTally, tallyFromLines, type DepartmentTally } from './department-tally.js';
import { assembleLedger, isDeductionLine, isRewardLine, type LedgerBasis } from './ledger-assembly.js';
import type { LedgerLine } from './ledger-line.types.js';
import { fromCents, toCents } from './points.js';
import type { ScoringScheme } from './scoring-scheme.types.js';

export type { RuleCounts } from './department-tally.js';

/** One department's score for one year under one scheme version, with the lines that make it. */
export interface DepartmentScore {
  departmentId: string;
  year: number;
  schemeId: string;
  schemeVersion: number;
  asOf: string;
  /** Exactly the sum of `lines` (when the department was scored line by line). */
  score: number;
  /** Net gain from task rules after caps (≥ 0). */
  added: number;
  /** Net loss to task rules after caps, as a positive number. */
  deducted: number;
  /** Net 加分 (quota-limited rules) after appeals and before the quota: what competes for the quota. */
  bonusClaimed: number;
  /** True when the bonus quota voided this department's 加分. */
  bonusDenied: boolean;
  /**
   * The ledger. Empty when the department was scored from fact classes (basis.tally): its lines
   * are then produced on read, from its facts, by the same rules.
   */
  lines: LedgerLine[];
  /** Raw lines not voided by appeal, counted per rule and role (disqualifiers, tie-breaks). */
  counts: DepartmentTally['counts'];
  /** What the score is settled from; kept so a later run can re-apply the quota without facts. */
  tally: DepartmentTally;
  /** Points per rule after quota and caps, `base`, and `cap.year` (whole-year caps). */
  breakdown: Record<string, number>;
  basis: LedgerBasis;
}

export interface ScoreMeta {
  year: number;
  asOf: string;
}

/**
 * Scores a department from its basis: line by line when it has raw lines (the ledger is built and
 * summed), or from its tally alone when it was scored from fact classes. Both settle the same tally
 * the same way; for lines the score is the sum of the assembled ledger, which equals it.
 */
export function scoreFromBasis(basis: LedgerBasis, scheme: ScoringScheme, meta: ScoreMeta): DepartmentScore {
  const denied = basis.quotaDenial !== undefined;
  const common = {
    departmentId: basis.departmentId,
    year: meta.year,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf: meta.asOf,
    bonusDenied: denied,
    basis,
  };
  if (basis.tally) {
    const settled = settleTally(basis.tally, scheme, denied);
    return {
      ...common,
      score: fromCents(settled.scoreCents) || 0,
      added: fromCents(settled.addedCents) || 0,
      deducted: -fromCents(settled.deductedCents) || 0,
      bonusClaimed: fromCents(basis.tally.bonusClaimedCents) || 0,
      lines: [],
      counts: basis.tally.counts,
      tally: basis.tally,
      breakdown: settled.breakdown,
    };
  }
  const lines = assembleLedger(basis, scheme);
  const tally = tallyFromLines(basis.rawLines, basis.appealVoided, scheme);
  return {
    ...common,
    score: sum(lines, () => true),
    added: sum(lines, isRewardLine),
    deducted: -sum(lines, isDeductionLine) || 0,
    bonusClaimed: fromCents(tally.bonusClaimedCents) || 0,
    lines,
    counts: tally.counts,
    tally,
    breakdown: settleTally(tally, scheme, denied).breakdown,
  };
}

function sum(lines: readonly LedgerLine[], predicate: (line: LedgerLine) => boolean): number {
  let cents = 0;
  for (const line of lines) if (predicate(line)) cents += toCents(line.points);
  return fromCents(cents) || 0;
}
