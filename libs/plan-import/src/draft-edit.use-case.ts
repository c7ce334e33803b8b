import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, isUuid, type Actor } from '@duban/access';
import { isCivilDate } from '@duban/domain';
import { DepartmentEntity, DraftAssignmentEntity, DraftItemEntity, DraftPlanEntity } from '@duban/persistence';
import { proposeDeadline } from './deadline-proposal.js';
import { requireOpen, visibleDraft } from './draft-access.js';
import { toDraftView, type DraftView } from './draft-view.js';
import { isDescendantPath } from './item-paths.js';

export type Role = 'lead' | 'support';

export interface DraftMetadataEdit {
  title?: string;
  docNumber?: string | null;
  issueDate?: string | null;
}

export interface AssignmentEdit {
  /** Reassigns the proposed task, or resolves an unresolved name / a collective to this department. */
  departmentId?: string;
  role?: Role;
  deadline?: string;
}

export interface NewAssignment {
  departmentId: string;
  role: Role;
  /** Defaults to the deadline the item's other tasks have, else the proposed one. */
  deadline?: string;
}

export interface ItemEdit {
  title?: string;
  /** Sets the deadline of every proposed task of the item. */
  deadline?: string;
}

export interface SplitPart {
  title: string;
  text?: string;
}

type Ctx = { manager: EntityManager; draft: DraftPlanEntity };

/**
 * The coordinator's review of a draft: every edit runs in its own transaction under a row lock on
 * the draft, is validated with an error naming the field, and returns the whole updated draft.
 */
@Injectable()
export class DraftEditUseCase {
  constructor(private readonly dataSource: DataSource) {}

