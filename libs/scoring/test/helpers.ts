import { scoreYear, sumPoints, weekdayCounter, type DepartmentScore, type ScoreYearInput, type ScoringScheme, type TaskFact } from '@duban/scoring';
import { expect } from '@jest/globals';

export function scoreOf(
  facts: TaskFact[],
  scheme: ScoringScheme,
  options: Partial<ScoreYearInput> = {},
  departmentId = 'd1',
): DepartmentScore {
  const result = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter, ...options });
  const department = result.departments.find((unit) => unit.departmentId === departmentId);
  if (!department) throw new Error(`no score for ${departmentId}`);
  expectExplained(department);
  return department;
}

/** The invariant behind every page: the score is exactly the sum of its lines, and keys are unique. */
export function expectExplained(department: DepartmentScore): void {
  expect(sumPoints(department.lines.map((line) => line.points))).toBe(department.score);
  expect(new Set(department.lines.map((line) => line.key)).size).toBe(department.lines.length);
}

export function linesOf(department: DepartmentScore, rule: string) {
  return department.lines.filter((line) => line.rule === rule);
}
