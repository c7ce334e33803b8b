import type { DepartmentTally } from './department-tally.js';
import { ledgerKey } from './ledger-key.js';
import { NO_ID, type LedgerLine } from './ledger-line.types.js';
import { fromCents, toCents } from './points.js';
import { adjustmentPhrase, pointsPhrase, taskName } from './reason-text.js';
import { REWARD_RULE_IDS, TASK_RULE_IDS, type ScoringScheme, type TaskRuleId } from './scoring-scheme.types.js';
import { formatPoints } from './points.js';

/** Everything a department's ledger is built from; rank() rebuilds it when the bonus quota bites. */
export interface LedgerBasis {
  departmentId: string;
  /** Task rule lines before any adjustment, in ledger order. */
  rawLines: LedgerLine[];
  /** Keys of raw lines voided by an upheld appeal. */
  appealVoided: string[];
  /** Set when the department is beyond the bonus quota: why its 加分 lines do not count. */
  quotaDenial?: string;
  /**
   * Set instead of raw lines when the department was scored from fact classes (or read back from
   * its stored tally): the score is settled from it and there is no ledger to assemble.
   */
  tally?: DepartmentTally;
}

const ADJUSTMENT_PREFIXES = ['appeal:', 'quota:', 'cap.task:', 'cap.year:'];

/** The task rule a line belongs to (appeal:missed → missed); cap.year:added etc. have none. */
export function originRule(rule: string): TaskRuleId | undefined {
  let base = rule;
  for (const prefix of ADJUSTMENT_PREFIXES) if (rule.startsWith(prefix)) base = rule.slice(prefix.length);
  return (TASK_RULE_IDS as readonly string[]).includes(base) ? (base as TaskRuleId) : undefined;
}

export function isRewardLine(line: LedgerLine): boolean {
  const origin = originRule(line.rule);
  return line.rule === 'cap.year:added' || (origin !== undefined && REWARD_RULE_IDS.includes(origin));
}

export function isDeductionLine(line: LedgerLine): boolean {
  const origin = originRule(line.rule);
  return line.rule === 'cap.year:deducted' || (origin !== undefined && !REWARD_RULE_IDS.includes(origin));
}

/**
 * Builds the final ledger: base line, raw lines each followed by its appeal/quota voiding, then
 * cap lines (per task, per rule and year, whole year). Caps see the net after voiding, so an
 * upheld appeal can lift a department back under a cap. The sum of the result is the score.
 */
export function assembleLedger(basis: LedgerBasis, scheme: ScoringScheme): LedgerLine[] {
  const { departmentId } = basis;
  const voided = new Set(basis.appealVoided);
  const out: LedgerLine[] = [
    {
      key: ledgerKey(departmentId, NO_ID, NO_ID, 'base'),
      departmentId,
      taskId: NO_ID,
      eventId: NO_ID,
      rule: 'base',
      points: scheme.baseScore,
      reason: `基础分${formatPoints(scheme.baseScore)}分`,
    },
  ];

  const byTask = new Map<string, LedgerLine[]>();
  for (const raw of basis.rawLines) {
    const group = byTask.get(raw.taskId) ?? [];
    group.push(raw);
    if (voided.has(raw.key)) {
      group.push(adjustment(raw, 'appeal', `申诉成立，撤销此项，${adjustmentPhrase(-raw.points)}（原：${raw.reason}）`));
    } else if (basis.quotaDenial && scheme.rules[raw.rule as TaskRuleId]?.quotaLimited) {
      group.push(adjustment(raw, 'quota', `${basis.quotaDenial}，${adjustmentPhrase(-raw.points)}（原：${raw.reason}）`));
    }
    byTask.set(raw.taskId, group);
  }

  for (const [taskId, lines] of byTask) {
    out.push(...lines);
    for (const rule of TASK_RULE_IDS) {
      const cap = scheme.rules[rule].capPerTask;
      if (cap === undefined) continue;
      const net = netCents(lines, (line) => originRule(line.rule) === rule);
      const capLine = capAdjustment(net, cap, (points) => ({
        key: ledgerKey(departmentId, taskId, NO_ID, `cap.task:${rule}`),
        departmentId,
        taskId,
        eventId: NO_ID,
        rule: `cap.task:${rule}`,
        points,
        reason: `${taskName(lines[0].taskTitle, taskId)}“${scheme.rules[rule].label}”共${pointsPhrase(fromCents(net))}，超过单项上限${formatPoints(cap)}分，按${formatPoints(cap)}分计，${adjustmentPhrase(points)}`,
      }));
      if (capLine) out.push(capLine);
    }
  }

  for (const rule of TASK_RULE_IDS) {
    const cap = scheme.rules[rule].capPerYear;
    if (cap === undefined) continue;
    const net = netCents(out, (line) => originRule(line.rule) === rule);
    const capLine = capAdjustment(net, cap, (points) =>
      yearLine(departmentId, `cap.year:${rule}`, points, `“${scheme.rules[rule].label}”全年共${pointsPhrase(fromCents(net))}，超过年度上限${formatPoints(cap)}分，按${formatPoints(cap)}分计，${adjustmentPhrase(points)}`),
    );
    if (capLine) out.push(capLine);
  }

  const { maxAdded, maxDeducted } = scheme.yearCaps;
  if (maxAdded !== undefined) {
    const net = netCents(out, isRewardLine);
    const capLine = capAdjustment(net, maxAdded, (points) =>
      yearLine(departmentId, 'cap.year:added', points, `全年任务加分共${formatPoints(fromCents(net))}分，超过年度加分上限${formatPoints(maxAdded)}分，按${formatPoints(maxAdded)}分计，${adjustmentPhrase(points)}`),
    );
    if (capLine) out.push(capLine);
  }
  if (maxDeducted !== undefined) {
    const net = netCents(out, isDeductionLine);
    const capLine = capAdjustment(net, maxDeducted, (points) =>
      yearLine(departmentId, 'cap.year:deducted', points, `全年任务扣分共${formatPoints(fromCents(net))}分，超过年度扣分上限${formatPoints(maxDeducted)}分，按${formatPoints(maxDeducted)}分计，${adjustmentPhrase(points)}`),
    );
    if (capLine) out.push(capLine);
  }
  return out;
}

function adjustment(raw: LedgerLine, kind: 'appeal' | 'quota', reason: string): LedgerLine {
  const rule = `${kind}:${raw.rule}`;
  return {
    key: ledgerKey(raw.departmentId, raw.taskId, raw.eventId, rule),
    departmentId: raw.departmentId,
    taskId: raw.taskId,
    eventId: raw.eventId,
    rule,
    points: -raw.points || 0,
    reason,
    role: raw.role,
    taskTitle: raw.taskTitle,
    date: raw.date,
    adjusts: raw.key,
  };
}

function yearLine(departmentId: string, rule: string, points: number, reason: string): LedgerLine {
  return { key: ledgerKey(departmentId, NO_ID, NO_ID, rule), departmentId, taskId: NO_ID, eventId: NO_ID, rule, points, reason };
}

function netCents(lines: readonly LedgerLine[], predicate: (line: LedgerLine) => boolean): number {
  let cents = 0;
  for (const line of lines) if (predicate(line)) cents += toCents(line.points);
  return cents;
}

/** A line bringing |net| back to the cap, or nothing when within it. */
function capAdjustment(netCentsValue: number, cap: number, build: (points: number) => LedgerLine): LedgerLine | undefined {
  const capCents = toCents(cap);
  if (Math.abs(netCentsValue) <= capCents) return undefined;
  const target = netCentsValue < 0 ? -capCents : capCents;
  return build(fromCents(target - netCentsValue));
}
