import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { AssessmentEntity } from '@duban/persistence';
import { AssessmentService, assertCommittee } from './assessment.service.js';
import { scoreDepartmentsLineByLine, voidedLineKeys } from './department-ledger.reader.js';
import { loadStoredScores, replaceLines } from './ledger.store.js';
import { ScoreRecomputeUseCase } from './score-recompute.use-case.js';
import { SchemeVersionService } from './scheme-version.service.js';
import { SCORING_CALENDAR, createScoringCalendar, type ScoringCalendar } from './working-days.provider.js';

/** Departments whose ledgers are built and written per step of the materialization. */
const LEDGER_BATCH = 50;

export interface FinalizeResult {
  assessmentId: string;
  year: number;
  asOf: string;
  departments: number;
}

/**
 * 定稿: recomputes the year in full, materializes every department's ledger (line by line from its
 * facts, checked to sum to its score) into `ledger_lines`, copies every score with rank, grade and
 * its ledger into `final_scores`, marks the assessment finalized and freezes the scheme version —
 * one transaction. From then on the recompute skips the year and readers see the snapshot: later
 * events move nothing.
 */
@Injectable()
export class ScoreFinalizeUseCase {
  private readonly calendar: ScoringCalendar;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly assessments: AssessmentService,
    private readonly recompute: ScoreRecomputeUseCase,
    private readonly schemes: SchemeVersionService,
    @Optional() @Inject(SCORING_CALENDAR) calendar?: ScoringCalendar,
  ) {
    this.calendar = calendar ?? createScoringCalendar();
  }

  async finalize(actor: Actor, year: number, jurisdictionId?: string): Promise<FinalizeResult> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertCommittee(actor, ref);
    return this.dataSource.transaction(async (manager) => {
      const assessment = await manager
        .getRepository(AssessmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: ref.assessment.id })
        .getOneOrFail();
      if (assessment.status === 'finalized') throw new DubanError('conflict', `${year}年度考核已于${assessment.finalAsOf}定稿`);
      const outcome = await this.recompute.recomputeIn(manager, assessment, 'all');
      await this.materializeLedgers(manager, assessment);
      const now = this.clock.now();
      const copied: Array<{ department_id: string }> = await manager.query(
        `INSERT INTO final_scores (assessment_id, department_id, peer_group_id, rank, grade, score, added, deducted, notes, lines, finalized_at)
         SELECT s.assessment_id, s.department_id, s.peer_group_id, s.rank, s.grade, s.score, s.added, s.deducted, s.notes,
                coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                          'key', l.line_key, 'departmentId', l.department_id, 'taskId', coalesce(l.task_id::text, '-'),
                          'eventId', l.event_ref, 'rule', l.rule, 'points', l.points, 'reason', l.reason, 'role', l.role,
                          'date', to_char(l.line_date, 'YYYY-MM-DD'), 'adjusts', l.adjusts)) ORDER BY l.position)
                            FROM ledger_lines l WHERE l.assessment_id = s.assessment_id AND l.department_id = s.department_id), '[]'::jsonb),
                $2
           FROM department_scores s WHERE s.assessment_id = $1
         RETURNING department_id`,
        [assessment.id, now],
      );
      await manager.update(AssessmentEntity, { id: assessment.id }, { status: 'finalized', finalAsOf: outcome.asOf, finalizedAt: now, finalizedBy: actor.userId });
      await this.schemes.freeze(manager, assessment.schemeId, assessment.schemeVersion, now);
      return { assessmentId: assessment.id, year, asOf: outcome.asOf, departments: copied.length };
    });
  }

  /**
   * Writes every department's ledger into `ledger_lines`, produced by the same engine the scores
   * were settled with. A ledger that does not sum to its score would be a defect: it stops the
   * finalization (the transaction rolls back) instead of freezing a page that contradicts itself.
   */
  private async materializeLedgers(manager: EntityManager, assessment: AssessmentEntity): Promise<void> {
    await manager.query(`DELETE FROM ledger_lines WHERE assessment_id = $1`, [assessment.id]);
    const scheme = await this.schemes.get(assessment.schemeId, assessment.schemeVersion, manager);
    const stored = [...(await loadStoredScores(manager, assessment.id)).values()];
    const voided = await voidedLineKeys(manager, assessment.id);
    const request = { year: assessment.year, scheme, calendar: this.calendar, voidedLineKeys: voided.map((v) => v.lineKey) };
    for (let start = 0; start < stored.length; start += LEDGER_BATCH) {
      const batch = stored.slice(start, start + LEDGER_BATCH);
      const scored = await scoreDepartmentsLineByLine(manager, request, batch);
      const ledgers = batch.map((row) => {
        const score = scored.get(row.departmentId)!;
        if (score.score !== row.score) {
          throw new Error(`定稿中止：单位 ${row.departmentId} 的考核明细合计 ${score.score} 分与得分 ${row.score} 分不一致`);
        }
        return { departmentId: row.departmentId, lines: score.lines };
      });
      await replaceLines(manager, assessment.id, ledgers);
    }
  }
}
