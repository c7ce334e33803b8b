import type { EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, isUuid, type Actor } from '@duban/access';
import { DepartmentEntity, DraftPlanEntity } from '@duban/persistence';

export function requireCoordinator(actor: Actor): void {
  if (actor.role !== 'coordinator') throw new DubanError('forbidden', '只有督查室可以导入和审核计划');
}

/**
 * The draft when it belongs to the coordinator's jurisdiction; otherwise not found (a draft of
 * another jurisdiction does not exist for this caller). `lock` takes a row lock for edits and
 * publication, so concurrent edits of one draft run one after the other.
 */
export async function visibleDraft(manager: EntityManager, actor: Actor, draftId: string, lock = false): Promise<DraftPlanEntity> {
  requireCoordinator(actor);
  if (!isUuid(draftId)) throw DubanError.notFound('计划草稿', draftId);
  const draft = await manager.getRepository(DraftPlanEntity).findOne({ where: { id: draftId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!draft) throw DubanError.notFound('计划草稿', draftId);
  const j = await manager.getRepository(DepartmentEntity).findOneBy({ id: draft.jurisdictionId });
  if (!j || !inJurisdiction(actor, j.path)) throw DubanError.notFound('计划草稿', draftId);
  return draft;
}

/** Edits and publication need a draft still under review. */
export function requireOpen(draft: DraftPlanEntity): void {
  if (draft.status === 'published') {
    throw new DubanError('conflict', `该草稿已发布为计划 ${draft.planId}，不能再修改或重复发布`, { draftId: draft.id, planId: draft.planId, status: draft.status });
  }
  if (draft.status === 'discarded') throw new DubanError('conflict', '该草稿已放弃', { draftId: draft.id, status: draft.status });
}
