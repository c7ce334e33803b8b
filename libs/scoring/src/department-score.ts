import { assembleLedger, isDeductionLine, isRewardLine, type LedgerBasis } from './ledger-assembly.js';
import type { LedgerLine } from './ledger-line.types.js';
import { fromCents, toCents } from './points.js';
import { TASK_RULE_IDS, type ScoringScheme, type TaskRuleId } from './scoring-scheme.types.js';

export type RuleCounts = Record<TaskRuleId, { lead: number; support: number }>;

/** One department's score for one year under one scheme version, with the lines that make it. */
export interface DepartmentScore {
  departmentId: string;
  year: number;
  schemeId: string;
  schemeVersion: number;
  asOf: string;
  /** Exactly the sum of `lines`. */
  score: number;
  /** Net gain from task rules after caps (≥ 0). */
  added: number;
  /** Net loss to task rules after caps, as a positive number. */
  deducted: number;
  /** Net 加分 (quota-limited rules) after appeals and before the quota: what competes for the quota. */
  bonusClaimed: number;
  /** True when the bonus quota voided this department's 加分. */
  bonusDenied: boolean;
  lines: LedgerLine[];
  /** Raw lines not voided by appeal, counted per rule and role (disqualifiers, tie-breaks). */
  counts: RuleCounts;
  basis: LedgerBasis;
}

export interface ScoreMeta {
  year: number;
  asOf: string;
}

export function scoreFromBasis(basis: LedgerBasis, scheme: ScoringScheme, meta: ScoreMeta): DepartmentScore {
  const lines = assembleLedger(basis, scheme);
  const voided = new Set(basis.appealVoided);
  const counts = Object.fromEntries(TASK_RULE_IDS.map((rule) => [rule, { lead: 0, support: 0 }])) as RuleCounts;
  let bonusCents = 0;
  for (const raw of basis.rawLines) {
    if (voided.has(raw.key)) continue;
    const rule = raw.rule as TaskRuleId;
    if (raw.role) counts[rule][raw.role] += 1;
    if (scheme.rules[rule].quotaLimited) bonusCents += toCents(raw.points);
  }
  return {
    departmentId: basis.departmentId,
    year: meta.year,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf: meta.asOf,
    score: sum(lines, () => true),
    added: sum(lines, isRewardLine),
    deducted: -sum(lines, isDeductionLine) || 0,
    bonusClaimed: fromCents(bonusCents),
    bonusDenied: basis.quotaDenial !== undefined,
    lines,
    counts,
    basis,
  };
}

function sum(lines: readonly LedgerLine[], predicate: (line: LedgerLine) => boolean): number {
  let cents = 0;
  for (const line of lines) if (predicate(line)) cents += toCents(line.points);
  return fromCents(cents) || 0;
}
