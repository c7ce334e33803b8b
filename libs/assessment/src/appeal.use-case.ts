import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { isDepartmentRole } from '@duban/domain';
import { AppealEntity } from '@duban/persistence';
import { TASK_RULE_IDS } from '@duban/scoring';
import { AssessmentService, assertCommittee, assertCommitteeReader } from './assessment.service.js';
import { ScoreQueryService } from './score-query.service.js';
import { ScoreRecomputeUseCase } from './score-recompute.use-case.js';

export type AppealDecision = 'void_line' | 'keep_line';

export interface AppealView {
  id: string;
  departmentId: string;
  lineKey: string;
  linePoints: number;
  lineReason: string;
  reason: string;
  status: AppealEntity['status'];
  filedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

/**
 * 申诉: a department disputes one of its own task-rule lines; the committee voids it (the line gets
 * an `appeal:` counter-line and the score follows at once) or keeps it. Only open years.
 */
@Injectable()
export class AppealUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly assessments: AssessmentService,
    private readonly recompute: ScoreRecomputeUseCase,
    private readonly queries: ScoreQueryService,
  ) {}

  async file(actor: Actor, year: number, input: { lineKey: string; reason: string }, jurisdictionId?: string): Promise<AppealView> {
    if (!isDepartmentRole(actor.role)) throw new DubanError('forbidden', '申诉由承办单位提出');
    const reason = input.reason?.trim();
    if (!reason) throw new DubanError('invalid', '请填写申诉理由', { field: 'reason' });
    if (!input.lineKey) throw new DubanError('invalid', '请指定申诉的扣分条目', { field: 'lineKey' });
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    if (ref.assessment.status !== 'open') throw new DubanError('conflict', `${year}年度考核已定稿，不再受理申诉`);
    // The department's own ledger as it reads it now: an appeal can only name one of its lines.
    const ledger = (await this.queries.ledgersOf(ref, [actor.departmentId])).get(actor.departmentId)!;
    const line = ledger.lines.find((candidate) => candidate.key === input.lineKey);
    if (!line) throw new DubanError('not_found', '本单位没有该考核条目', { field: 'lineKey' });
    if (!(TASK_RULE_IDS as readonly string[]).includes(line.rule)) {
      throw new DubanError('invalid', '只能对具体任务的加减分条目申诉（基础分、封顶和名额调整不受理）', { field: 'lineKey' });
    }
    const repo = this.dataSource.getRepository(AppealEntity);
    if (await repo.existsBy({ assessmentId: ref.assessment.id, lineKey: input.lineKey, status: 'pending' })) {
      throw new DubanError('conflict', '该条目已有待处理的申诉', { field: 'lineKey' });
    }
    const saved = await repo.save(
      repo.create({
        assessmentId: ref.assessment.id,
        departmentId: actor.departmentId,
        lineKey: input.lineKey,
        lineReason: line.reason,
        linePoints: String(line.points),
        reason,
        status: 'pending',
        filedBy: actor.userId,
        filedAt: this.clock.now(),
      }),
    );
    return view(saved);
  }

  async decide(actor: Actor, appealId: string, input: { decision: AppealDecision; note?: string }): Promise<AppealView> {
    if (input.decision !== 'void_line' && input.decision !== 'keep_line') {
      throw new DubanError('invalid', '裁决须为 void_line（核减该条目）或 keep_line（维持）', { field: 'decision' });
    }
    const repo = this.dataSource.getRepository(AppealEntity);
    const appeal = await repo.findOneBy({ id: appealId });
    if (!appeal) throw DubanError.notFound('申诉', appealId);
    const ref = await this.assessments.byId(appeal.assessmentId);
    assertCommittee(actor, ref);
    if (ref.assessment.status !== 'open') throw new DubanError('conflict', '该年度考核已定稿，不能再裁决申诉');
    const updated = await repo
      .createQueryBuilder()
      .update()
      .set({
        status: input.decision === 'void_line' ? 'line_voided' : 'line_kept',
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        decisionNote: input.note?.trim() || null,
      })
      .where('id = :id AND status = :pending', { id: appealId, pending: 'pending' })
      .execute();
    if (updated.affected !== 1) throw new DubanError('conflict', '该申诉已裁决');
    if (input.decision === 'void_line') await this.recompute.recomputeDepartments(appeal.assessmentId, [appeal.departmentId]);
    return view(await repo.findOneByOrFail({ id: appealId }));
  }

  async list(actor: Actor, year: number, jurisdictionId?: string): Promise<AppealView[]> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    if (!isDepartmentRole(actor.role)) assertCommitteeReader(actor, ref);
    const where = isDepartmentRole(actor.role)
      ? { assessmentId: ref.assessment.id, departmentId: actor.departmentId }
      : { assessmentId: ref.assessment.id };
    const rows = await this.dataSource.getRepository(AppealEntity).find({ where, order: { filedAt: 'ASC' } });
    return rows.map(view);
  }
}

function view(a: AppealEntity): AppealView {
  return {
    id: a.id,
    departmentId: a.departmentId,
    lineKey: a.lineKey,
    linePoints: Number(a.linePoints),
    lineReason: a.lineReason,
    reason: a.reason,
    status: a.status,
    filedAt: a.filedAt.toISOString(),
    decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
    decisionNote: a.decisionNote,
  };
}
