import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';
import { shanghaiDate } from '@duban/domain';
import { AssessmentEntity } from '@duban/persistence';
import {
  rank,
  scoreFromBasis,
  scoreYear,
  TASK_RULE_IDS,
  type DepartmentScore,
  type RuleCounts,
  type ScoringScheme,
  type TaskFact,
  type WorkingDayCounter,
} from '@duban/scoring';
import { loadMembers, rankOptionsOf, type AssessmentMember } from './assessment-members.js';
import { basisFromLines, ledgerHash, loadLines, loadStoredScores, replaceLines, upsertScores, type ScoreRow, type StoredScore } from './ledger.store.js';
import { loadTaskFacts } from './task-fact.loader.js';
import { SchemeVersionService } from './scheme-version.service.js';
import { WORKING_DAYS, createWorkingDayCounter } from './working-days.provider.js';

export interface RecomputeOutcome {
  assessmentId: string;
  year: number;
  asOf: string;
  /** Departments scored from their facts in this run. */
  recomputed: number;
  /** Departments whose ledger lines were rewritten (their ledger changed). */
  rewritten: number;
  linesWritten: number;
  members: number;
  warnings: string[];
  /** Where the time went (ms): reading facts, scoring, ranking, writing. */
  timings: { loadMs: number; scoreMs: number; rankMs: number; writeMs: number };
}

/** Departments scored from facts per batch: bounded memory, set-based queries per batch. */
const BATCH_DEPARTMENTS = 50;

/**
 * Keeps department scores current. Dirty departments are scored from their facts; the others are
 * read back from their stored rows (claimants of 加分 with their ledgers, since the bonus quota may
 * rebuild them); then the whole peer group is ranked again and only changed ledgers are rewritten.
 * A full recompute scores every member from facts — by construction it yields the same rows.
 * Each run holds a per-assessment advisory lock inside one transaction, so two workers never
 * interleave and a failed run leaves the dirty marks in place.
 */