  updateMetadata(actor: Actor, draftId: string, edit: DraftMetadataEdit): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ draft }) => {
      if (edit.title !== undefined) {
        if (!edit.title.trim()) throw new DubanError('invalid', '计划标题不能为空', { field: 'title' });
        draft.title = edit.title.trim();
      }
      if (edit.docNumber !== undefined) draft.docNumber = edit.docNumber?.trim() || null;
      if (edit.issueDate !== undefined) draft.issueDate = checkDate(edit.issueDate, 'issueDate', true);
    });
  }

  updateAssignment(actor: Actor, draftId: string, assignmentId: string, edit: AssignmentEdit): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      const a = await assignmentOf(manager, draft, assignmentId);
      if (edit.departmentId !== undefined && edit.departmentId !== a.departmentId) {
        const dep = await departmentIn(manager, draft, edit.departmentId, 'departmentId');
        await refuseTaken(manager, a.draftItemId, dep, a.id);
        a.departmentId = dep.id;
        a.resolutionStatus = 'manual';
        a.resolutionReason = 'coordinator_choice';
        a.resolutionScore = null;
        a.resolutionNote = a.sourceName ? `督查室将“${a.sourceName}”指定为 ${dep.name}` : null;
        a.candidates = [];
      }
      if (edit.role !== undefined) a.role = checkRole(edit.role);
      if (edit.deadline !== undefined) {
        a.deadline = checkDate(edit.deadline, 'deadline', false);
        a.deadlineSource = 'edited';
      }
      await manager.getRepository(DraftAssignmentEntity).save(a);
    });
  }

  addAssignment(actor: Actor, draftId: string, itemId: string, input: NewAssignment): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      const item = await taskItemOf(manager, draft, itemId, 'itemId');
      const dep = await departmentIn(manager, draft, input.departmentId, 'departmentId');
      await refuseTaken(manager, item.id, dep, null);
      const role = checkRole(input.role);
      const sibling = await manager.getRepository(DraftAssignmentEntity).findOne({ where: { draftItemId: item.id }, order: { position: 'ASC' } });
      const proposed = input.deadline !== undefined
        ? { deadline: checkDate(input.deadline, 'deadline', false), source: 'edited' as const }
        : sibling
          ? { deadline: sibling.deadline, source: sibling.deadlineSource }
          : await proposedFor(manager, draft, item);
      await manager.getRepository(DraftAssignmentEntity).insert({
        draftId: draft.id, draftItemId: item.id, departmentId: dep.id, sourceName: null, role,
        deadline: proposed.deadline, deadlineSource: proposed.source,
        resolutionStatus: 'manual', resolutionReason: 'coordinator_added', resolutionScore: null, resolutionNote: null, candidates: [],
        position: await nextPosition(manager, draft.id),
      });
    });
  }

  removeAssignment(actor: Actor, draftId: string, assignmentId: string): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      const a = await assignmentOf(manager, draft, assignmentId);
      await manager.getRepository(DraftAssignmentEntity).delete({ id: a.id });
    });
  }

  updateItem(actor: Actor, draftId: string, itemId: string, edit: ItemEdit): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      const item = await itemOf(manager, draft, itemId, 'itemId');
      if (edit.title !== undefined) {
        if (!edit.title.trim()) throw new DubanError('invalid', '条目标题不能为空', { field: 'title' });
        item.title = edit.title.trim();
      }
      if (edit.deadline !== undefined) {
        if (item.kind !== 'task') throw new DubanError('invalid', `条目 ${item.path} 是标题，不生成任务，不能设置完成时限`, { field: 'deadline' });
        item.deadline = checkDate(edit.deadline, 'deadline', false);
        item.deadlineText = null;
        await manager.getRepository(DraftAssignmentEntity).update({ draftItemId: item.id }, { deadline: item.deadline, deadlineSource: 'edited' });
      }
      await manager.getRepository(DraftItemEntity).save(item);
    });
  }

  /** Folds `sourceItemId` into `targetItemId`: text and targets appended, departments united (a lead stays lead). */
  mergeItems(actor: Actor, draftId: string, sourceItemId: string, targetItemId: string): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      if (sourceItemId === targetItemId) throw new DubanError('invalid', '不能将条目与自身合并', { field: 'sourceItemId' });
      const source = await taskItemOf(manager, draft, sourceItemId, 'sourceItemId');
      const target = await taskItemOf(manager, draft, targetItemId, 'targetItemId');
      const repo = manager.getRepository(DraftAssignmentEntity);
      const kept = await repo.findBy({ draftItemId: target.id });
      for (const a of await repo.findBy({ draftItemId: source.id })) {
        const same = kept.find((k) => (a.departmentId ? k.departmentId === a.departmentId : k.departmentId === null && k.sourceName === a.sourceName));
        if (same) {
          if (a.role === 'lead' && same.role !== 'lead') await repo.update({ id: same.id }, { role: 'lead' });
          await repo.delete({ id: a.id });
        } else {
          await repo.update({ id: a.id }, { draftItemId: target.id });
          kept.push(a);
        }
      }
      target.text = [target.text, source.text].filter(Boolean).join('\n');
      target.targets = [...target.targets, ...source.targets];
      await manager.getRepository(DraftItemEntity).save(target);
      await manager.getRepository(DraftItemEntity).delete({ id: source.id });
    });
  }

  /**
   * Splits one action into several: the item becomes a heading and each part a task under it
   * (`path.1`, `path.2`, …) with a copy of the item's proposed tasks.
   */
  splitItem(actor: Actor, draftId: string, itemId: string, parts: SplitPart[]): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ manager, draft }) => {
      const item = await taskItemOf(manager, draft, itemId, 'itemId');
      if (parts.length < 2) throw new DubanError('invalid', '拆分至少需要两个部分', { field: 'parts' });
      parts.forEach((p, i) => {
        if (!p.title?.trim()) throw new DubanError('invalid', `第 ${i + 1} 部分缺少标题`, { field: `parts.${i}.title` });
      });
      const itemRepo = manager.getRepository(DraftItemEntity);
      const all = await itemRepo.find({ where: { draftId: draft.id }, order: { position: 'ASC' } });
      if (all.some((i) => isDescendantPath(i.path, item.path))) throw new DubanError('invalid', `条目 ${item.path} 已有下级条目，不能拆分`, { field: 'itemId' });
      // Children go right after the item; later items move down to make room.
      await itemRepo.createQueryBuilder().update().set({ position: () => `position + ${parts.length}` }).where('draft_id = :d AND position > :p', { d: draft.id, p: item.position }).execute();
      const repo = manager.getRepository(DraftAssignmentEntity);
      const original = await repo.find({ where: { draftItemId: item.id }, order: { position: 'ASC' } });
      let position = await nextPosition(manager, draft.id);
      for (const [i, part] of parts.entries()) {
        const child = itemRepo.create({
          id: randomUUID(), draftId: draft.id, path: `${item.path}.${i + 1}`, kind: 'task', title: part.title.trim(), text: part.text?.trim() || part.title.trim(),
          deadline: item.deadline, deadlineText: item.deadlineText, recurrence: item.recurrence, targets: [], sourceLine: item.sourceLine, position: item.position + 1 + i,
        });
        await itemRepo.insert(child);
        for (const a of original) {
          const { id: _id, ...copy } = a;
          await repo.insert({ ...copy, draftItemId: child.id, position: position++ });
        }
      }
      await repo.delete({ draftItemId: item.id });
      item.kind = 'heading';
      await itemRepo.save(item);
    });
  }

  discard(actor: Actor, draftId: string): Promise<DraftView> {
    return this.edit(actor, draftId, async ({ draft }) => {
      draft.status = 'discarded';
    });
  }

  private async edit(actor: Actor, draftId: string, change: (ctx: Ctx) => Promise<void>): Promise<DraftView> {
    return this.dataSource.transaction(async (manager) => {
      const draft = await visibleDraft(manager, actor, draftId, true);
      requireOpen(draft);
      await change({ manager, draft });
      const { title, docNumber, issueDate, status } = draft;
      // Every edit stamps the draft, also those that only touch its items.
      await manager.getRepository(DraftPlanEntity).update({ id: draft.id }, { title, docNumber, issueDate, status, updatedAt: () => 'now()' });
      return toDraftView(manager, await manager.getRepository(DraftPlanEntity).findOneByOrFail({ id: draft.id }));
    });
  }
}

