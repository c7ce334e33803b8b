import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { AssessmentEntity } from '@duban/persistence';
import { AssessmentService, assertCommittee } from './assessment.service.js';
import { ScoreRecomputeUseCase } from './score-recompute.use-case.js';
import { SchemeVersionService } from './scheme-version.service.js';

export interface FinalizeResult {
  assessmentId: string;
  year: number;
  asOf: string;
  departments: number;
}

/**
 * 定稿: recomputes the year in full, then copies every score with rank, grade and its ledger into
 * `final_scores`, marks the assessment finalized and freezes the scheme version — one transaction.
 * From then on the recompute skips the year and readers see the snapshot: later events move nothing.
 */
@Injectable()
export class ScoreFinalizeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly assessments: AssessmentService,
    private readonly recompute: ScoreRecomputeUseCase,
    private readonly schemes: SchemeVersionService,
  ) {}

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
}
