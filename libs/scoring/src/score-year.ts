import { isIsoDate, yearEnd } from './civil-date.js';
import { scoreFromBasis, type DepartmentScore } from './department-score.js';
import { tallyFromClasses, type FactClass } from './department-tally.js';
import { compare, normalizeFacts } from './fact.normalizer.js';
import type { LedgerBasis } from './ledger-assembly.js';
import type { LedgerLine } from './ledger-line.types.js';
import type { ScoringScheme } from './scoring-scheme.types.js';
import { taskLines } from './task-rules.js';
import type { TaskFact } from './task-fact.types.js';
import type { WorkingDayCounter } from './working-days.js';

export interface ScoreYearInput {
  scheme: ScoringScheme;
  year: number;
  /** Facts of any year; only tasks due in `year` count. Duplicates are merged. */
  facts: readonly TaskFact[];
  workingDays: WorkingDayCounter;
  /** State at the end of this civil day (default: 31 December of the year, the final view). */
  asOf?: string;
  /** Keys of ledger lines voided by upheld appeals (申诉). */
  voidedLineKeys?: Iterable<string>;
  /** Departments to score even without any task (they keep the base score). */
  departmentIds?: readonly string[];
  /**
   * The deadline lateness counts from (a weekend or holiday deadline rolled to the next working
   * day, as the deadline engine does). Default: the stored deadline.
   */
  effectiveDueDate?: (dueDate: string) => string;
}

export interface YearScores {
  year: number;
  schemeId: string;
  schemeVersion: number;
  asOf: string;
  /** Ordered by departmentId. */
  departments: DepartmentScore[];
  /** Appeal keys that match no line of this computation (wrong key, or the line went away). */
  unmatchedAppeals: string[];
  warnings: string[];
}

/**
 * Scores every department of a year from task facts. Pure and deterministic: facts in any order,
 * delivered twice, or split across incremental runs give the same lines, keys and scores.
 */
export function scoreYear(input: ScoreYearInput): YearScores {
  const { scheme, year, workingDays } = input;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new Error(`考核年度无效：${year}`);
  const cutoff = yearCutoff(year, input.asOf, input.effectiveDueDate);

  const { facts, warnings } = normalizeFacts(input.facts, year);
  const warn = (message: string) => warnings.push(message);
  const rawByDepartment = new Map<string, LedgerLine[]>();
  for (const id of input.departmentIds ?? []) rawByDepartment.set(id, []);
  const context = { scheme, asOf: cutoff, workingDays, warn, effectiveDueDate: input.effectiveDueDate };
  const seenKeys = new Set<string>();
  for (const fact of facts) {
    let lines = rawByDepartment.get(fact.departmentId);
    if (!lines) rawByDepartment.set(fact.departmentId, (lines = []));
    for (const line of taskLines(fact, context)) {
      // One line per key: the same event reaching the engine twice must never count twice.
      if (seenKeys.has(line.key)) continue;
      seenKeys.add(line.key);
      lines.push(line);
    }
  }

  const voided = new Set(input.voidedLineKeys ?? []);
  const matched = new Set<string>();
  const departments: DepartmentScore[] = [];
  for (const departmentId of [...rawByDepartment.keys()].sort(compare)) {
    const rawLines = rawByDepartment.get(departmentId) ?? [];
    const appealVoided = rawLines.filter((line) => voided.has(line.key)).map((line) => line.key);
    for (const key of appealVoided) matched.add(key);
    const basis: LedgerBasis = { departmentId, rawLines, appealVoided };
    departments.push(scoreFromBasis(basis, scheme, { year, asOf: cutoff }));
  }
  return {
    year,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf: cutoff,
    departments,
    unmatchedAppeals: [...voided].filter((key) => !matched.has(key)).sort(compare),
    warnings,
  };
}

/**
 * The last civil day a year's score sees: asOf, never after the year's close. The year closes with
 * its last possible deadline: 31 December, or — when deadlines roll past non-working days and
 * 31 December is one — the working day it rolls to in January. Otherwise a task due 31 December
 * 2022 (a Saturday, then the New Year holiday) would count from 3 January 2023 yet be judged on
 * 31 December: neither on time nor missed, whatever the department did.
 */
export function yearCutoff(year: number, asOf: string | undefined, effectiveDueDate?: (dueDate: string) => string): string {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new Error(`考核年度无效：${year}`);
  const end = yearClose(year, effectiveDueDate);
  const value = asOf ?? end;
  if (!isIsoDate(value)) throw new Error(`asOf 应为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(value)}`);
  // Nothing after the year end belongs to the year: a finalized year cannot move.
  return value < end ? value : end;
}

/** 31 December, rolled to the next working day when deadlines roll (see yearCutoff). */
export function yearClose(year: number, effectiveDueDate?: (dueDate: string) => string): string {
  const end = yearEnd(year);
  const rolled = effectiveDueDate ? effectiveDueDate(end) : end;
  return rolled > end ? rolled : end;
}

export interface ScoreClassesInput {
  scheme: ScoringScheme;
  year: number;
  /** The cut-off the classes were built with (default: the year's close). */
  asOf?: string;
  /** The deadline roll the classes were built with; it decides the year's close (see yearCutoff). */
  effectiveDueDate?: (dueDate: string) => string;
  departmentId: string;
  /** The department's tasks due in the year, grouped by what happened to them by asOf. */
  classes: readonly FactClass[];
}

/**
 * Scores one department from fact classes: the same rules as scoreYear over the individual facts
 * (same score, added, deducted, 加分 claim and counts — tested for equivalence), without building
 * a line per task. The ledger is produced on read by scoreYear over the department's facts.
 */
export function scoreClasses(input: ScoreClassesInput): { score: DepartmentScore; warnings: string[] } {
  const { scheme, year, departmentId } = input;
  const asOf = yearCutoff(year, input.asOf, input.effectiveDueDate);
  const warnings: string[] = [];
  const tally = tallyFromClasses(input.classes, scheme, (message) => warnings.push(`单位 ${departmentId}：${message}`));
  const basis: LedgerBasis = { departmentId, rawLines: [], appealVoided: [], tally };
  return { score: scoreFromBasis(basis, scheme, { year, asOf }), warnings };
}
