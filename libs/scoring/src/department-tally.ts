import type { LedgerLine } from './ledger-line.types.js';
import { toCents } from './points.js';
import { REWARD_RULE_IDS, TASK_RULE_IDS, type ScoringScheme, type TaskRuleId } from './scoring-scheme.types.js';
import type { TaskRole } from './task-fact.types.js';
import { EVENT_RULE_IDS, type TaskHappening } from './task-happening.js';
import { taskWorth, type TaskWorth } from './task-worth.js';

export type RuleCounts = Record<TaskRuleId, { lead: number; support: number }>;

/**
 * A department's year in a few numbers — everything its score, 加分 claim, disqualifiers and
 * tie-breakers depend on, whatever the bonus quota decides: per rule the net after appeals and
 * per-task caps (before the quota and the year caps), the raw line counts and the 加分 claimed.
 * Built from ledger lines (tallyFromLines) or from fact classes (tallyFromClasses); both give
 * the same tally for the same facts.
 */
export interface DepartmentTally {
  /** Rule → hundredths after appeals and per-task caps. */
  ruleCents: Record<TaskRuleId, number>;
  /** Raw lines not voided by appeal, per rule and role. */
  counts: RuleCounts;
  /** Net of quota-limited raw lines not voided by appeal, in hundredths (uncapped). */
  bonusClaimedCents: number;
}

/** Many tasks of one department that happened alike. */
export interface FactClass extends TaskHappening {
  /** How many tasks share this happening (≥ 1). */
  count: number;
}

export function emptyCounts(): RuleCounts {
  return Object.fromEntries(TASK_RULE_IDS.map((rule) => [rule, { lead: 0, support: 0 }])) as RuleCounts;
}

function emptyTally(): DepartmentTally {
  return { ruleCents: Object.fromEntries(TASK_RULE_IDS.map((rule) => [rule, 0])) as Record<TaskRuleId, number>, counts: emptyCounts(), bonusClaimedCents: 0 };
}

/** Clamps a net to ±cap (a cap is a magnitude). */
function clampCents(net: number, cap: number | undefined): number {
  if (cap === undefined) return net;
  const capCents = toCents(cap);
  return Math.abs(net) <= capCents ? net : net < 0 ? -capCents : capCents;
}

/**
 * The tally of raw task-rule lines (in any order), minus those voided by appeal — what
 * assembleLedger's lines sum to per rule before the quota and year caps.
 */
export function tallyFromLines(rawLines: readonly LedgerLine[], appealVoided: Iterable<string>, scheme: ScoringScheme): DepartmentTally {
  const voided = new Set(appealVoided);
  const tally = emptyTally();
  const byTask = new Map<string, Map<TaskRuleId, number>>();
  for (const raw of rawLines) {
    if (voided.has(raw.key)) continue;
    const rule = raw.rule as TaskRuleId;
    const cents = toCents(raw.points);
    if (raw.role) tally.counts[rule][raw.role] += 1;
    if (scheme.rules[rule].quotaLimited) tally.bonusClaimedCents += cents;
    let nets = byTask.get(raw.taskId);
    if (!nets) byTask.set(raw.taskId, (nets = new Map()));
    nets.set(rule, (nets.get(rule) ?? 0) + cents);
  }
  for (const nets of byTask.values()) {
    for (const [rule, net] of nets) tally.ruleCents[rule] += clampCents(net, scheme.rules[rule].capPerTask);
  }
  return tally;
}

/**
 * The tally of fact classes: each class is priced once by the same rules as a single task
 * (taskWorth), per-task caps applied to that one task, then multiplied by the class count.
 */
