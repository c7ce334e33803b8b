import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { originRule, type LedgerLine } from '@duban/scoring';
import { AssessmentService, assertCommitteeReader, assertDepartmentReader, type AssessmentRef } from './assessment.service.js';
import { rowToLine, type LineRow } from './ledger.store.js';
import { SchemeVersionService } from './scheme-version.service.js';

export interface ScoreTableRow {
  departmentId: string;
  code: string;
  name: string;
  peerGroupId: string;
  rank: number;
  grade: string;
  score: number;
  added: number;
  deducted: number;
  notes: string[];
  /** Points per rule (adjustments folded into the rule they adjust; `base`, `cap.year` apart). */
  breakdown: Record<string, number>;
}

export interface ScoreTable {
  assessmentId: string;
  year: number;
  jurisdiction: { id: string; name: string };
  scheme: { id: string; version: number; name: string; ruleLabels: Record<string, string> };
  status: 'open' | 'finalized';
  asOf: string | null;
  groups: Array<{ peerGroupId: string; name: string; distribution: Record<string, number>; departments: ScoreTableRow[] }>;
}

/** Read side: the live table of an open year, the snapshot of a finalized one. */
@Injectable()
export class ScoreQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentService,
    private readonly schemes: SchemeVersionService,
  ) {}

  async table(actor: Actor, year: number, jurisdictionId?: string): Promise<ScoreTable> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertCommitteeReader(actor, ref);
    return this.tableOf(ref);
  }

  /** Without an actor: for the CLI, which runs with the operator's database rights. */
  async tableOf(ref: AssessmentRef): Promise<ScoreTable> {
    const { assessment, root } = ref;
    const scheme = await this.schemes.get(assessment.schemeId, assessment.schemeVersion);
    const finalized = assessment.status === 'finalized';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT s.department_id, d.code, d.name, s.peer_group_id, s.rank, s.grade, s.score, s.added, s.deducted, s.notes
         FROM ${finalized ? 'final_scores' : 'department_scores'} s JOIN departments d ON d.id = s.department_id
        WHERE s.assessment_id = $1 ORDER BY s.peer_group_id, s.rank`,
      [assessment.id],
    );
    const breakdowns = await this.breakdowns(assessment.id, finalized);
    const groups = scheme.peerGroups.map((group) => {
      const departments = rows
        .filter((r) => r.peer_group_id === group.id)
        .map((r): ScoreTableRow => ({
          departmentId: r.department_id as string,
          code: r.code as string,
          name: r.name as string,
          peerGroupId: group.id,
          rank: r.rank as number,
          grade: r.grade as string,
          score: Number(r.score),
          added: Number(r.added),
          deducted: Number(r.deducted),
          notes: r.notes as string[],
          breakdown: breakdowns.get(r.department_id as string) ?? {},
        }));
      const distribution = Object.fromEntries(scheme.grades.map((band) => [band.name, departments.filter((d) => d.grade === band.name).length]));
      return { peerGroupId: group.id, name: group.name, distribution, departments };
    });
    return {
      assessmentId: assessment.id,
      year: assessment.year,
      jurisdiction: { id: root.id, name: root.name },
      scheme: {
        id: scheme.id,
        version: scheme.version,
        name: scheme.name,
        ruleLabels: Object.fromEntries(Object.entries(scheme.rules).map(([id, rule]) => [id, rule.label])),
      },
      status: assessment.status,
      asOf: finalized ? assessment.finalAsOf : (rows.length ? await this.liveAsOf(assessment.id) : null),
      groups: groups.filter((g) => g.departments.length > 0),
    };
  }

  /** One department's ledger: every point with the task and event that caused it. */
  async ledger(actor: Actor, year: number, departmentId: string, jurisdictionId?: string): Promise<{ table: ScoreTableRow | null; lines: LedgerLine[] }> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertDepartmentReader(actor, ref, departmentId);
    return this.ledgerOf(ref, departmentId);
  }

  async ledgerOf(ref: AssessmentRef, departmentId: string): Promise<{ table: ScoreTableRow | null; lines: LedgerLine[] }> {
    const table = await this.tableOf(ref);
    const row = table.groups.flatMap((g) => g.departments).find((d) => d.departmentId === departmentId) ?? null;
    if (ref.assessment.status === 'finalized') {
      const snap: Array<{ lines: LedgerLine[] }> = await this.dataSource.query(
        `SELECT lines FROM final_scores WHERE assessment_id = $1 AND department_id = $2`,
        [ref.assessment.id, departmentId],
      );
      return { table: row, lines: snap[0]?.lines ?? [] };
    }
    const rows: LineRow[] = await this.dataSource.query(
      `SELECT department_id, line_key, rule, points, reason, role, task_id, event_ref, to_char(line_date, 'YYYY-MM-DD') AS line_date, adjusts
         FROM ledger_lines WHERE assessment_id = $1 AND department_id = $2 ORDER BY position`,
      [ref.assessment.id, departmentId],
    );
    return { table: row, lines: rows.map(rowToLine) };
  }

  private async liveAsOf(assessmentId: string): Promise<string | null> {
    const rows: Array<{ as_of: string | null }> = await this.dataSource.query(
      `SELECT to_char(max(as_of), 'YYYY-MM-DD') AS as_of FROM department_scores WHERE assessment_id = $1`,
      [assessmentId],
    );
    return rows[0]?.as_of ?? null;
  }

  private async breakdowns(assessmentId: string, finalized: boolean): Promise<Map<string, Record<string, number>>> {
    const rows: Array<{ department_id: string; rule: string; points: string }> = finalized
      ? await this.dataSource.query(
          `SELECT f.department_id, l->>'rule' AS rule, sum((l->>'points')::numeric) AS points
             FROM final_scores f CROSS JOIN LATERAL jsonb_array_elements(f.lines) AS l
            WHERE f.assessment_id = $1 GROUP BY 1, 2`,
          [assessmentId],
        )
      : await this.dataSource.query(
          `SELECT department_id, rule, sum(points) AS points FROM ledger_lines WHERE assessment_id = $1 GROUP BY 1, 2`,
          [assessmentId],
        );
    const out = new Map<string, Record<string, number>>();
    for (const row of rows) {
      const bucket = row.rule === 'base' ? 'base' : (originRule(row.rule) ?? 'cap.year');
      const entry = out.get(row.department_id) ?? {};
      entry[bucket] = Math.round(((entry[bucket] ?? 0) + Number(row.points)) * 100) / 100;
      out.set(row.department_id, entry);
    }
    return out;
  }
}

/** The two rules that cost a department most, for one-line summaries (CLI, export). */
export function topDeductions(row: ScoreTableRow, labels: Record<string, string>, count = 2): string {
  return Object.entries(row.breakdown)
    .filter(([, points]) => points < 0)
    .sort((a, b) => a[1] - b[1])
    .slice(0, count)
    .map(([rule, points]) => `${labels[rule] ?? (rule === 'cap.year' ? '年度封顶' : rule)}${points}`)
    .join('；');
}