function checkDate(value: string | null, field: string, nullable: boolean): string | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'string' || !isCivilDate(value)) throw new DubanError('invalid', `日期无效：${String(value)}（应为 YYYY-MM-DD）`, { field });
  return value;
}

function checkRole(role: string): Role {
  if (role !== 'lead' && role !== 'support') throw new DubanError('invalid', `角色无效：${role}（应为 lead 或 support）`, { field: 'role' });
  return role;
}

async function itemOf(manager: EntityManager, draft: DraftPlanEntity, itemId: string, field: string): Promise<DraftItemEntity> {
  const item = isUuid(itemId) ? await manager.getRepository(DraftItemEntity).findOneBy({ id: itemId, draftId: draft.id }) : null;
  if (!item) throw new DubanError('not_found', `草稿条目不存在：${itemId}`, { field });
  return item;
}

async function taskItemOf(manager: EntityManager, draft: DraftPlanEntity, itemId: string, field: string): Promise<DraftItemEntity> {
  const item = await itemOf(manager, draft, itemId, field);
  if (item.kind !== 'task') throw new DubanError('invalid', `条目 ${item.path} 是标题，不是任务条目`, { field });
  return item;
}

async function assignmentOf(manager: EntityManager, draft: DraftPlanEntity, id: string): Promise<DraftAssignmentEntity> {
  const a = isUuid(id) ? await manager.getRepository(DraftAssignmentEntity).findOneBy({ id, draftId: draft.id }) : null;
  if (!a) throw new DubanError('not_found', `拟交办任务不存在：${id}`, { field: 'assignmentId' });
  return a;
}

async function departmentIn(manager: EntityManager, draft: DraftPlanEntity, id: string, field: string): Promise<DepartmentEntity> {
  const dep = isUuid(id) ? await manager.getRepository(DepartmentEntity).findOneBy({ id }) : null;
  if (!dep) throw new DubanError('invalid', `单位不存在：${id}`, { field });
  const root = await manager.getRepository(DepartmentEntity).findOneByOrFail({ id: draft.jurisdictionId });
  if (!dep.path.startsWith(root.path)) throw new DubanError('invalid', `单位“${dep.name}”不在本计划的辖区内`, { field });
  return dep;
}

async function refuseTaken(manager: EntityManager, itemId: string, dep: DepartmentEntity, except: string | null): Promise<void> {
  const taken = await manager.getRepository(DraftAssignmentEntity).findOneBy({ draftItemId: itemId, departmentId: dep.id });
  if (taken && taken.id !== except) throw new DubanError('conflict', `该条目已有单位“${dep.name}”`, { field: 'departmentId', assignmentId: taken.id });
}

async function nextPosition(manager: EntityManager, draftId: string): Promise<number> {
  const [row] = await manager.query(`SELECT coalesce(max(position), -1) + 1 AS n FROM draft_assignments WHERE draft_id = $1`, [draftId]);
  return Number(row.n);
}

async function proposedFor(manager: EntityManager, draft: DraftPlanEntity, item: DraftItemEntity) {
  const items = await manager.getRepository(DraftItemEntity).findBy({ draftId: draft.id });
  const p = proposeDeadline(item, new Map(items.map((i) => [i.path, i])), draft.periodEnd);
  return { deadline: p.deadline, source: p.source };
}
