import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { isDepartmentRole } from '@duban/domain';
import { AssessmentEntity, DepartmentEntity } from '@duban/persistence';
import { SchemeVersionService } from './scheme-version.service.js';

export interface OpenAssessmentInput {
  year: number;
  jurisdictionId: string;
  schemeId: string;
  schemeVersion: number;
}

export interface AssessmentRef {
  assessment: AssessmentEntity;
  root: DepartmentEntity;
}

/** Finds and opens a jurisdiction's annual assessment, and says who may look at it. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schemes: SchemeVersionService,
  ) {}

  /** Opens the year (idempotent for the same scheme); an open year may switch scheme versions, a finalized one never. */
  async open(input: OpenAssessmentInput): Promise<AssessmentEntity> {
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
      throw new DubanError('invalid', `考核年度无效：${input.year}`, { field: 'year' });
    }
    await this.schemes.get(input.schemeId, input.schemeVersion);
    const repo = this.dataSource.getRepository(AssessmentEntity);
    if (!(await this.dataSource.getRepository(DepartmentEntity).existsBy({ id: input.jurisdictionId }))) {
      throw new DubanError('invalid', `辖区单位不存在：${input.jurisdictionId}`, { field: 'jurisdictionId' });
    }
    const existing = await repo.findOneBy({ jurisdictionId: input.jurisdictionId, year: input.year });
    if (!existing) return repo.save(repo.create({ ...input, status: 'open' }));
    if (existing.schemeId === input.schemeId && existing.schemeVersion === input.schemeVersion) return existing;
    if (existing.status === 'finalized') throw new DubanError('conflict', `${input.year}年度考核已定稿，不能更换考核方案`);
    return this.dataSource.transaction(async (manager) => {
      existing.schemeId = input.schemeId;
      existing.schemeVersion = input.schemeVersion;
      const saved = await manager.getRepository(AssessmentEntity).save(existing);
      // Scores of the old version must not be ranked with the new: without stored rows every
      // member is dirty, so the next recompute scores the whole year under the new version.
      await manager.query(`DELETE FROM department_scores WHERE assessment_id = $1`, [existing.id]);
      return saved;
    });
  }

  /**
   * The assessment an actor means by "year": the given jurisdiction, else the actor's own
   * (coordinators, assessors), else the nearest one above the actor's department (department roles).
   */
  async resolve(actor: Actor, year: number, jurisdictionId?: string, manager: EntityManager = this.dataSource.manager): Promise<AssessmentRef> {
    const rows: Array<{ id: string }> = jurisdictionId
      ? await manager.query(`SELECT id FROM assessments WHERE year = $1 AND jurisdiction_id = $2`, [year, jurisdictionId])
      : !isDepartmentRole(actor.role) && actor.jurisdictionId
        ? await manager.query(`SELECT id FROM assessments WHERE year = $1 AND jurisdiction_id = $2`, [year, actor.jurisdictionId])
        : await manager.query(
            `SELECT a.id FROM assessments a JOIN departments root ON root.id = a.jurisdiction_id
               JOIN departments d ON d.id = $2
              WHERE a.year = $1 AND d.path LIKE root.path || '%' ORDER BY length(root.path) DESC LIMIT 1`,
            [year, actor.departmentId],
          );
    if (rows.length === 0) throw new DubanError('not_found', `没有${year}年度的考核`, { year });
    return this.byId(rows[0].id, manager);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<AssessmentRef> {
    const assessment = await manager.getRepository(AssessmentEntity).findOneBy({ id });
    if (!assessment) throw DubanError.notFound('考核', id);
    const root = await manager.getRepository(DepartmentEntity).findOneByOrFail({ id: assessment.jurisdictionId });
    return { assessment, root };
  }

  async openAssessmentsOfYear(year: number, manager: EntityManager = this.dataSource.manager): Promise<AssessmentEntity[]> {
    return manager.getRepository(AssessmentEntity).find({ where: { year, status: 'open' }, order: { createdAt: 'ASC' } });
  }
}

/** Committee views (whole table, what-if, export): assessors, coordinators and admins of the jurisdiction. */
export function assertCommitteeReader(actor: Actor, ref: AssessmentRef): void {
  if (isDepartmentRole(actor.role)) throw new DubanError('forbidden', '承办单位只能查看本单位的考核明细');
  if (!covers(actor, ref)) throw new DubanError('not_found', '考核不存在', { assessmentId: ref.assessment.id });
}

/** Committee decisions (appeal rulings, finalize): assessors and admins only. */
export function assertCommittee(actor: Actor, ref: AssessmentRef): void {
  assertCommitteeReader(actor, ref);
  if (actor.role !== 'assessor' && actor.role !== 'admin') throw new DubanError('forbidden', '只有考核委员会可以执行此操作');
}

/** One department's ledger: the committee, or that department's own people. */
export function assertDepartmentReader(actor: Actor, ref: AssessmentRef, departmentId: string): void {
  if (isDepartmentRole(actor.role)) {
    // Another department's ledger does not exist for you (no IDOR oracle).
    if (actor.departmentId !== departmentId) throw new DubanError('not_found', '该单位的考核明细不存在', { departmentId });
    return;
  }
  assertCommitteeReader(actor, ref);
}

function covers(actor: Actor, ref: AssessmentRef): boolean {
  if (actor.role === 'admin' && actor.jurisdictionPath === null) return true;
  return actor.jurisdictionPath !== null && ref.root.path.startsWith(actor.jurisdictionPath);
}