export function tallyFromClasses(classes: readonly FactClass[], scheme: ScoringScheme, warn: (message: string) => void): DepartmentTally {
  const tally = emptyTally();
  const unknown = new Map<string, number>();
  const known = new Set(scheme.categories.map((category) => category.id));
  const prices = pricesOf(scheme);
  for (const fact of classes) {
    if (!Number.isInteger(fact.count) || fact.count < 1) throw new Error(`事实类的任务数应为正整数，实际为 ${fact.count}`);
    if (scheme.categories.length > 0 && fact.category !== undefined && !known.has(fact.category)) {
      unknown.set(fact.category, (unknown.get(fact.category) ?? 0) + fact.count);
    }
    // A year has hundreds of departments with the same few thousand happenings: price each once.
    const key = `${fact.role}|${fact.category ?? ''}|${fact.outcome}|${fact.rating ?? ''}|${fact.lateDays}|${fact.earlyDays}|${EVENT_RULE_IDS.map((rule) => (fact.events[rule] > 0 ? 1 : 0)).join('')}`;
    let worth = prices.get(key);
    if (!worth) prices.set(key, (worth = taskWorth(fact, { scheme, unknownCategory: () => undefined })));
    const nets = new Map<TaskRuleId, number>();
    const add = (rule: TaskRuleId, cents: number, lines: number) => {
      nets.set(rule, (nets.get(rule) ?? 0) + cents * lines);
      tally.counts[rule][fact.role as TaskRole] += lines * fact.count;
      if (scheme.rules[rule].quotaLimited) tally.bonusClaimedCents += cents * lines * fact.count;
    };
    for (const value of worth.completion) add(value.rule, value.cents, 1);
    for (const rule of EVENT_RULE_IDS) {
      const value = worth.perEvent[rule];
      if (value && fact.events[rule] > 0) add(rule, value.cents, fact.events[rule]);
    }
    for (const [rule, net] of nets) tally.ruleCents[rule] += clampCents(net, scheme.rules[rule].capPerTask) * fact.count;
  }
  for (const [category, count] of [...unknown].sort()) warn(`${count}项任务的类别“${category}”不在方案 ${scheme.id} 中，按系数1计`);
  return tally;
}

/** Prices of happenings per scheme object (schemes are immutable, deep-frozen values). */
const PRICES = new WeakMap<ScoringScheme, Map<string, TaskWorth>>();

function pricesOf(scheme: ScoringScheme): Map<string, TaskWorth> {
  let prices = PRICES.get(scheme);
  if (!prices) PRICES.set(scheme, (prices = new Map()));
  if (prices.size > 100_000) prices.clear(); // bounded: a pathological year only loses the cache
  return prices;
}

/** A settled tally: the score and its parts in hundredths, per-rule breakdown in points. */
export interface SettledTally {
  scoreCents: number;
  addedCents: number;
  /** ≤ 0. */
  deductedCents: number;
  /** Per rule after the quota and its year cap; `base`; `cap.year` for the whole-year caps. */
  breakdown: Record<string, number>;
}

/**
 * Applies the bonus quota (a denied department keeps none of its quota-limited points), the
 * per-rule year caps and the whole-year caps — in assembleLedger's order, on whole hundredths.
 */
export function settleTally(tally: DepartmentTally, scheme: ScoringScheme, quotaDenied: boolean): SettledTally {
  const breakdown: Record<string, number> = { base: scheme.baseScore };
  let reward = 0;
  let deduction = 0;
  for (const rule of TASK_RULE_IDS) {
    const config = scheme.rules[rule];
    const net = clampCents(quotaDenied && config.quotaLimited ? 0 : tally.ruleCents[rule], config.capPerYear);
    if (net !== 0) breakdown[rule] = net / 100;
    if (REWARD_RULE_IDS.includes(rule)) reward += net;
    else deduction += net;
  }
  const cappedReward = clampCents(reward, scheme.yearCaps.maxAdded);
  const cappedDeduction = clampCents(deduction, scheme.yearCaps.maxDeducted);
  const yearCap = cappedReward - reward + (cappedDeduction - deduction);
  if (yearCap !== 0) breakdown['cap.year'] = yearCap / 100;
  return {
    scoreCents: toCents(scheme.baseScore) + cappedReward + cappedDeduction,
    addedCents: cappedReward,
    deductedCents: cappedDeduction,
    breakdown,
  };
}
