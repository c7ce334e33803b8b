import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { originRule, settleTally, sumPoints, type LedgerLine, type ScoringScheme } from '@duban/scoring';
import { AssessmentService, assertCommitteeReader, assertDepartmentReader, type AssessmentRef } from './assessment.service.js';
import { ledgerView, scoreDepartmentsLineByLine, voidedLineKeys, type LedgerView } from './department-ledger.reader.js';
import { loadStoredScores, tallyOf } from './ledger.store.js';
import { SchemeVersionService } from './scheme-version.service.js';
import { SCORING_CALENDAR, createScoringCalendar, type ScoringCalendar } from './working-days.provider.js';

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

/** One department's ledger as read, with its row of the table. */
export interface DepartmentLedgerView extends LedgerView {
  table: ScoreTableRow | null;
}

/**
 * Read side: the live table of an open year, the snapshot of a finalized one. An open year's
 * ledgers are produced on read from the facts (the recompute stores only the score rows).
 */
@Injectable()
export class ScoreQueryService {
  private readonly calendar: ScoringCalendar;

  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentService,
    private readonly schemes: SchemeVersionService,
    @Optional() @Inject(SCORING_CALENDAR) calendar?: ScoringCalendar,
  ) {
    this.calendar = calendar ?? createScoringCalendar();
  }

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
    const breakdowns = finalized ? await this.finalBreakdowns(assessment.id) : await this.liveBreakdowns(assessment.id, scheme);
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

  /**
   * One department's ledger: every point with the task and event that caused it, what the lines sum
   * to and whether that still is the stored score (`pendingRecompute`: events since the last run).
   */
  async ledger(actor: Actor, year: number, departmentId: string, jurisdictionId?: string): Promise<DepartmentLedgerView> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertDepartmentReader(actor, ref, departmentId);
    return this.ledgerOf(ref, departmentId);
  }

  async ledgerOf(ref: AssessmentRef, departmentId: string): Promise<DepartmentLedgerView> {
    const table = await this.tableOf(ref);
    const row = table.groups.flatMap((g) => g.departments).find((d) => d.departmentId === departmentId) ?? null;
    const ledger = (await this.ledgersOf(ref, [departmentId])).get(departmentId)!;
    return { table: row, ...ledger };
  }

  /** Several departments' ledgers in one read of their facts (exports go through here in batches). */
  async ledgersOf(ref: AssessmentRef, departmentIds: readonly string[]): Promise<Map<string, LedgerView>> {
    const { assessment } = ref;
    const out = new Map<string, LedgerView>();
    if (assessment.status === 'finalized') {
      const snap: Array<{ department_id: string; score: string; lines: LedgerLine[] }> = await this.dataSource.query(
        `SELECT department_id, score, lines FROM final_scores WHERE assessment_id = $1 AND department_id = ANY($2::uuid[])`,
        [assessment.id, departmentIds],
      );
      const byId = new Map(snap.map((r) => [r.department_id, r]));
      for (const id of departmentIds) {
        const r = byId.get(id);
        const lines = (r?.lines ?? []).map((line) => ({ ...line, points: Number(line.points) }));
        const total = sumPoints(lines.map((line) => line.points));
        out.set(id, { lines, linesTotal: total, storedScore: r ? Number(r.score) : null, pendingRecompute: false });
      }
      return out;
    }
    const manager = this.dataSource.manager;
    const scheme = await this.schemes.get(assessment.schemeId, assessment.schemeVersion);
    const stored = await loadStoredScores(manager, assessment.id, departmentIds);
    const voided = await voidedLineKeys(manager, assessment.id);
    const scored = await scoreDepartmentsLineByLine(
      manager,
      { year: assessment.year, scheme, calendar: this.calendar, voidedLineKeys: voided.map((v) => v.lineKey) },
      departmentIds.filter((id) => stored.has(id)).map((id) => ({ departmentId: id, asOf: stored.get(id)!.asOf, quotaDenial: stored.get(id)!.quotaDenial })),
    );
    for (const id of departmentIds) out.set(id, ledgerView(scored.get(id), stored.get(id)));
    return out;
  }

  private async liveAsOf(assessmentId: string): Promise<string | null> {
    const rows: Array<{ as_of: string | null }> = await this.dataSource.query(
      `SELECT to_char(max(as_of), 'YYYY-MM-DD') AS as_of FROM department_scores WHERE assessment_id = $1`,
      [assessmentId],
    );
    return rows[0]?.as_of ?? null;
  }

  /** Per-rule points of an open year, settled from each stored tally exactly as its score was. */
  private async liveBreakdowns(assessmentId: string, scheme: ScoringScheme): Promise<Map<string, Record<string, number>>> {
    const stored = await loadStoredScores(this.dataSource.manager, assessmentId);
    const out = new Map<string, Record<string, number>>();
    for (const [departmentId, row] of stored) {
      const tally = tallyOf(row);
      if (tally) out.set(departmentId, settleTally(tally, scheme, row.quotaDenial !== null).breakdown);
    }
    return out;
  }

  /** Per-rule points of a finalized year, from its frozen ledgers. */
  private async finalBreakdowns(assessmentId: string): Promise<Map<string, Record<string, number>>> {
    const rows: Array<{ department_id: string; rule: string; points: string }> = await this.dataSource.query(
      `SELECT f.department_id, l->>'rule' AS rule, sum((l->>'points')::numeric) AS points
         FROM final_scores f CROSS JOIN LATERAL jsonb_array_elements(f.lines) AS l
        WHERE f.assessment_id = $1 GROUP BY 1, 2`,
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
