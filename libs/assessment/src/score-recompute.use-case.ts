import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';
import { shanghaiDate } from '@duban/domain';
import { AssessmentEntity } from '@duban/persistence';
import { rank, scoreClasses, yearClose, scoreFromBasis, TASK_RULE_IDS, type DepartmentScore } from '@duban/scoring';
import { loadMembers, rankOptionsOf, type AssessmentMember } from './assessment-members.js';
import { scoreDepartmentsLineByLine, voidedLineKeys } from './department-ledger.reader.js';
import { loadFactClasses } from './fact-class.loader.js';
import { loadStoredScores, tallyOf, upsertScores, type ScoreRow, type StoredScore } from './ledger.store.js';
import { SchemeVersionService } from './scheme-version.service.js';
import { SCORING_CALENDAR, createScoringCalendar, sqlCalendar, type ScoringCalendar, type SqlCalendar } from './working-days.provider.js';

export interface RecomputeOutcome {
  assessmentId: string;
  year: number;
  asOf: string;
  /** Departments scored from their facts in this run. */
  recomputed: number;
  /** Of those, scored line by line (they have lines voided by appeal); the rest from fact classes. */
  lineByLine: number;
  /** Departments whose stored row (score, rank, grade, tally…) changed. */
  changed: number;
  members: number;
  warnings: string[];
  /** Where the time went (ms): reading facts, scoring, ranking, writing. */
  timings: { loadMs: number; scoreMs: number; rankMs: number; writeMs: number };
}

/**
 * Departments per fact-class statement: one statement per batch keeps each read bounded while a
 * full year still takes only a handful of round trips.
 */
const BATCH_DEPARTMENTS = 1000;

/**
 * Keeps department scores current. Dirty departments are scored from their facts — reduced in SQL
 * to fact classes (tasks that happened alike, counted) and priced by the engine's class entry
 * point; departments with lines voided by appeal (rare) line by line, since an appeal names one
 * line. Clean departments are read back from their stored tally. Then every peer group is ranked
 * again (the bonus quota may move) and the score rows are upserted. No ledger lines are stored:
 * the ledger is produced on read from the same facts by the same rules, and frozen at finalize.
 * A full recompute scores every member from facts — by construction it yields the same rows.
 * Each run holds a per-assessment advisory lock inside one transaction, so two workers never
 * interleave and a failed run leaves the dirty marks in place.
 */