@Injectable()
export class ScoreRecomputeUseCase {
  private readonly workingDays: WorkingDayCounter;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly schemes: SchemeVersionService,
    @Optional() @Inject(WORKING_DAYS) workingDays?: WorkingDayCounter,
  ) {
    this.workingDays = workingDays ?? createWorkingDayCounter();
  }

  /** The debounced job: consumes the year's dirty marks and recomputes every open assessment they touch. */
  async recomputeDirtyYear(year: number): Promise<RecomputeOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('duban:scoring:' || $1::text))`, [year]);
      // The marks read are locked: a concurrent upsert of one of them waits for this commit and
      // then inserts a fresh mark, so nothing marked during the run is lost.
      const marked: Array<{ department_id: string }> = await manager.query(
        `SELECT department_id FROM score_dirty WHERE year = $1 FOR UPDATE`,
        [year],
      );
      await manager.query(`DELETE FROM score_dirty WHERE year = $1 AND department_id = ANY($2::uuid[])`, [
        year,
        marked.map((row) => row.department_id),
      ]);
      const dirty = new Set(marked.map((row) => row.department_id));
      const outcomes: RecomputeOutcome[] = [];
      const assessments = await manager.getRepository(AssessmentEntity).find({ where: { year, status: 'open' }, order: { createdAt: 'ASC' } });
      for (const assessment of assessments) outcomes.push(await this.recomputeIn(manager, assessment, dirty));
      return outcomes;
    });
  }

  /** Scores every member of the assessment from its facts (also after a scheme change). */
  async recomputeAll(assessmentId: string): Promise<RecomputeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const assessment = await this.lockAssessment(manager, assessmentId);
      return this.recomputeIn(manager, assessment, 'all');
    });
  }

  /** Recomputes a few departments now (an appeal ruling: the score follows at once). */
  async recomputeDepartments(assessmentId: string, departmentIds: readonly string[]): Promise<RecomputeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const assessment = await this.lockAssessment(manager, assessmentId);
      return this.recomputeIn(manager, assessment, new Set(departmentIds));
    });
  }

  /** Within a caller's transaction (finalize uses it before taking the snapshot). */
  async recomputeIn(manager: EntityManager, assessment: AssessmentEntity, dirtyInput: ReadonlySet<string> | 'all'): Promise<RecomputeOutcome> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('duban:assessment:' || $1::text))`, [assessment.id]);
    const scheme = await this.schemes.get(assessment.schemeId, assessment.schemeVersion, manager);
    const members = await loadMembers(manager, assessment.jurisdictionId, scheme);
    const now = this.clock.now();
    const yearEnd = `${assessment.year}-12-31`;
    const today = shanghaiDate(now);
    const asOf = today < yearEnd ? today : yearEnd;
    const outcome: RecomputeOutcome = {
      assessmentId: assessment.id,
      year: assessment.year,
      asOf,
      recomputed: 0,
      rewritten: 0,
      linesWritten: 0,
      members: members.length,
      warnings: [],
      timings: { loadMs: 0, scoreMs: 0, rankMs: 0, writeMs: 0 },
    };
    const t = outcome.timings;
    let mark = performance.now();
    const lap = (key: keyof RecomputeOutcome['timings']) => {
      const now = performance.now();
      t[key] += Math.round(now - mark);
      mark = now;
    };
    if (assessment.status !== 'open') return outcome;

    const stored = await loadStoredScores(manager, assessment.id);
    const dirty = dirtyInput === 'all' ? new Set(members.map((m) => m.id)) : await this.widenDirty(manager, assessment.id, members, stored, dirtyInput, asOf);
    const voided: Array<{ line_key: string }> = await manager.query(
      `SELECT line_key FROM appeals WHERE assessment_id = $1 AND status = 'line_voided'`,
      [assessment.id],
    );
    const voidedKeys = voided.map((row) => row.line_key);

    const scores: DepartmentScore[] = [];
    const full = new Set<string>();
    const dirtyIds = members.filter((m) => dirty.has(m.id)).map((m) => m.id);
    for (let start = 0; start < dirtyIds.length; start += BATCH_DEPARTMENTS) {
      const batch = dirtyIds.slice(start, start + BATCH_DEPARTMENTS);
      const facts = await loadTaskFacts(manager, batch, assessment.year);
      lap('loadMs');
      // One engine call per department: the engine's own measurements show far less GC churn
      // than one call over hundreds of thousands of facts.
      const byDepartment = new Map<string, TaskFact[]>(batch.map((id) => [id, []]));
      for (const fact of facts) byDepartment.get(fact.departmentId)!.push(fact);
      for (const [departmentId, own] of byDepartment) {
        const year = scoreYear({ scheme, year: assessment.year, facts: own, workingDays: this.workingDays, asOf, voidedLineKeys: voidedKeys, departmentIds: [departmentId] });
        outcome.warnings.push(...year.warnings);
        for (const score of year.departments) {
          scores.push(score);
          full.add(score.departmentId);
        }
      }
      lap('scoreMs');
    }
    outcome.recomputed = full.size;

    // Clean departments: only 加分 claimants need their ledgers back (the quota may rebuild them).
    const clean = members.filter((m) => !dirty.has(m.id));
    const claimants = clean.filter((m) => stored.get(m.id)!.bonusClaimed > 0).map((m) => m.id);
    const claimantLines = await loadLines(manager, assessment.id, claimants);
    for (const member of clean) {
      const row = stored.get(member.id)!;
      const lines = claimantLines.get(member.id);
      if (lines) {
        scores.push(scoreFromBasis(basisFromLines(member.id, lines), scheme, { year: assessment.year, asOf: row.asOf }));
        full.add(member.id);
      } else scores.push(lightScore(row, scheme, assessment.year));
    }

    lap('loadMs');
    const ranking = rank(scores, scheme, rankOptionsOf(members));
    const rows: ScoreRow[] = [];
    const changed: Array<{ departmentId: string; lines: DepartmentScore['lines'] }> = [];
    for (const group of ranking.groups) {
      for (const unit of group.departments) {
        const result = unit.result;
        const previous = stored.get(unit.departmentId);
        let hash = previous?.ledgerHash ?? '';
        if (full.has(unit.departmentId)) {
          hash = ledgerHash(result.lines);
          if (hash !== previous?.ledgerHash) changed.push({ departmentId: unit.departmentId, lines: result.lines });
        }
        rows.push({
          departmentId: unit.departmentId,
          peerGroupId: group.peerGroupId,
          rank: unit.rank,
          grade: unit.grade,
          score: result.score,
          added: result.added,
          deducted: result.deducted,
          bonusClaimed: result.bonusClaimed,
          bonusDenied: result.bonusDenied,
          counts: result.counts,
          notes: unit.notes,
          ledgerHash: hash,
          asOf: dirty.has(unit.departmentId) ? asOf : (previous?.asOf ?? asOf),
        });
      }
    }
    lap('rankMs');
    outcome.linesWritten = await replaceLines(manager, assessment.id, changed);
    outcome.rewritten = changed.length;
    await upsertScores(manager, assessment.id, rows, now);
    await manager.query(`DELETE FROM department_scores WHERE assessment_id = $1 AND NOT (department_id = ANY($2::uuid[]))`, [
      assessment.id,
      members.map((m) => m.id),
    ]);
    lap('writeMs');
    return outcome;
  }

  /**
   * Time moves scores without events: a task whose deadline passed since a department was last
   * scored is now missed. Such departments, and members never scored, join the dirty set.
   */
  private async widenDirty(
    manager: EntityManager,
    assessmentId: string,
    members: readonly AssessmentMember[],
    stored: ReadonlyMap<string, StoredScore>,
    dirtyInput: ReadonlySet<string>,
    asOf: string,
  ): Promise<Set<string>> {
    const dirty = new Set<string>();
    for (const member of members) if (dirtyInput.has(member.id) || !stored.has(member.id)) dirty.add(member.id);
    const overdue: Array<{ department_id: string }> = await manager.query(
      `SELECT DISTINCT t.department_id FROM department_scores s
         JOIN tasks t ON t.department_id = s.department_id
        WHERE s.assessment_id = $1 AND s.as_of < $2::date
          AND t.due_date >= s.as_of AND t.due_date <= $2::date AND t.due_date >= $3::date
          AND t.status NOT IN ('completed', 'cancelled')`,
      [assessmentId, asOf, `${asOf.slice(0, 4)}-01-01`],
    );
    for (const row of overdue) dirty.add(row.department_id);
    return dirty;
  }

  private async lockAssessment(manager: EntityManager, assessmentId: string): Promise<AssessmentEntity> {
    const assessment = await manager
      .getRepository(AssessmentEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: assessmentId })
      .getOne();
    if (!assessment) throw new Error(`assessment ${assessmentId} not found`);
    return assessment;
  }
}

/** A clean non-claimant as ranking needs it: the quota never rebuilds it, so its lines stay stored. */
function lightScore(row: StoredScore, scheme: ScoringScheme, year: number): DepartmentScore {
  const counts = Object.fromEntries(TASK_RULE_IDS.map((rule) => [rule, row.counts[rule] ?? { lead: 0, support: 0 }])) as RuleCounts;
  return {
    departmentId: row.departmentId,
    year,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf: row.asOf,
    score: row.score,
    added: row.added,
    deducted: row.deducted,
    bonusClaimed: 0,
    bonusDenied: false,
    lines: [],
    counts,
    basis: { departmentId: row.departmentId, rawLines: [], appealVoided: [] },
  };
}
