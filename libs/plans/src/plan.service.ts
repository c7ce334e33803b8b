import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { isCivilDate } from '@duban/domain';
import { DepartmentEntity, PlanEntity, PlanItemEntity, type PlanTarget } from '@duban/persistence';
import { isValidPlanPath, parentPath } from './plan-path.js';

export interface NewPlan {
  title: string;
  issuers?: string[];
  docNumber?: string | null;
  issueDate?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
  /** Defaults to the coordinator's jurisdiction. */
  jurisdictionId?: string;
}

export interface NewPlanItem {
  path: string;
  kind: 'heading' | 'task';
  heading: string;
  text?: string;
  deadline?: string | null;
  targets?: PlanTarget[];
  category?: string | null;
}

export interface PlanItemView {
  id: string;
  parentId: string | null;
  path: string;
  kind: 'heading' | 'task';
  heading: string;
  text: string;
  deadline: string | null;
  targets: PlanTarget[];
  category: string | null;
}

export interface PlanView {
  id: string;
  title: string;
  issuers: string[];
  docNumber: string | null;
  issueDate: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  jurisdictionId: string;
  createdAt: string;
}

function toPlanView(p: PlanEntity): PlanView {
  return {
    id: p.id,
    title: p.title,
    issuers: p.issuers,
    docNumber: p.docNumber,
    issueDate: p.issueDate,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    jurisdictionId: p.jurisdictionId,
    createdAt: p.createdAt.toISOString(),
  };
}

function toItemView(i: PlanItemEntity): PlanItemView {
  return {
    id: i.id,
    parentId: i.parentId,
    path: i.path,
    kind: i.kind,
    heading: i.heading,
    text: i.text,
    deadline: i.deadline,
    targets: i.targets,
    category: i.category,
  };
}

/** Plans and their item trees, as a coordinating office creates them by hand. */
@Injectable()
export class PlanService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: NewPlan, manager: EntityManager = this.dataSource.manager): Promise<PlanView> {
    this.requireCoordinator(actor);
    const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
    if (!jurisdictionId) throw new DubanError('invalid', '请指定计划所属辖区', { field: 'jurisdictionId' });
    const j = await manager.getRepository(DepartmentEntity).findOneBy({ id: jurisdictionId });
    if (!j || !inJurisdiction(actor, j.path)) {
      throw new DubanError('invalid', '计划所属辖区不在本辖区内', { field: 'jurisdictionId' });
    }
    if (input.issueDate && !isCivilDate(input.issueDate)) {
      throw new DubanError('invalid', `成文日期无效：${input.issueDate}`, { field: 'issueDate' });
    }
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) {
      throw new DubanError('invalid', '规划期结束年份早于开始年份', { field: 'periodEnd' });
    }
    const repo = manager.getRepository(PlanEntity);
    const saved = await repo.save(
      repo.create({
        title: input.title,
        issuers: input.issuers ?? [],
        docNumber: input.docNumber ?? null,
        issueDate: input.issueDate ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        jurisdictionId,
        createdBy: actor.userId,
        // The injected clock, not the database's: a simulated or replayed run dates its plans in its own time.
        createdAt: this.clock.now(),
      }),
    );
    return toPlanView(saved);
  }

  /** Adds items in order; each item's parent (its path minus the last token) must exist already or come earlier. */
  async addItems(actor: Actor, planId: string, items: NewPlanItem[]): Promise<PlanItemView[]> {
    this.requireCoordinator(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.getVisiblePlan(actor, planId, manager);
      const repo = manager.getRepository(PlanItemEntity);
      const existing = await repo.findBy({ planId });
      const byPath = new Map(existing.map((i) => [i.path, i]));
      let position = existing.length;
      const created: PlanItemEntity[] = [];
      for (const [index, item] of items.entries()) {
        const field = (name: string) => `items.${index}.${name}`;
        if (!isValidPlanPath(item.path)) {
          throw new DubanError('invalid', `条目编号格式无效：${item.path}（应如 三.(一).2）`, { field: field('path') });
        }
        if (byPath.has(item.path)) throw new DubanError('conflict', `条目编号重复：${item.path}`, { field: field('path') });
        if (item.deadline && !isCivilDate(item.deadline)) {
          throw new DubanError('invalid', `完成时限无效：${item.deadline}`, { field: field('deadline') });
        }
        const pp = parentPath(item.path);
        const parent = pp === null ? null : byPath.get(pp);
        if (pp !== null && !parent) {
          throw new DubanError('invalid', `条目 ${item.path} 的上级条目 ${pp} 不存在`, { field: field('path') });
        }
        const saved = await repo.save(
          repo.create({
            planId,
            parentId: parent?.id ?? null,
            path: item.path,
            kind: item.kind,
            heading: item.heading,
            text: item.text ?? '',
            deadline: item.deadline ?? null,
            targets: item.targets ?? [],
            category: item.category ?? null,
            position: position++,
          }),
        );
        byPath.set(saved.path, saved);
        created.push(saved);
      }
      return created.map(toItemView);
    });
  }

  async list(actor: Actor): Promise<PlanView[]> {
    const qb = this.dataSource
      .getRepository(PlanEntity)
      .createQueryBuilder('p')
      .innerJoin(DepartmentEntity, 'j', 'j.id = p.jurisdiction_id')
      .orderBy('p.created_at', 'DESC')
      // Plans created at one instant of a fixed or simulated clock still list in a stable order.
      .addOrderBy('p.id', 'DESC');
    if (actor.role === 'department_lead' || actor.role === 'department_staff') {
      // A department sees the plans it has tasks in.
      qb.where('EXISTS (SELECT 1 FROM tasks t WHERE t.plan_id = p.id AND t.department_id = :dep)', { dep: actor.departmentId });
    } else if (actor.jurisdictionPath !== null) {
      qb.where('j.path LIKE :p', { p: `${actor.jurisdictionPath}%` });
    } else if (actor.role !== 'admin') {
      return [];
    }
    return (await qb.getMany()).map(toPlanView);
  }

  async get(actor: Actor, planId: string): Promise<PlanView & { items: PlanItemView[] }> {
    const plan = await this.getVisiblePlan(actor, planId, this.dataSource.manager);
    const items = await this.dataSource.getRepository(PlanItemEntity).find({ where: { planId }, order: { position: 'ASC' } });
    return { ...toPlanView(plan), items: items.map(toItemView) };
  }

  /** The plan when it lies in the actor's jurisdiction (or, for a department, when it has a task in it); else not found. */
  async getVisiblePlan(actor: Actor, planId: string, manager: EntityManager): Promise<PlanEntity> {
    const rows: PlanEntity[] = await manager
      .getRepository(PlanEntity)
      .createQueryBuilder('p')
      .innerJoin(DepartmentEntity, 'j', 'j.id = p.jurisdiction_id')
      .where('p.id = :planId', { planId })
      .andWhere(
        actor.role === 'department_lead' || actor.role === 'department_staff'
          ? 'EXISTS (SELECT 1 FROM tasks t WHERE t.plan_id = p.id AND t.department_id = :dep)'
          : actor.jurisdictionPath === null
            ? actor.role === 'admin'
              ? 'TRUE'
              : 'FALSE'
            : 'j.path LIKE :jp',
        { dep: actor.departmentId, jp: `${actor.jurisdictionPath}%` },
      )
      .getMany();
    if (!rows[0]) throw DubanError.notFound('计划', planId);
    return rows[0];
  }

  private requireCoordinator(actor: Actor): void {
    if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室可以创建和编辑计划');
  }
}