@Injectable()
export class ScoreRecomputeUseCase {
  private readonly calendar: ScoringCalendar;
  private readonly sqlCalendars = new Map<number, SqlCalendar>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly schemes: SchemeVersionService,
    @Optional() @Inject(SCORING_CALENDAR) calendar?: ScoringCalendar,
  ) {
    this.calendar = calendar ?? createScoringCalendar();
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
    const yearEnd = yearClose(assessment.year, this.calendar.effectiveDueDate);
    const today = shanghaiDate(now);
    const asOf = today < yearEnd ? today : yearEnd;
    const outcome: RecomputeOutcome = {
      assessmentId: assessment.id,
      year: assessment.year,
      asOf,
      recomputed: 0,
      lineByLine: 0,
      changed: 0,
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
    const dirty = dirtyInput === 'all' ? new Set(members.map((m) => m.id)) : await this.widenDirty(manager, assessment.id, members, stored, dirtyInput, assessment.year, asOf);
    const voided = await voidedLineKeys(manager, assessment.id);
    const appealed = new Set(voided.map((v) => v.departmentId));

    const scores: DepartmentScore[] = [];
    const dirtyIds = members.filter((m) => dirty.has(m.id)).map((m) => m.id);
    const byClass = dirtyIds.filter((id) => !appealed.has(id));
    const lineByLine = dirtyIds.filter((id) => appealed.has(id));
    const days = this.sqlCalendarOf(assessment.year);
    for (let start = 0; start < byClass.length; start += BATCH_DEPARTMENTS) {
      const batch = byClass.slice(start, start + BATCH_DEPARTMENTS);
      const classes = await loadFactClasses(manager, batch, assessment.year, asOf, this.calendar, days);
      lap('loadMs');
      for (const [departmentId, own] of classes) {
        const { score, warnings } = scoreClasses({ scheme, year: assessment.year, asOf, effectiveDueDate: this.calendar.effectiveDueDate, departmentId, classes: own });
        outcome.warnings.push(...warnings);
        scores.push(score);
      }
      lap('scoreMs');
    }
    // An appeal voids one line by its key: those departments are scored line by line.
    const request = { year: assessment.year, scheme, calendar: this.calendar, voidedLineKeys: voided.map((v) => v.lineKey) };
    const appealedScores = await scoreDepartmentsLineByLine(manager, request, lineByLine.map((departmentId) => ({ departmentId, asOf })));
    scores.push(...appealedScores.values());
    outcome.recomputed = dirtyIds.length;
    outcome.lineByLine = lineByLine.length;

    // Clean departments from their stored tally: the quota may still move their 加分.
    for (const member of members) {
      if (dirty.has(member.id)) continue;
      const row = stored.get(member.id)!;
      const basis = { departmentId: member.id, rawLines: [], appealVoided: [], tally: tallyOf(row)! };
      scores.push(scoreFromBasis(basis, scheme, { year: assessment.year, asOf: row.asOf }));
    }
    lap('scoreMs');

    const ranking = rank(scores, scheme, rankOptionsOf(members));
    const rows: ScoreRow[] = [];
    for (const group of ranking.groups) {
      for (const unit of group.departments) {
        const result = unit.result;
        const row: ScoreRow = {
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
          ruleCents: result.tally.ruleCents,
          quotaDenial: result.basis.quotaDenial ?? null,
          asOf: result.asOf,
        };
        if (!sameRow(stored.get(unit.departmentId), row)) outcome.changed += 1;
        rows.push(row);
      }
    }
    lap('rankMs');
    await upsertScores(manager, assessment.id, rows, now);
    await manager.query(`DELETE FROM department_scores WHERE assessment_id = $1 AND NOT (department_id = ANY($2::uuid[]))`, [
      assessment.id,
      members.map((m) => m.id),
    ]);
    lap('writeMs');
    return outcome;
  }

  /** The calendar as SQL arrays, built once per year (about 1,800 days). */
  private sqlCalendarOf(year: number): SqlCalendar {
    let days = this.sqlCalendars.get(year);
    if (!days) this.sqlCalendars.set(year, (days = sqlCalendar(this.calendar, year)));
    return days;
  }

  /**
   * Time moves scores without events: a task whose deadline passed since a department was last
   * scored is now missed. Such departments, and members never scored, join the dirty set. A
   * deadline on a holiday counts from the next working day, so deadlines up to ROLL_WINDOW_DAYS
   * before the stored as_of may have become due since.
   */
  private async widenDirty(
    manager: EntityManager,
    assessmentId: string,
    members: readonly AssessmentMember[],
    stored: ReadonlyMap<string, StoredScore>,
    dirtyInput: ReadonlySet<string>,
    year: number,
    asOf: string,
  ): Promise<Set<string>> {
    const dirty = new Set<string>();
    for (const member of members) if (dirtyInput.has(member.id) || !stored.get(member.id)?.ruleCents) dirty.add(member.id);
    const overdue: Array<{ department_id: string }> = await manager.query(
      `SELECT DISTINCT t.department_id FROM department_scores s
         JOIN tasks t ON t.department_id = s.department_id
        WHERE s.assessment_id = $1 AND s.as_of < $2::date
          AND t.due_date > s.as_of - ${ROLL_WINDOW_DAYS} AND t.due_date <= $2::date
          AND t.due_date BETWEEN $3::date AND $4::date
          AND t.status NOT IN ('completed', 'cancelled')`,
      // The year's own tasks only: its close (asOf) may lie in the next January.
      [assessmentId, asOf, `${year}-01-01`, `${year}-12-31`],
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

/** Longer than any run of non-working days a deadline can roll over (Spring Festival, National Day). */
const ROLL_WINDOW_DAYS = 15;

/**
 * Whether a recompute leaves a stored row as it was (the outcome reports how many changed); a
 * later `as_of` alone is not a change: the same facts were simply looked at on a later day.
 */
function sameRow(previous: StoredScore | undefined, row: ScoreRow): boolean {
  if (!previous) return false;
  return (
    previous.score === row.score &&
    previous.rank === row.rank &&
    previous.grade === row.grade &&
    JSON.stringify(previous.notes) === JSON.stringify(row.notes) &&
    previous.added === row.added &&
    previous.deducted === row.deducted &&
    previous.bonusClaimed === row.bonusClaimed &&
    previous.quotaDenial === row.quotaDenial &&
    // jsonb keeps its own key order: compare rule by rule.
    TASK_RULE_IDS.every(
      (rule) =>
        previous.ruleCents?.[rule] === row.ruleCents[rule] &&
        previous.counts[rule]?.lead === row.counts[rule]?.lead &&
        previous.counts[rule]?.support === row.counts[rule]?.support,
    )
  );
}
