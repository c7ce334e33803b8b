/**
 * A scoring scheme is versioned data: the engine knows what each rule means, the scheme says how
 * many points it is worth, how it is capped and how grades are handed out. Points are signed:
 * rewards are ≥ 0, deductions ≤ 0 (the loader enforces the sign per rule).
 */

export const TASK_RULE_IDS = [
  'completedOnTime',
  'completedEarly',
  'completedLate',
  'missed',
  'returned',
  'escalatedYellow',
  'escalatedRed',
  'talk',
] as const;

export type TaskRuleId = (typeof TASK_RULE_IDS)[number];

/** Rules that add points; every other task rule deducts. */
export const REWARD_RULE_IDS: readonly TaskRuleId[] = ['completedOnTime', 'completedEarly'];

export const QUALITY_RATINGS = ['优', '良', '中', '差'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

export interface TaskRuleConfig {
  /** Chinese name shown in ledger reasons, e.g. 按期完成. */
  label: string;
  /** Points per occurrence for the lead department (per working day for completedLate). */
  lead: number;
  /** Points per occurrence for a supporting department (per working day for completedLate). */
  support: number;
  /** Largest magnitude this rule may reach on one task; the excess becomes a cap line. */
  capPerTask?: number;
  /** Largest magnitude this rule may reach for one department in one year. */
  capPerYear?: number;
  /** Whether the task's category weight multiplies these points. */
  weighted: boolean;
  /** Whether the approving coordinator's rating multiplies these points (completion points). */
  qualityRated: boolean;
  /** 加分项: subject to the bonus quota (only a share of units may keep such points). */
  quotaLimited: boolean;
  /** completedEarly only: how many working days before the deadline count as early. */
  minWorkingDaysEarly?: number;
}

export type TaskRules = Record<TaskRuleId, TaskRuleConfig>;

export interface QualityMultipliers {
  优: number;
  良: number;
  中: number;
  差: number;
  /** Used when a completion carries no rating. */
  unrated: number;
}

export interface CategoryWeight {
  id: string;
  name: string;
  /** Share of the whole assessment, 0–1; the shares of all categories add up to 1. */
  weight: number;
  /** Informational list of indicators (指标) that belong to the category. */
  indicators?: string[];
}

export interface YearCaps {
  /** Largest total a department may gain from task rules in a year (above the base score). */
  maxAdded?: number;
  /** Largest total a department may lose to task rules in a year. */
  maxDeducted?: number;
}

export type QuotaRounding = 'floor' | 'round' | 'ceil';

export interface BonusQuota {
  /** At most this share of the units of a peer group keep their 加分 (quotaLimited rules). */
  maxShare: number;
  rounding: QuotaRounding;
}

export interface GradeBand {
  /** 优秀, 良好, 合格, 较差, 差 … ordered best first. */
  name: string;
  /** Lowest score for the band; the last band has none and takes everyone left. */
  minScore?: number;
  /** At most this share of the peer group may get the band. */
  maxShare?: number;
}

export interface Disqualifier {
  id: string;
  /** Chinese name, e.g. 一票否决. */
  label: string;
  rule: TaskRuleId;
  role?: 'lead' | 'support';
  /** How many tasks with a (non-voided) line of this rule trigger it. */
  minCount: number;
  /** Grades the department can no longer receive. */
  barredGrades: string[];
}

export const TIE_BREAKERS = ['fewerDeducted', 'fewerMissedLead', 'moreCompletedOnTime', 'departmentId'] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export interface PeerGroup {
  id: string;
  name: string;
  /** Department kinds ranked together; '*' takes every kind no other group names. */
  departmentKinds: string[];
}

export interface ScoringScheme {
  id: string;
  version: number;
  name: string;
  description?: string;
  jurisdiction?: string;
  /** Where the numbers come from and which of them are assumptions. */
  notes?: string[];
  baseScore: number;
  rules: TaskRules;
  quality: QualityMultipliers;
  /** Plan item categories with weights; empty means every task weighs 1. */
  categories: CategoryWeight[];
  yearCaps: YearCaps;
  bonusQuota: BonusQuota;
  grades: GradeBand[];
  gradeQuotaRounding: QuotaRounding;
  disqualifiers: Disqualifier[];
  /** Applied in order after the score (higher first); departmentId always ends the chain. */
  tieBreakers: TieBreaker[];
  peerGroups: PeerGroup[];
}
