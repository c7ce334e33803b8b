import type { EntityManager } from 'typeorm';
import { scoreFromBasis, scoreYear, type DepartmentScore, type ScoringScheme, type TaskFact } from '@duban/scoring';
import type { StoredScore } from './ledger.store.js';
import { loadTaskFacts } from './task-fact.loader.js';
import type { ScoringCalendar } from './working-days.provider.js';

export interface LedgerRequest {
  year: number;
  scheme: ScoringScheme;
  calendar: ScoringCalendar;
  /** Keys of lines voided by upheld appeals (the assessment's, any department). */
  voidedLineKeys: readonly string[];
}

/**
 * Departments' ledgers, line by line, from their facts: the per-fact path of the same engine the
 * recompute settles scores with, at the stored row's `as_of` and with its bonus-quota denial, so
 * the lines sum to the stored score unless something happened since the last recompute.
 * Read on demand (a department's page, an appeal, an export) and materialized at finalize.
 */
export async function scoreDepartmentsLineByLine(
  manager: EntityManager,
  request: LedgerRequest,
  departments: ReadonlyArray<{ departmentId: string; asOf: string; quotaDenial?: string | null }>,
): Promise<Map<string, DepartmentScore>> {
  const out = new Map<string, DepartmentScore>();
  if (departments.length === 0) return out;
  const facts = await loadTaskFacts(manager, departments.map((d) => d.departmentId), request.year);
  const byDepartment = new Map<string, TaskFact[]>(departments.map((d) => [d.departmentId, []]));
  for (const fact of facts) byDepartment.get(fact.departmentId)!.push(fact);
  for (const { departmentId, asOf, quotaDenial } of departments) {
    const { departments: scored } = scoreYear({
      scheme: request.scheme,
      year: request.year,
      facts: byDepartment.get(departmentId)!,
      workingDays: request.calendar.workingDays,
      effectiveDueDate: request.calendar.effectiveDueDate,
      asOf,
      voidedLineKeys: request.voidedLineKeys,
      departmentIds: [departmentId],
    });
    const score = scored[0];
    out.set(departmentId, quotaDenial ? scoreFromBasis({ ...score.basis, quotaDenial }, request.scheme, { year: request.year, asOf: score.asOf }) : score);
  }
  return out;
}

/** A department's ledger as read: the lines, what they sum to, and whether that is still the stored score. */
export interface LedgerView {
  lines: DepartmentScore['lines'];
  /** Sum of the lines' points. */
  linesTotal: number;
  /** The score stored by the last recompute (null: never scored). */
  storedScore: number | null;
  /** True when the lines no longer sum to the stored score: events arrived since the last recompute. */
  pendingRecompute: boolean;
}

export function ledgerView(score: DepartmentScore | undefined, stored: StoredScore | undefined): LedgerView {
  if (!score || !stored) return { lines: [], linesTotal: 0, storedScore: stored?.score ?? null, pendingRecompute: true };
  return { lines: score.lines, linesTotal: score.score, storedScore: stored.score, pendingRecompute: score.score !== stored.score };
}

export async function voidedLineKeys(manager: EntityManager, assessmentId: string): Promise<Array<{ lineKey: string; departmentId: string }>> {
  const rows: Array<{ line_key: string; department_id: string }> = await manager.query(
    `SELECT line_key, department_id FROM appeals WHERE assessment_id = $1 AND status = 'line_voided'`,
    [assessmentId],
  );
  return rows.map((row) => ({ lineKey: row.line_key, departmentId: row.department_id }));
}
