import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { DraftPlanEntity, PlanEntity, PlanItemEntity } from '@duban/persistence';
import { insertAssignedTask } from '@duban/tasks';
import { requireOpen, visibleDraft } from './draft-access.js';
import { loadDraftRows, problemsOf } from './draft-view.js';
import { nearestExisting } from './item-paths.js';

export interface PublishResult {
  draftId: string;
  planId: string;
  items: number;
  tasks: number;
}

/**
 * Publishes a reviewed draft: the plan, its item tree and every task with its TaskAssigned event
 * and outbox row, all in ONE transaction. A draft with blocking problems, or one already
 * published, is refused with a conflict that lists why.
 */
@Injectable()
export class DraftPublishUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(actor: Actor, draftId: string): Promise<PublishResult> {
    return this.dataSource.transaction(async (manager) => {
      const draft = await visibleDraft(manager, actor, draftId, true);
      requireOpen(draft);
      const rows = await loadDraftRows(manager, draft.id);
      const blocking = problemsOf(draft, rows).filter((p) => p.blocking);
      if (blocking.length) {
        throw new DubanError('conflict', `草稿还有 ${blocking.length} 个问题需要处理，不能发布：${blocking.slice(0, 5).map((p) => p.message).join('；')}${blocking.length > 5 ? '……' : ''}`, { problems: blocking });
      }
      const now = this.clock.now();
      const plan = await manager.getRepository(PlanEntity).save(
        manager.getRepository(PlanEntity).create({
          title: draft.title!,
          issuers: draft.issuers,
          docNumber: draft.docNumber,
          issueDate: draft.issueDate,
          periodStart: draft.periodStart,
          periodEnd: draft.periodEnd,
          jurisdictionId: draft.jurisdictionId,
          createdBy: actor.userId,
          createdAt: now,
        }),
      );
      const byPath = new Map<string, PlanItemEntity>();
      const planItemOf = new Map<string, PlanItemEntity>();
      for (const [position, item] of rows.items.entries()) {
        const own = rows.assignments.filter((a) => a.draftItemId === item.id);
        const row = manager.getRepository(PlanItemEntity).create({
          planId: plan.id,
          parentId: nearestExisting(item.path, byPath)?.id ?? null,
          path: item.path,
          kind: item.kind,
          heading: item.title,
          text: item.text,
          // The item's deadline is the one its tasks share (the latest when they were set apart).
          deadline: own.map((a) => a.deadline!).sort().at(-1) ?? item.deadline,
          targets: item.targets,
          category: null,
          position,
        });
        const saved = await manager.getRepository(PlanItemEntity).save(row);
        byPath.set(item.path, saved);
        planItemOf.set(item.id, saved);
      }
      let tasks = 0;
      for (const a of rows.assignments) {
        const item = planItemOf.get(a.draftItemId)!;
        if (item.kind !== 'task') continue;
        await insertAssignedTask(manager, {
          planId: plan.id, planItemId: item.id, path: item.path, heading: item.heading,
          departmentId: a.departmentId!, role: a.role, dueDate: a.deadline!, actorId: actor.userId, now,
        });
        tasks++;
      }
      await manager.getRepository(DraftPlanEntity).update({ id: draft.id }, { status: 'published', planId: plan.id, publishedAt: now, updatedAt: () => 'now()' });
      return { draftId: draft.id, planId: plan.id, items: rows.items.length, tasks };
    });
  }
}
